package dev.backlog.http;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.requests.AddComment;
import dev.backlog.commands.requests.AddDoc;
import dev.backlog.commands.requests.AddMemory;
import dev.backlog.commands.requests.AddPlan;
import dev.backlog.commands.requests.AppendMemory;
import dev.backlog.commands.requests.Required;
import dev.backlog.commands.requests.UpdateDoc;
import dev.backlog.commands.requests.UpdatePlan;
import dev.backlog.query.Views.DocView;
import dev.backlog.query.Views.LabelView;
import dev.backlog.query.Views.MemoryView;
import dev.backlog.query.Views.PlanView;
import java.util.List;
import java.util.Map;

/** Comments, plans, labels, memory and docs (§8.3): the HTTP face of those CLI groups. */
final class ContextRoutes {
    /** {@code POST /api/labels}. */
    record CreateLabel(String project, @Required String name, String color) {}

    /** {@code PATCH /api/labels/{id}}. */
    record PatchLabel(String name, String color) {}

    /** {@code PATCH /api/memory/{id}}. */
    record PatchMemory(String body, List<String> tags, Long baseVersion) {}

    /** {@code POST /api/docs/{id}/append}. */
    record AppendDoc(@Required String text, String changeNote) {}

    private ContextRoutes() {
    }

    static void register(Router r) {
        comments(r);
        plans(r);
        labels(r);
        memory(r);
        docs(r);
    }

    private static void comments(Router r) {
        r.get("/api/tasks/{ref}/comments", c -> Reply.ok(c.db.read(q -> q.comments(c.path("ref")))));
        r.post("/api/tasks/{ref}/comments", c -> {
            AddComment b = c.body(AddComment.class, Map.of("task", c.path("ref")));
            return c.db.write(c.actor, w -> Rendered.created(w.commands().addComment(b.task(), b.body()), w.queries()));
        });
        r.delete("/api/comments/{id}", c -> {
            c.db.write(c.actor, w -> w.commands().deleteComment(c.path("id")));
            return Reply.noContent();
        });
    }

    private static void plans(Router r) {
        r.get("/api/tasks/{ref}/plans", c -> Reply.ok(c.db.read(q -> q.plans(c.path("ref"), null))));
        r.post("/api/tasks/{ref}/plans", c -> {
            AddPlan b = c.body(AddPlan.class, Map.of("task", c.path("ref")));
            return c.db.write(c.actor, w -> Rendered.created(w.context().addPlan(b.task(), b.title(), b.body(), b.source(), b.changeNote()),
                    w.queries()));
        });
        r.get("/api/plans", c -> {
            String task = c.query("task");
            String scope = task != null ? null : c.projectFilter();
            return Reply.ok(c.db.read(q -> q.plans(task, scope)));
        });
        r.get("/api/plans/{id}", c -> {
            Long version = c.nonNegative("version");
            PlanView p = c.db.read(q -> q.plan(c.path("id"), version));
            return Reply.ok(p).withEtag(p.currentVersion());
        });
        r.patch("/api/plans/{id}", c -> {
            UpdatePlan b = c.body(UpdatePlan.class, Map.of("plan_id", c.path("id")));
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.context().revisePlan(b.planId(), b.title(), b.body(), b.changeNote(), base),
                    w.queries()));
        });
        r.delete("/api/plans/{id}", c -> {
            c.db.write(c.actor, w -> w.context().deletePlan(c.path("id")));
            return Reply.noContent();
        });
        r.get("/api/plans/{id}/history", c -> Reply.ok(c.db.read(q -> q.planHistory(c.path("id")))));
        r.get("/api/plans/{id}/diff", c -> {
            Long from = c.nonNegative("from");
            Long to = c.nonNegative("to");
            return Reply.ok(c.db.read(q -> q.planDiff(c.path("id"), from, to)));
        });
    }

    private static void labels(Router r) {
        r.get("/api/labels", c -> {
            String project = c.projectTarget(c.query("project"));
            return Reply.ok(c.db.read(q -> q.labels(project)));
        });
        r.post("/api/labels", c -> {
            CreateLabel b = c.body(CreateLabel.class);
            String project = c.projectTarget(b.project());
            return c.db.write(c.actor, w -> {
                Written written = w.commands().createLabel(project, b.name(), b.color());
                return Rendered.entity(written.events().isEmpty() ? 200 : 201, written, w.queries());
            });
        });
        r.patch("/api/labels/{id}", c -> {
            PatchLabel b = c.body(PatchLabel.class);
            return c.db.write(c.actor, w -> {
                LabelView l = w.queries().label(c.path("id"));
                return Rendered.ok(w.commands().updateLabel(l.projectId(), l.id(), b.name(), b.color()), w.queries());
            });
        });
        r.delete("/api/labels/{id}", c -> {
            c.db.write(c.actor, w -> {
                LabelView l = w.queries().label(c.path("id"));
                return w.commands().deleteLabel(l.projectId(), l.id());
            });
            return Reply.noContent();
        });
    }

    private static void memory(Router r) {
        r.get("/api/memory", c -> {
            String project = c.projectFilter();
            String tag = c.query("tag");
            int limit = c.limit("limit", 50, TaskRoutes.MAX_LIMIT);
            return Reply.ok(c.db.read(q -> q.memories(project, tag, limit)));
        });
        r.post("/api/memory", c -> {
            AddMemory b = c.body(AddMemory.class);
            String project = c.projectTarget(b.project());
            return c.db.write(c.actor, w -> Rendered.created(w.context().addMemory(project, b.body(), b.tags() == null ? List.of() : b.tags()),
                    w.queries()));
        });
        r.get("/api/memory/{id}", c -> {
            MemoryView m = c.db.read(q -> q.memory(c.path("id")));
            return Reply.ok(m).withEtag(m.version());
        });
        r.patch("/api/memory/{id}", c -> {
            PatchMemory b = c.body(PatchMemory.class);
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.context().updateMemory(c.path("id"), b.body(), b.tags(), base), w.queries()));
        });
        r.delete("/api/memory/{id}", c -> {
            c.db.write(c.actor, w -> w.context().deleteMemory(c.path("id")));
            return Reply.noContent();
        });
        r.post("/api/memory/{id}/append", c -> {
            AppendMemory b = c.body(AppendMemory.class, Map.of("memory_id", c.path("id")));
            return c.db.write(c.actor, w -> Rendered.ok(w.context().appendMemory(b.memoryId(), b.text()), w.queries()));
        });
    }

    private static void docs(Router r) {
        r.get("/api/docs", c -> {
            String project = c.projectFilter();
            return Reply.ok(c.db.read(q -> q.docs(project)));
        });
        r.post("/api/docs", c -> {
            AddDoc b = c.body(AddDoc.class);
            String project = c.projectTarget(b.project());
            return c.db.write(c.actor, w -> Rendered.created(w.context().addDoc(project, b.title(), b.body(), null), w.queries()));
        });
        r.get("/api/docs/{id}", c -> {
            Long version = c.nonNegative("version");
            DocView d = c.db.read(q -> q.doc(c.path("id"), version));
            return Reply.ok(d).withEtag(d.currentVersion());
        });
        r.patch("/api/docs/{id}", c -> {
            UpdateDoc b = c.body(UpdateDoc.class, Map.of("doc_id", c.path("id")));
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.context().reviseDoc(b.docId(), b.title(), b.body(), b.changeNote(), base),
                    w.queries()));
        });
        r.delete("/api/docs/{id}", c -> {
            c.db.write(c.actor, w -> w.context().deleteDoc(c.path("id")));
            return Reply.noContent();
        });
        r.post("/api/docs/{id}/append", c -> {
            AppendDoc b = c.body(AppendDoc.class);
            return c.db.write(c.actor, w -> Rendered.ok(w.context().appendDoc(c.path("id"), b.text(), b.changeNote()), w.queries()));
        });
        r.get("/api/docs/{id}/history", c -> Reply.ok(c.db.read(q -> q.docHistory(c.path("id")))));
        r.get("/api/docs/{id}/diff", c -> {
            Long from = c.nonNegative("from");
            Long to = c.nonNegative("to");
            return Reply.ok(c.db.read(q -> q.docDiff(c.path("id"), from, to)));
        });
    }
}
