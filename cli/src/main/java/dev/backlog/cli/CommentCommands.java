package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.Views.CommentList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog comment …} (SPEC §3.5). */
@Command(name = "comment", description = "Comment on tasks")
final class CommentCommands extends Group {
    CommentCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Add a comment to a task")
    static final class Add extends Base {
        @Parameters(arity = "0..1", paramLabel = "BODY") String body;
        @Option(names = "--task", paramLabel = "REF", required = true) String task;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            String text = body != null ? body : fromFile != null ? Files.text(app, fromFile) : null;
            Written w = commands().addComment(task, text);
            return printWritten(w, "Commented on " + queries().comment(w.id()).taskRef());
        }
    }

    @Command(name = "list", description = "A task's comments, oldest first")
    static final class ListCmd extends Base {
        @Option(names = "--task", paramLabel = "REF", required = true) String task;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            CommentList l = queries().comments(task);
            return print(l, null, () -> Render.comments(l));
        }
    }

    @Command(name = "delete", description = "Delete a comment")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID") String id;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().deleteComment(id);
            return printResult("delete", "comment", w.id(), w.ref(), "Deleted comment " + w.id());
        }
    }
}
