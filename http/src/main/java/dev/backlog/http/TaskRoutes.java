package dev.backlog.http;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.requests.AddTask;
import dev.backlog.commands.requests.AttachLabel;
import dev.backlog.commands.requests.ClaimTask;
import dev.backlog.commands.requests.LinkTask;
import dev.backlog.commands.requests.MoveTask;
import dev.backlog.commands.requests.NextTask;
import dev.backlog.commands.requests.ReleaseTask;
import dev.backlog.commands.requests.UpdateTask;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Inputs;
import dev.backlog.query.TaskQuery;
import dev.backlog.query.Views.TaskDetail;
import dev.backlog.query.Views.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/tasks…} (§8.3), the HTTP face of {@code backlog task …} and {@code label attach/detach}. */
final class TaskRoutes {
    /** HTTP and MCP cap list pages at 1000 rows (§13). */
    static final int MAX_LIMIT = 1000;

    private TaskRoutes() {
    }

    static void register(Router r) {
        r.get("/api/tasks", TaskRoutes::list);
        r.post("/api/tasks", TaskRoutes::add);
        r.get("/api/tasks/next", c -> {
            ReadyTasks.Filter f = c.db.read(q -> filter(c, q.lookup()::project, c.projectFilter(), c.queryList("type"),
                    c.queryList("label"), c.queryList("priority")));
            return c.db.read(q -> {
                TaskView t = q.next(f);
                TaskDetail d = q.taskById(t.id());
                return Reply.ok(d).withEtag(d.task().version());
            });
        });
        r.post("/api/tasks/next/claim", c -> {
            NextTask b = c.body(NextTask.class);
            String alias = b.project() != null ? (b.project().isEmpty() ? null : b.project()) : c.defaultProject();
            List<String> priorities = b.priority() == null ? List.of() : b.priority().stream().map(CommandService::priorityText).toList();
            return c.db.write(c.actor, w -> {
                ReadyTasks.Filter f = filter(c, w.queries().lookup()::project, alias, b.type(), b.label(), priorities);
                return Rendered.ok(w.commands().claimNext(f, b.lease()), w.queries());
            });
        });
        r.get("/api/tasks/{ref}", c -> {
            String at = c.query("at");
            TaskDetail d = c.db.read(q -> at == null ? q.task(c.path("ref")) : q.taskAt(c.path("ref"), at));
            return Reply.ok(d).withEtag(d.task().version());
        });
        r.patch("/api/tasks/{ref}", c -> {
            UpdateTask b = c.body(UpdateTask.class, Map.of("ref", c.path("ref")));
            Map<String, String> changes = CommandService.changes(b);
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().updateTask(b.ref(), changes, b.status(),
                    Boolean.TRUE.equals(b.force()), base), w.queries()));
        });
        r.delete("/api/tasks/{ref}", c -> {
            c.db.write(c.actor, w -> w.commands().deleteTask(c.path("ref")));
            return Reply.noContent();
        });
        r.post("/api/tasks/{ref}/move", c -> {
            MoveTask b = c.body(MoveTask.class, Map.of("ref", c.path("ref")));
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().moveTask(b.ref(), b.status(), Boolean.TRUE.equals(b.force()), base),
                    w.queries()));
        });
        r.post("/api/tasks/{ref}/claim", c -> {
            ClaimTask b = c.body(ClaimTask.class, Map.of("ref", c.path("ref")));
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().claimTask(b.ref(), b.lease()), w.queries()));
        });
        r.post("/api/tasks/{ref}/release", c -> {
            ReleaseTask b = c.body(ReleaseTask.class, Map.of("ref", c.path("ref")));
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().releaseTask(b.ref(), b.status(), Boolean.TRUE.equals(b.force())),
                    w.queries()));
        });
        r.post("/api/tasks/{ref}/archive", c -> archive(c, true));
        r.post("/api/tasks/{ref}/restore", c -> archive(c, false));
        r.get("/api/tasks/{ref}/history", c -> {
            int limit = c.limit("limit", 100, MAX_LIMIT);
            List<String> types = Inputs.eventTypes(c.queryList("type"));
            Long after = c.nonNegative("after");
            return Reply.ok(c.db.read(q -> q.history(c.path("ref"), limit, types, after)));
        });
        r.post("/api/tasks/{ref}/links", c -> {
            LinkTask b = c.body(LinkTask.class, Map.of("ref", c.path("ref")));
            return link(c, b.blocks(), b.blockedBy(), true);
        });
        r.delete("/api/tasks/{ref}/links", c -> link(c, c.query("blocks"), c.query("blocked_by"), false));
        r.post("/api/tasks/{ref}/labels", c -> {
            AttachLabel b = c.body(AttachLabel.class, Map.of("task", c.path("ref")));
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().labelTask(b.task(), b.name(), true), w.queries()));
        });
        r.delete("/api/tasks/{ref}/labels/{name}", c -> c.db.write(c.actor, w -> Rendered.ok(
                w.commands().labelTask(c.path("ref"), c.path("name"), false), w.queries())));
    }

    private static Reply list(Call c) {
        String alias = c.projectFilter();
        String[] creator = Inputs.actorFilter(c.query("actor"), c.query("actor_kind"), c.query("actor_name"));
        String claimedBy = c.query("claimed_by");
        Actor claim = claimedBy == null ? null : Actor.parse(claimedBy);
        String sort = Inputs.sort(c.query("sort"));
        String order = Inputs.order(c.query("order"));
        String search = Inputs.search(c.query("search"));
        List<String> statuses = Inputs.statuses(c.queryList("status"));
        List<String> types = Inputs.types(c.queryList("type"));
        List<Integer> priorities = Inputs.priorities(c.queryList("priority"));
        int limit = c.limit("limit", 50, MAX_LIMIT);
        int offset = Inputs.limit("offset", c.query("offset"), 0, Integer.MAX_VALUE);
        boolean ready = c.flag("ready");
        boolean includeArchived = c.flag("include_archived");
        boolean archived = c.flag("archived");
        String at = c.query("at");
        ListCache cache = at == null ? c.listCache : null;
        String key = c.exchange.getQueryString() + "|" + alias;
        return Reply.ok(c.db.read(q -> {
            Instant now = Instant.now();
            long head = cache == null ? 0 : q.headSeq();
            byte[] hit = cache == null ? null : cache.get(key, head, now);
            if (hit != null) {
                return hit;
            }
            String projectId = alias == null ? null : q.lookup().project(alias);
            TaskQuery tq = new TaskQuery(projectId, alias, statuses, types, priorities, c.queryList("label"), c.query("assignee"),
                    creator[0], creator[1], c.query("source"), claim == null ? null : claim.kind().wire(),
                    claim == null ? null : claim.name(), ready, search, includeArchived, archived, sort, "desc".equals(order), limit, offset);
            if (at != null) {
                return q.tasksAt(tq, at);
            }
            byte[] body = Responses.json(q.tasks(tq));
            if (cache != null) {
                cache.put(key, head, q.nextLeaseExpiry(now), body);
            }
            return body;
        }));
    }

    private static Reply add(Call c) {
        AddTask b = c.body(AddTask.class);
        NewTask t = NewTask.of(b);
        String target = c.projectTarget(t.project());
        NewTask task = new NewTask(target, t.title(), t.description(), t.type(), t.priority(), t.status(), t.assignee(), t.dueDate(),
                t.source(), t.externalRef(), t.projectPath(), t.labels() == null ? List.of() : t.labels(),
                t.blockedBy() == null ? List.of() : t.blockedBy());
        List<AddTask.Plan> plans = b.plans() == null ? List.of() : b.plans();
        return c.db.write(c.actor, w -> Rendered.created(w.commands().addTask(task, plans), w.queries()));
    }

    private static Reply archive(Call c, boolean archived) {
        c.noFields();
        return c.db.write(c.actor, w -> Rendered.ok(w.commands().archiveTask(c.path("ref"), archived), w.queries()));
    }

    private static Reply link(Call c, String blocks, String blockedBy, boolean linked) {
        if ((blocks == null) == (blockedBy == null)) {
            throw BacklogException.invalid(blocks == null ? "blocks" : "blocked_by", null, "give exactly one of blocks and blocked_by");
        }
        boolean refBlocks = blocks != null;
        return c.db.write(c.actor, w -> Rendered.ok(w.commands().linkTasks(c.path("ref"), refBlocks ? blocks : blockedBy, refBlocks, linked),
                w.queries()));
    }

    private static ReadyTasks.Filter filter(Call c, java.util.function.Function<String, String> project, String alias, List<String> type,
                                            List<String> label, List<String> priority) {
        String projectId = alias == null ? null : project.apply(alias);
        return new ReadyTasks.Filter(projectId, Inputs.types(type), Inputs.list(label), Inputs.priorities(priority));
    }
}
