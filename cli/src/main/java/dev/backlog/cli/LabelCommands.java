package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.Views.LabelList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog label …} (SPEC §3.5). */
@Command(name = "label", description = "Manage labels")
final class LabelCommands extends Group {
    LabelCommands(App app) {
        super(app);
    }

    @Command(name = "create", description = "Create a label (idempotent)")
    static final class Create extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--color", paramLabel = "#RGB|#RRGGBB") String color;

        Create(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().createLabel(s().projectTarget(project), name, color);
            return printWritten(w, w.events().isEmpty() ? "Label exists" : "Created label " + name.strip());
        }
    }

    @Command(name = "list", description = "List a project's labels")
    static final class ListCmd extends Base {
        @Option(names = {"-p", "--project"}) String project;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            LabelList l = queries().labels(s().projectTarget(project));
            return print(l, null, () -> Render.labels(l));
        }
    }

    @Command(name = "attach", description = "Attach a label to a task (auto-creates it)")
    static final class Attach extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--task", paramLabel = "REF", required = true) String task;

        Attach(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().labelTask(task, name, true);
            return printWritten(w, w.events().isEmpty() ? "Already attached" : "Attached " + name.strip() + " to " + w.ref());
        }
    }

    @Command(name = "detach", description = "Detach a label from a task")
    static final class Detach extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--task", paramLabel = "REF", required = true) String task;

        Detach(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().labelTask(task, name, false);
            return printWritten(w, w.events().isEmpty() ? "Not attached" : "Detached " + name.strip() + " from " + w.ref());
        }
    }

    @Command(name = "update", description = "Rename or recolour a label")
    static final class Update extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--name", paramLabel = "NEW") String newName;
        @Option(names = "--color") String color;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().updateLabel(s().projectTarget(project), name, newName, color);
            return printWritten(w, w.events().isEmpty() ? "Nothing changed" : "Updated label");
        }
    }

    @Command(name = "delete", description = "Delete a label (detaches it everywhere)")
    static final class Delete extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-p", "--project"}) String project;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().deleteLabel(s().projectTarget(project), name);
            return printResult("delete", "label", w.id(), null, "Deleted label " + name.strip());
        }
    }
}
