package dev.backlog.http;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.QueryService;
import dev.backlog.query.Views.DocView;
import dev.backlog.query.Views.MemoryView;
import dev.backlog.query.Views.PlanView;
import dev.backlog.query.Views.ProjectView;
import dev.backlog.query.Views.TaskDetail;

/** What a write returns: the resulting entity, as {@code --json} prints it, with its optimistic version as ETag. */
final class Rendered {
    private Rendered() {
    }

    /** The entity a write produced, read on the write connection; {@code status} 200 or 201. */
    static Reply entity(int status, Written w, QueryService q) {
        return switch (w.kind()) {
            case "task" -> {
                TaskDetail d = q.taskById(w.id());
                yield new Reply(status, d, d.task().version());
            }
            case "project" -> {
                ProjectView p = q.projectById(w.id());
                yield new Reply(status, p, p.version());
            }
            case "label" -> new Reply(status, q.label(w.id()), null);
            case "comment" -> new Reply(status, q.comment(w.id()), null);
            case "plan" -> {
                PlanView p = q.plan(w.id(), null);
                yield new Reply(status, p, p.currentVersion());
            }
            case "doc" -> {
                DocView d = q.doc(w.id(), null);
                yield new Reply(status, d, d.currentVersion());
            }
            case "memory" -> {
                MemoryView m = q.memory(w.id());
                yield new Reply(status, m, m.version());
            }
            case "attachment" -> new Reply(status, q.attachment(w.id()), null);
            default -> throw new IllegalStateException("unknown entity kind " + w.kind());
        };
    }

    static Reply ok(Written w, QueryService q) {
        return entity(200, w, q);
    }

    static Reply created(Written w, QueryService q) {
        return entity(201, w, q);
    }
}
