package dev.backlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.requests.*;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Limits;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Inputs;
import dev.backlog.query.QueryService;
import dev.backlog.query.TaskQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools of SPEC §10: each binds its request record, calls the same services as the CLI and returns the CLI's
 * JSON document. Domain failures propagate as {@link BacklogException}; the caller turns them into {@code isError}
 * results. Not thread-safe (one connection); the server handles requests one at a time.
 */
final class Tools {
    /** MCP and HTTP pages are capped (SPEC §13); the CLI's {@code 0 = all} does not apply. */
    static final int MAX_LIMIT = 1000;

    /** How a tool may affect the workspace, for the {@code annotations} hints. */
    enum Effect { READ, WRITE, IDEMPOTENT_WRITE }

    /** One tool: its request record, hints, the main keys of its result with their JSON types, and what it does. */
    record Tool(String name, String title, Class<? extends Record> request, Effect effect, Map<String, String> resultKeys,
                Function<Record, Object> run) {
    }

    /** A single entity (task, plan, doc, …): its shape is {@code schema entities/…}; the listing only says "object". */
    private static final Map<String, String> ENTITY = Map.of();

    private final McpWorkspace ws;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    Tools(McpWorkspace ws) {
        this.ws = ws;
        QueryService q = ws.queries();
        CommandService c = ws.commands();
        add("project_list", "List projects", ListProjects.class, Effect.READ, Map.of("projects", "array"),
                (ListProjects r) -> q.projects(bool(r.includeArchived()), false));
        add("project_add", "Add project", AddProject.class, Effect.WRITE, ENTITY,
                (AddProject r) -> q.projectById(c.addProject(r.alias(), r.name(), r.description(), r.repoPath()).id()));
        add("task_add", "Add task", AddTask.class, Effect.WRITE, ENTITY, this::addTask);
        add("task_list", "List tasks", ListTasks.class, Effect.READ, Map.of("tasks", "array"), this::listTasks);
        add("task_show", "Show task", ShowTask.class, Effect.READ, ENTITY,
                (ShowTask r) -> r.at() == null ? q.task(r.ref()) : q.taskAt(r.ref(), r.at()));
        add("task_update", "Update task", UpdateTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (UpdateTask r) -> task(c.updateTask(r.ref(), CommandService.changes(r), r.status(), bool(r.force()), r.baseVersion())));
        add("task_move", "Move task", MoveTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (MoveTask r) -> task(c.moveTask(r.ref(), r.status(), bool(r.force()), r.baseVersion())));
        add("task_claim", "Claim task", ClaimTask.class, Effect.WRITE, ENTITY, (ClaimTask r) -> task(c.claimTask(r.ref(), r.lease())));
        add("task_release", "Release task", ReleaseTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (ReleaseTask r) -> task(c.releaseTask(r.ref(), r.status(), bool(r.force()))));
        add("task_next", "Next ready task", NextTask.class, Effect.WRITE, ENTITY, this::nextTask);
        add("task_link", "Link tasks", LinkTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (LinkTask r) -> link(r.ref(), r.blocks(), r.blockedBy(), true));
        add("task_unlink", "Unlink tasks", UnlinkTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (UnlinkTask r) -> link(r.ref(), r.blocks(), r.blockedBy(), false));
        add("task_archive", "Archive task", ArchiveTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (ArchiveTask r) -> task(c.archiveTask(r.ref(), true)));
        add("task_restore", "Restore task", RestoreTask.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (RestoreTask r) -> task(c.archiveTask(r.ref(), false)));
        add("task_history", "Task history", ShowTaskHistory.class, Effect.READ, Map.of("events", "array"),
                (ShowTaskHistory r) -> q.history(r.ref(), limit(r.limit(), 100, MAX_LIMIT), List.of(),
                        r.after() == null ? null : nonNegative("after", r.after(), 0)));
        add("plan_add", "Add plan", AddPlan.class, Effect.WRITE, ENTITY,
                (AddPlan r) -> plan(ws.context().addPlan(r.task(), r.title(), r.body(), r.source(), r.changeNote())));
        add("plan_update", "Update plan", UpdatePlan.class, Effect.WRITE, ENTITY,
                (UpdatePlan r) -> plan(ws.context().revisePlan(r.planId(), r.title(), r.body(), r.changeNote(), r.baseVersion())));
        add("plan_show", "Show plan", ShowPlan.class, Effect.READ, ENTITY, (ShowPlan r) -> q.plan(r.planId(), r.version()));
        add("plan_history", "Plan history", ShowPlanHistory.class, Effect.READ, Map.of("versions", "array"),
                (ShowPlanHistory r) -> q.planHistory(r.planId()));
        add("plan_list", "List plans", ListPlans.class, Effect.READ, Map.of("plans", "array"), (ListPlans r) -> q.plans(r.task(), null));
        add("comment_add", "Add comment", AddComment.class, Effect.WRITE, ENTITY,
                (AddComment r) -> q.comment(c.addComment(r.task(), r.body()).id()));
        add("comment_list", "List comments", ListComments.class, Effect.READ, Map.of("comments", "array"),
                (ListComments r) -> q.comments(r.task()));
        add("label_attach", "Attach label", AttachLabel.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (AttachLabel r) -> task(c.labelTask(r.task(), r.name(), true)));
        add("label_detach", "Detach label", DetachLabel.class, Effect.IDEMPOTENT_WRITE, ENTITY,
                (DetachLabel r) -> task(c.labelTask(r.task(), r.name(), false)));
        add("label_list", "List labels", ListLabels.class, Effect.READ, Map.of("labels", "array"),
                (ListLabels r) -> q.labels(ws.projectTarget(r.project())));
        add("memory_add", "Add memory", AddMemory.class, Effect.WRITE, ENTITY,
                (AddMemory r) -> q.memory(ws.context().addMemory(ws.projectTarget(r.project()), r.body(), list(r.tags())).id()));
        add("memory_list", "List memory", ListMemory.class, Effect.READ, Map.of("entries", "array"),
                (ListMemory r) -> q.memories(ws.projectFilter(r.project()), r.tag(), limit(r.limit(), 50, MAX_LIMIT)));
        add("memory_append", "Append to memory", AppendMemory.class, Effect.WRITE, ENTITY,
                (AppendMemory r) -> q.memory(ws.context().appendMemory(r.memoryId(), r.text()).id()));
        add("doc_add", "Add doc", AddDoc.class, Effect.WRITE, ENTITY,
                (AddDoc r) -> doc(ws.context().addDoc(ws.projectTarget(r.project()), r.title(), r.body(), null)));
        add("doc_show", "Show doc", ShowDoc.class, Effect.READ, ENTITY, (ShowDoc r) -> q.doc(r.docId(), r.version()));
        add("doc_update", "Update doc", UpdateDoc.class, Effect.WRITE, ENTITY,
                (UpdateDoc r) -> doc(ws.context().reviseDoc(r.docId(), r.title(), r.body(), r.changeNote(), r.baseVersion())));
        add("doc_list", "List docs", ListDocs.class, Effect.READ, Map.of("docs", "array"), (ListDocs r) -> q.docs(ws.projectFilter(r.project())));
        add("search", "Search", Search.class, Effect.READ, Map.of("results", "array"),
                (Search r) -> q.search(r.query(), ws.projectFilter(r.project()), Inputs.searchKinds(r.kind()),
                        bool(r.includeArchived()), limit(r.limit(), 20, MAX_LIMIT), 0));
        add("activity", "Activity", ShowActivity.class, Effect.READ, Map.of("events", "array"), this::activity);
        if (!tools.keySet().equals(Requests.ALL.keySet())) {
            throw new IllegalStateException("tools and request records differ: " + tools.keySet() + " vs " + Requests.ALL.keySet());
        }
    }

    /** Every tool, in the order of SPEC §10's table. */
    Iterable<Tool> all() {
        return tools.values();
    }

    /** The tool of that name, or {@code null}. */
    Tool get(String name) {
        return tools.get(name);
    }

    /** Binds {@code arguments} to the tool's request and runs it; throws {@link BacklogException} on domain failures. */
    Object call(Tool tool, JsonNode arguments) {
        return tool.run().apply(Requests.bind(arguments, tool.request()));
    }

    private <R extends Record> void add(String name, String title, Class<R> type, Effect effect, Map<String, String> keys,
                                        Function<R, Object> run) {
        tools.put(name, new Tool(name, title, type, effect, keys, r -> run.apply(type.cast(r))));
    }

    private Object addTask(AddTask r) {
        NewTask t = NewTask.of(r);
        return task(ws.commands().addTask(new NewTask(ws.projectTarget(t.project()), t.title(), t.description(), t.type(),
                t.priority(), t.status(), t.assignee(), t.dueDate(), t.source(), t.externalRef(), t.projectPath(),
                list(t.labels()), list(t.blockedBy())), r.plans() == null ? List.of() : r.plans()));
    }

    private Object listTasks(ListTasks r) {
        String alias = ws.projectFilter(r.project());
        String projectId = alias == null ? null : ws.queries().lookup().project(alias);
        Actor claim = r.claimedBy() == null ? null : Actor.parse(r.claimedBy());
        TaskQuery query = new TaskQuery(projectId, alias, Inputs.statuses(r.status()), Inputs.types(r.type()),
                Inputs.priorities(priorities(r.priority())), list(r.label()), r.assignee(), null, null, null,
                claim == null ? null : claim.kind().wire(), claim == null ? null : claim.name(), bool(r.ready()),
                Inputs.search(r.search()), bool(r.includeArchived()), false, Inputs.sort(r.sort()),
                "desc".equals(Inputs.order(r.order())), limit(r.limit(), 50, MAX_LIMIT),
                (int) Math.min(Integer.MAX_VALUE, nonNegative("offset", r.offset() == null ? null : r.offset().longValue(), 0)));
        return r.at() == null ? ws.queries().tasks(query) : ws.queries().tasksAt(query, r.at());
    }

    private Object nextTask(NextTask r) {
        String alias = ws.projectFilter(r.project());
        String projectId = alias == null ? null : ws.queries().lookup().project(alias);
        ReadyTasks.Filter f = new ReadyTasks.Filter(projectId, Inputs.types(r.type()), list(r.label()),
                Inputs.priorities(priorities(r.priority())));
        if (bool(r.claim())) {
            return task(ws.commands().claimNext(f, r.lease()));
        }
        if (r.lease() != null) {
            InputFormats.lease("lease", r.lease());
        }
        return ws.queries().taskById(ws.queries().next(f).id());
    }

    private Object link(String ref, String blocks, String blockedBy, boolean linked) {
        if ((blocks == null) == (blockedBy == null)) {
            throw BacklogException.invalid(blocks == null ? "blocks" : "blocked_by", null, "give exactly one of blocks and blocked_by");
        }
        return task(ws.commands().linkTasks(ref, blocks != null ? blocks : blockedBy, blocks != null, linked));
    }

    private Object activity(ShowActivity r) {
        String kind = null;
        String name = null;
        if (r.actor() != null) {
            Actor a = Actor.parse(r.actor());
            kind = a.kind().wire();
            name = a.name();
        }
        return ws.queries().activity(r.project(), r.task(), Inputs.entityKinds(r.kind()),
                Inputs.eventTypes(r.type()), kind, name, Inputs.since(r.since(), Instant.now()),
                r.after() == null ? null : nonNegative("after", r.after(), 0), null, false,
                limit(r.limit(), 50, Limits.ACTIVITY_LIMIT), 0);
    }

    private Object task(Written w) {
        return ws.queries().taskById(w.id());
    }

    private Object plan(Written w) {
        return ws.queries().plan(w.id(), null);
    }

    private Object doc(Written w) {
        return ws.queries().doc(w.id(), null);
    }

    /** MCP and HTTP pages hold 1 to {@code max} rows (SPEC §13); {@code null} = {@code fallback}. */
    private static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw BacklogException.invalid("limit", limit, "limit must be between 1 and " + max);
        }
        return limit;
    }

    private static long nonNegative(String field, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw BacklogException.invalid(field, value, field + " must not be negative");
        }
        return value;
    }

    private static List<String> priorities(List<Object> raw) {
        return list(raw).stream().map(CommandService::priorityText).toList();
    }

    private static <T> List<T> list(List<T> v) {
        return v == null ? List.of() : v;
    }

    private static boolean bool(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
