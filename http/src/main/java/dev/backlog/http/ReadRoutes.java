package dev.backlog.http;

import dev.backlog.commands.requests.Requests;
import dev.backlog.model.Limits;
import dev.backlog.query.Inputs;
import dev.backlog.query.Views.ActorView;
import dev.backlog.query.Views.EventView;
import dev.backlog.query.schema.JsonSchemas;
import dev.backlog.query.schema.RequestTypes;
import java.time.Instant;
import java.util.List;

/** Health, workspace, schema, search, activity, the project lint and the event log (§8.3). */
final class ReadRoutes {
    /** {@code GET /api/health}. */
    record Health(boolean ok, String version) {}

    /** The limits a client should know before sending (§13). */
    record WorkspaceLimits(long jsonBodyBytes, long multipartBodyBytes, long attachmentMaxBytes, int listLimitMax, int eventsLimitMax) {}

    /** {@code GET /api/workspace}. */
    record WorkspaceInfo(String workspaceId, String name, String defaultProject, ActorView actor, WorkspaceLimits limits, String version) {}

    /** {@code GET /api/events}: events after {@code after}, oldest first, and the seq to continue from. */
    record EventPage(List<EventView> events, long lastSeq) {}

    static final int EVENTS_DEFAULT = 500;
    static final int EVENTS_MAX = 5000;

    private ReadRoutes() {
    }

    static void register(Router r) {
        r.get("/api/health", c -> Reply.ok(new Health(true, c.config.version())));
        r.get("/api/workspace", c -> {
            String[] ws = c.db.read(q -> q.workspace());
            WorkspaceLimits limits = new WorkspaceLimits(WebConfig.JSON_BODY_LIMIT, c.config.multipartLimit(),
                    c.config.settings().attachmentMaxBytes(), TaskRoutes.MAX_LIMIT, EVENTS_MAX);
            return Reply.ok(new WorkspaceInfo(ws[0], ws[1], c.defaultProject(), new ActorView(c.actor.kind().wire(), c.actor.name()),
                    limits, c.config.version()));
        });
        JsonSchemas schemas = JsonSchemas.of(new RequestTypes(Requests.ALL, Requests::required, Requests::doc));
        r.get("/api/schema", c -> Reply.ok(schemas.document()));
        r.get("/api/search", c -> {
            String q = c.query("q");
            if (q == null) {
                throw dev.backlog.model.BacklogException.invalid("q", null, "missing required parameter 'q'");
            }
            String project = c.projectFilter();
            List<String> kinds = Inputs.searchKinds(c.queryList("kind"));
            boolean archived = c.flag("include_archived");
            int limit = c.limit("limit", 20, TaskRoutes.MAX_LIMIT);
            int offset = Inputs.limit("offset", c.query("offset"), 0, Integer.MAX_VALUE);
            return Reply.ok(c.db.read(s -> s.search(q, project, kinds, archived, limit, offset)));
        });
        r.get("/api/activity", c -> {
            List<String> kinds = Inputs.entityKinds(c.queryList("kind"));
            List<String> types = Inputs.eventTypes(c.queryList("type"));
            String[] author = Inputs.actorFilter(c.query("actor"), c.query("actor_kind"), c.query("actor_name"));
            String order = Inputs.order(c.query("order"));
            String since = Inputs.since(c.query("since"), Instant.now());
            Long after = c.nonNegative("after");
            Long before = c.nonNegative("before");
            int limit = c.limit("limit", 50, Limits.ACTIVITY_LIMIT);
            return Reply.ok(c.db.read(q -> q.activity(c.query("project"), c.query("task"), kinds, types, author[0], author[1], since,
                    after, before, "asc".equals(order), limit, 0)));
        });
        r.get("/api/activity/analyze", c -> {
            String project = c.projectTarget(c.query("project"));
            String since = c.query("since") == null ? "7d" : c.query("since");
            String staleAfter = c.query("stale_after") == null ? "7d" : c.query("stale_after");
            int limit = c.limit("limit", 10, TaskRoutes.MAX_LIMIT);
            return Reply.ok(c.db.read(q -> q.analyze(project, since, staleAfter, limit)));
        });
        r.get("/api/doctor/project", c -> {
            String project = c.projectTarget(c.query("project"));
            String staleAfter = c.query("stale_after") == null ? "7d" : c.query("stale_after");
            int limit = c.limit("limit", 100, TaskRoutes.MAX_LIMIT);
            return Reply.ok(c.db.read(q -> q.projectLint(project, staleAfter, limit)));
        });
        r.get("/api/events", c -> {
            long after = c.nonNegative("after") == null ? 0 : c.nonNegative("after");
            int limit = c.limit("limit", EVENTS_DEFAULT, EVENTS_MAX);
            List<EventView> events = c.db.read(q -> q.events(after, limit).events());
            long last = events.isEmpty() ? after : events.get(events.size() - 1).seq();
            return Reply.ok(new EventPage(events, last));
        });
    }
}
