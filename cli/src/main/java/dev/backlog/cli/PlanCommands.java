package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.Views.PlanDiff;
import dev.backlog.query.Views.PlanList;
import dev.backlog.query.Views.PlanView;
import dev.backlog.query.Views.VersionList;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog plan …} (SPEC §3.4): versioned plans on tasks. */
@Command(name = "plan", description = "Versioned plans on tasks")
final class PlanCommands extends Group {
    PlanCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Add a plan to a task (version 1)")
    static final class Add extends Base {
        @Option(names = "--task", paramLabel = "REF", required = true) String task;
        @Option(names = "--title", required = true) String title;
        @Option(names = "--content") String content;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--source") String source;
        @Option(names = "--change-note") String changeNote;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().addPlan(task, title, content(content, fromFile), source, changeNote);
            return printWritten(w, "Added plan to " + w.ref());
        }
    }

    @Command(name = "update", description = "Write a new version of a plan")
    static final class Update extends Base {
        @Parameters(paramLabel = "PLAN-ID") String id;
        @Option(names = "--title") String title;
        @Option(names = "--content") String content;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--change-note") String changeNote;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().revisePlan(id, title, content(content, fromFile), changeNote, Args.version(baseVersion));
            PlanView p = queries().plan(w.id(), null);
            return print(p, "Plan " + p.id() + " is now at version " + p.currentVersion(), () -> ContextRender.plan(p));
        }
    }

    @Command(name = "list", description = "Plans of a task or of a project")
    static final class ListCmd extends Base {
        @Option(names = "--task", paramLabel = "REF") String task;
        @Option(names = {"-p", "--project"}) String project;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            String scope = task != null ? null : s().projectFilter(project, false);
            if (task == null && scope == null) {
                throw new BacklogException(ErrorCode.USAGE, "give --task REF or -p/--project", Map.of("argument", "--task"));
            }
            PlanList l = queries().plans(task, scope);
            return print(l, null, () -> ContextRender.plans(l));
        }
    }

    @Command(name = "show", description = "Show a plan (current version or --version N)")
    static final class Show extends Base {
        @Parameters(paramLabel = "PLAN-ID") String id;
        @Option(names = "--version", paramLabel = "N") String version;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            PlanView p = queries().plan(id, Args.optional("version", version));
            return print(p, null, () -> ContextRender.plan(p));
        }
    }

    @Command(name = "history", description = "Every version of a plan, oldest first")
    static final class History extends Base {
        @Parameters(paramLabel = "PLAN-ID") String id;

        History(App app) {
            super(app);
        }

        @Override
        int run() {
            VersionList l = queries().planHistory(id);
            return print(l, null, () -> ContextRender.versions(l));
        }
    }

    @Command(name = "diff", description = "Unified diff between two versions (default: previous → current)")
    static final class Diff extends Base {
        @Parameters(paramLabel = "PLAN-ID") String id;
        @Option(names = "--from", paramLabel = "N") String from;
        @Option(names = "--to", paramLabel = "M") String to;

        Diff(App app) {
            super(app);
        }

        @Override
        int run() {
            PlanDiff d = queries().planDiff(id, Args.optional("from", from),
                    Args.optional("to", to));
            return print(d, null, () -> ContextRender.diff(d));
        }
    }

    @Command(name = "delete", description = "Delete a plan (its versions stay in the events)")
    static final class Delete extends Base {
        @Parameters(paramLabel = "PLAN-ID") String id;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().deletePlan(id);
            return printResult("delete", "plan", w.id(), w.ref(), "Deleted plan " + w.id());
        }
    }
}
