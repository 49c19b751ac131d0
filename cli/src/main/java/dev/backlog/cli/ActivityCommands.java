package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Limits;
import dev.backlog.model.Timestamps;
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
                since(since), after == null ? null : Args.nonNegative("after", after),
                before == null ? null : Args.nonNegative("before", before), "asc".equals(order),
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
}
