package dev.backlog.cli;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.QueryService;
import dev.backlog.query.Views.CommandResult;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A leaf command: parse (picocli fills the fields), call the service, render. Subclasses implement {@link #run()}
 * and return the exit status; errors propagate as {@link dev.backlog.model.BacklogException}.
 */
abstract class Base implements Callable<Integer> {
    protected final App app;

    Base(App app) {
        this.app = app;
    }

    Session s() {
        return app.session();
    }

    CommandService commands() {
        return s().commands();
    }

    QueryService queries() {
        return s().queries();
    }

    /** The plan/doc/memory writes, on the session's connection and actor. */
    dev.backlog.commands.ContextService context() {
        Session s = s();
        return new dev.backlog.commands.ContextService(s.db(), s.settings(), s.clock, s.actor());
    }

    /** {@code --content} or {@code --from-file} (UTF-8; {@code -} = stdin); {@code null} when neither was given. */
    String content(String content, String fromFile) {
        return content != null ? content : fromFile != null ? Files.text(app, fromFile) : null;
    }

    @Override
    public final Integer call() {
        dev.backlog.cli.boot.Timing.mark("parsed");
        s().checkActorAndOutput();
        int status = run();
        dev.backlog.cli.boot.Timing.mark("command ran");
        return status;
    }

    abstract int run();

    /** Prints a document: JSON, or a success line (unless quiet) followed by the text rendering. */
    int print(Object document, String success, Supplier<String> text) {
        if (s().json()) {
            app.out.print(Output.json(document));
        } else {
            if (success != null && !s().globals.quiet) {
                app.out.println("✓ " + success);
            }
            String t = text == null ? null : text.get();
            if (t != null && !t.isEmpty()) {
                app.out.print(t.endsWith("\n") ? t : t + "\n");
            }
        }
        app.out.flush();
        return 0;
    }

    /** Renders what a write produced: the resulting entity. */
    int printWritten(Written w, String success) {
        return switch (w.kind()) {
            case "task" -> {
                var detail = queries().taskById(w.id());
                yield print(detail, success, () -> Render.task(detail));
            }
            case "project" -> {
                var p = queries().projectById(w.id());
                yield print(p, success, () -> Render.project(p));
            }
            case "label" -> {
                var l = queries().label(w.id());
                yield print(l, success, () -> Render.label(l));
            }
            case "comment" -> {
                var c = queries().comment(w.id());
                yield print(c, success, () -> Render.comment(c));
            }
            case "plan" -> {
                var p = queries().plan(w.id(), null);
                yield print(p, success, () -> ContextRender.plan(p));
            }
            case "doc" -> {
                var d = queries().doc(w.id(), null);
                yield print(d, success, () -> ContextRender.doc(d));
            }
            case "memory" -> {
                var m = queries().memory(w.id());
                yield print(m, success, () -> ContextRender.memory(m));
            }
            default -> throw new IllegalStateException("unknown entity kind " + w.kind());
        };
    }

    int printResult(String action, String entity, String id, String ref, String message) {
        return print(new CommandResult(true, action, entity, id, ref, message), message, null);
    }
}
