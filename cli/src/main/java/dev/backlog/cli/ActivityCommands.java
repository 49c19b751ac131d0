package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Limits;
import dev.backlog.model.Timestamps;
import dev.backlog.query.Inputs;
import dev.backlog.query.Views.EventList;
import dev.backlog.query.Views.VerifyReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backlog activity} and {@code activity verify} (SPEC §3.8, §12.9). */
@Command(name = "activity", description = "The activity log: events newest first")
final class ActivityCommands extends Base {
    @Option(names = {"-p", "--project"}) String project;
    @Option(names = "--task", paramLabel = "REF") String task;
    @Option(names = "--kind", paramLabel = "ENTITY") List<String> kind;
    @Option(names = "--type", paramLabel = "EVENT") List<String> type;
    @Option(names = "--actor", paramLabel = "KIND:NAME") String actor;
    @Option(names = "--actor-kind") String actorKind;
    @Option(names = "--actor-name") String actorName;
    @Option(names = "--since") String since;
    @Option(names = "--after", paramLabel = "SEQ") String after;
    @Option(names = "--before", paramLabel = "SEQ") String before;
    @Option(names = "--order") String order;
    @Option(names = "--limit") String limit;

    ActivityCommands(App app) {
        super(app);
    }

    @Override
    int run() {
        List<String> kinds = dev.backlog.query.Inputs.entityKinds(kind);
        String[] author = Args.actorFilter(actor, actorKind, actorName);
        Args.order(order);
        EventList l = queries().activity(project, task, kinds, TaskCommands.eventTypes(type), author[0], author[1],
                since(since), Args.optional("after", after),
                Args.optional("before", before), "asc".equals(order),
                Args.limit("limit", limit, 50, Limits.ACTIVITY_LIMIT), 0);
        return print(l, null, () -> Render.activity(l));
    }

    /** {@code --since}: a duration back from now, {@code all}, a date or an instant. */
    static String since(String text) {
        return dev.backlog.query.Inputs.since(text, Instant.now());
    }

    @Command(name = "verify", description = "Recompute the event hash chain")
    static final class Verify extends Base {
        @Option(names = "--expect-head", paramLabel = "HASH") String expectHead;

        Verify(App app) {
            super(app);
        }

        @Override
        int run() {
            if (expectHead != null && !expectHead.matches("[0-9a-fA-F]{64}")) {
                throw BacklogException.invalid("expect_head", expectHead, "--expect-head must be a 64-digit hex hash");
            }
            VerifyReport r = queries().verify(expectHead);
            return print(r, "Event chain intact: " + r.events() + " events, head " + r.headHash(), null);
        }
    }

    @Command(name = "analyze", description = "Flow metrics of a project: lead and cycle time, throughput, claims, stale work")
    static final class Analyze extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--since", description = "Window start: duration (default 7d), all, a date or an instant") String since;
        @Option(names = "--stale-after", paramLabel = "D", description = "Age that makes doing work stale (default 7d)") String staleAfter;
        @Option(names = "--limit", description = "Rows per list (default 10, 0 = all)") String limit;

        Analyze(App app) {
            super(app);
        }

        @Override
        int run() {
            var r = queries().analyze(s().projectTarget(project), since == null ? "7d" : since, staleAfter == null ? "7d" : staleAfter,
                    Inputs.limit("limit", limit, 10, Integer.MAX_VALUE));
            return print(r, null, () -> {
                StringBuilder sb = new StringBuilder();
                sb.append("Project ").append(r.project()).append(", since ").append(r.since()).append('\n');
                var t = r.tasks();
                sb.append("Tasks: ").append(t.created()).append(" created, ").append(t.completed()).append(" completed; now ")
                        .append(t.todo()).append(" todo, ").append(t.doing()).append(" doing, ").append(t.review()).append(" review, ")
                        .append(t.done()).append(" done\n");
                sb.append("Lead time: ").append(duration(r.leadTime())).append("; cycle time: ").append(duration(r.cycleTime())).append('\n');
                sb.append("Closed by humans ").append(r.closesByActorKind().human()).append(", by agents ").append(r.closesByActorKind().ai())
                        .append('\n');
                var c = r.claims();
                sb.append("Claims: ").append(c.made()).append(" made, ").append(c.renewed()).append(" renewed, ")
                        .append(c.supersededAfterExpiry()).append(" superseded after expiry, ").append(c.forcedReleases()).append(" forced releases\n");
                r.throughput().forEach(w -> sb.append("  ").append(w.week()).append(": ").append(w.count()).append(" done\n"));
                r.wipByActor().forEach(w -> sb.append("  WIP ").append(w.actor().kind()).append(':').append(w.actor().name()).append(": ")
                        .append(String.join(", ", w.refs())).append('\n'));
                r.staleDoing().forEach(i -> sb.append("  stale: ").append(i.ref()).append(' ').append(i.title()).append('\n'));
                r.noCompletionEvidence().forEach(i -> sb.append("  no completion comment: ").append(i.ref()).append(' ').append(i.title()).append('\n'));
                return sb.toString();
            });
        }

        private static String duration(dev.backlog.query.ActivityAnalysis.Durations d) {
            return d.count() == 0 ? "-" : "avg " + d.avg() + " over " + d.count();
        }
    }
}
