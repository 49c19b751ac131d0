package dev.backlog.commands;

import dev.backlog.commands.requests.AddTask;
import dev.backlog.commands.requests.UpdateTask;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Limits;
import dev.backlog.model.Priority;
import dev.backlog.model.Status;
import dev.backlog.model.TaskType;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.model.event.Stream;
import dev.backlog.projector.Db;
import dev.backlog.projector.Lookup;
import dev.backlog.projector.Projector;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.projector.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every write of backlog, shared by CLI, HTTP and MCP. Each public method is one command: it validates its input,
 * takes the write lock ({@code BEGIN IMMEDIATE}), reads current state, decides, appends the events with their
 * projections and commits, then returns the id of the entity to render. Input strings are raw user values;
 * validation happens here so every interface reports the same codes. Not thread-safe: one instance per connection.
 */
public final class CommandService {
    private static final String PROJECT_ROW = "SELECT alias, archived_at, version FROM projects WHERE project_id = ?";
    private static final String ALIAS_OWNER = "SELECT project_id FROM projects WHERE alias = ?";
    private static final String COUNTER = "SELECT coalesce((SELECT value FROM counters WHERE name = 'task_number'), 0)";
    private static final String BLOCKS = "SELECT blocked_id FROM task_links WHERE blocker_id = ?";
    private static final String NUMBER = "SELECT number FROM tasks WHERE task_id = ?";
    private static final String TASK_PROJECT = "SELECT project_id FROM tasks WHERE task_id = ?";
    private static final String LABEL_ROW = "SELECT project_id, name, color FROM labels WHERE label_id = ?";
    private static final String COMMENT_TASK = "SELECT task_id FROM comments WHERE comment_id = ?";

    /** The raw fields of {@code task add} / MCP {@code task_add} / {@code POST /api/tasks}; {@code null} = not given. */
    public record NewTask(String project, String title, String description, String type, String priority, String status,
                          String assignee, String dueDate, String source, String externalRef, String projectPath,
                          List<String> labels, List<String> blockedBy) {

        /** The fields of a {@code task_add} request (MCP, HTTP, {@code --from-file x.json}). */
        public static NewTask of(AddTask r) {
            return new NewTask(r.project(), r.title(), r.description(), r.type(), priorityText(r.priority()), r.status(),
                    r.assignee(), r.dueDate(), r.source(), r.externalRef(), r.projectPath(), r.labels(), r.blockedBy());
        }

        /** Each given field of {@code override} replaces this one's (CLI flags over file values). */
        public NewTask overriddenBy(NewTask o) {
            return new NewTask(or(o.project, project), or(o.title, title), or(o.description, description), or(o.type, type),
                    or(o.priority, priority), or(o.status, status), or(o.assignee, assignee), or(o.dueDate, dueDate),
                    or(o.source, source), or(o.externalRef, externalRef), or(o.projectPath, projectPath),
                    o.labels == null || o.labels.isEmpty() ? labels : o.labels,
                    o.blockedBy == null || o.blockedBy.isEmpty() ? blockedBy : o.blockedBy);
        }

        private static <T> T or(T a, T b) {
            return a != null ? a : b;
        }
    }

    /** A priority given as an integer or as text ({@code 2}, {@code "P2"}); {@code null} = not given. */
    public static String priorityText(Object priority) {
        if (priority == null || priority instanceof String) {
            return (String) priority;
        }
        if (priority instanceof Integer || priority instanceof Long) {
            return priority.toString();
        }
        throw BacklogException.invalid("priority", String.valueOf(priority), Priority.ALLOWED, "invalid priority '" + priority + "'");
    }

    /** The field changes of a {@code task_update} request, keyed as {@link #updateTask} expects. */
    public static Map<String, String> changes(UpdateTask r) {
        Map<String, String> c = new LinkedHashMap<>();
        putIf(c, "title", r.title());
        putIf(c, "description", r.description());
        putIf(c, "type", r.type());
        putIf(c, "priority", priorityText(r.priority()));
        putIf(c, "assignee", r.assignee());
        putIf(c, "due_date", r.dueDate());
        putIf(c, "source", r.source());
        putIf(c, "external_ref", r.externalRef());
        putIf(c, "project_path", r.projectPath());
        return c;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** What a command wrote: the entity to render and the events appended (empty for a no-op). */
    public record Written(String kind, String id, String ref, List<RecordedEvent> events) {}

    private final WriteContext ctx;
    private final Db db;
    private final Settings settings;
    private final Actor actor;
    private final Lookup lookup;
    private final EventStore store;
    private final ReadyTasks ready;

    public CommandService(Db db, Settings settings, Clock clock, Actor actor) {
        this.ctx = new WriteContext(db, settings, clock, actor);
        this.db = db;
        this.settings = settings;
        this.actor = actor;
        this.lookup = ctx.lookup;
        this.store = ctx.store;
        this.ready = new ReadyTasks(db);
    }

    /** Writes the {@code WorkspaceCreated} event of a new workspace database. */
    public static String initialize(Db db, String name, Actor actor, Clock clock, String appVersion) {
        String id = Ids.next();
        EventStore store = new EventStore(db, new Projector(db));
        Transactions.write(db, () -> store.append(
                List.of(new NewEvent(Stream.of("workspace", id), 0, new WorkspaceCreated(id, name, appVersion))),
                actor, Ids.next(), clock.instant(), id));
        return id;
    }

    // ---------------------------------------------------------------- projects

    public Written addProject(String alias, String name, String description, String repoPath) {
        NewProject p = prepareProject(alias, name, description, repoPath);
        return write(() -> createProject(p, Ids.next()));
    }

    /** A {@code project add} validated before its transaction. */
    record NewProject(String alias, String name, String description, String repoPath) {}

    NewProject prepareProject(String alias, String name, String description, String repoPath) {
        Limits.alias("alias", alias);
        String n = name == null ? alias : Limits.title("name", name);
        return new NewProject(alias, n, Limits.text("description", emptyToNull(description)), Limits.pathText("repo_path", repoPath));
    }

    /** Writes a prepared project inside the caller's transaction, under {@code correlationId}. */
    Written createProject(NewProject p, String correlationId) {
        if (db.one(ALIAS_OWNER, rs -> rs.getString(1), p.alias()).isPresent()) {
            throw new BacklogException(ErrorCode.DUPLICATE_ALIAS, "alias '" + p.alias() + "' is already used by another project",
                    Map.of("alias", p.alias()));
        }
        String id = Ids.next();
        NewEvent e = new NewEvent(Stream.of("project", id), 0, new ProjectCreated(id, p.alias(), p.name(), p.description(), p.repoPath()));
        return written("project", id, null, store.append(List.of(e), actor, correlationId, now(), origin()));
    }

    /** Only the keys present in {@code changes} change ({@code alias}, {@code name}, {@code description}, {@code repo_path}). */
    public Written updateProject(String ref, Map<String, String> changes, Long baseVersion) {
        if (changes.isEmpty()) {
            throw BacklogException.invalid("changes", null, "nothing to change: give at least one field");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : changes.entrySet()) {
            typed.put(c.getKey(), switch (c.getKey()) {
                case "alias" -> Limits.alias("alias", c.getValue());
                case "name" -> Limits.title("name", c.getValue());
                case "description" -> Limits.text("description", emptyToNull(c.getValue()));
                case "repo_path" -> Limits.pathText("repo_path", c.getValue());
                default -> throw BacklogException.invalid(c.getKey(), c.getValue(), "unknown project field " + c.getKey());
            });
        }
        return write(() -> {
            String id = lookup.project(ref);
            String stream = Stream.of("project", id);
            long version = store.version(stream);
            checkBase(stream, baseVersion, version);
            ProjectRow row = projectRow(id);
            Map<String, Object> diff = new LinkedHashMap<>();
            for (Map.Entry<String, Object> c : typed.entrySet()) {
                Object current = db.one("SELECT " + column(c.getKey()) + " FROM projects WHERE project_id = ?", rs -> rs.getObject(1), id).orElse(null);
                if (!java.util.Objects.equals(current, c.getValue())) {
                    diff.put(c.getKey(), c.getValue());
                }
            }
            if (diff.containsKey("alias")) {
                var owner = db.one(ALIAS_OWNER, rs -> rs.getString(1), diff.get("alias"));
                if (owner.isPresent() && !owner.get().equals(id)) {
                    throw new BacklogException(ErrorCode.DUPLICATE_ALIAS, "alias '" + diff.get("alias") + "' is already used by another project",
                            Map.of("alias", diff.get("alias")));
                }
            }
            if (diff.isEmpty()) {
                return written("project", id, row.alias(), List.of());
            }
            return written("project", id, row.alias(), append(new NewEvent(stream, version, new ProjectUpdated(diff))));
        });
    }

    private static String column(String field) {
        return switch (field) {
            case "alias" -> "alias";
            case "name" -> "name";
            case "description" -> "description";
            default -> "repo_path";
        };
    }

    public Written archiveProject(String ref, boolean archived) {
        return write(() -> {
            String id = lookup.project(ref);
            ProjectRow row = projectRow(id);
            if ((row.archivedAt() != null) == archived) {
                return written("project", id, row.alias(), List.of());
            }
            String stream = Stream.of("project", id);
            return written("project", id, row.alias(), append(new NewEvent(stream, store.version(stream),
                    archived ? new ProjectArchived() : new ProjectRestored())));
        });
    }

    public Written deleteProject(String ref) {
        return write(() -> {
            String id = lookup.project(ref);
            ProjectRow row = projectRow(id);
            if (row.archivedAt() == null) {
                throw new BacklogException(ErrorCode.PROJECT_NOT_ARCHIVED, "project " + row.alias() + " must be archived before it is deleted",
                        Map.of("alias", row.alias()));
            }
            String stream = Stream.of("project", id);
            return written("project", id, row.alias(), append(new NewEvent(stream, store.version(stream), new ProjectDeleted())));
        });
    }

    private record ProjectRow(String alias, String archivedAt, long version) {}

    private ProjectRow projectRow(String id) {
        return db.one(PROJECT_ROW, rs -> new ProjectRow(rs.getString(1), rs.getString(2), rs.getLong(3)), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.PROJECT_NOT_FOUND, "ref", id, "project"));
    }

    // ---------------------------------------------------------------- tasks

    public Written addTask(NewTask t) {
        return addTask(t, List.of());
    }

    /** {@code task add} with plans created in the same transaction (version 1 each), as a {@code task_add} payload allows. */
    public Written addTask(NewTask t, List<AddTask.Plan> plans) {
        PreparedTask prepared = prepareTask(t, plans);
        return write(() -> createTask(prepared, Ids.next()));
    }

    /** A {@code task add} validated and normalised before its transaction: nothing here needs the database. */
    record PreparedTask(String project, String title, String description, String type, int priority, String status,
                        String assignee, String due, String source, String externalRef, String projectPath,
                        List<String> labels, List<String> blockedBy, List<PlanAdded> plans) {}

    /** Checks every field of a new task (the same codes on every interface); throws the first problem found. */
    PreparedTask prepareTask(NewTask t, List<AddTask.Plan> plans) {
        List<PlanAdded> planEvents = new ArrayList<>();
        for (AddTask.Plan p : plans == null ? List.<AddTask.Plan>of() : plans) {
            if (p == null || p.title() == null || p.body() == null) {
                throw BacklogException.invalid("plans", null, "every plan needs a title and a body");
            }
            if (p.body().isBlank()) {
                throw BacklogException.invalid("plans.body", p.body(), "plan body must not be empty");
            }
            int bytes = p.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > ContextService.DOC_BODY_BYTES) {
                throw Limits.tooLarge("plans.body", ContextService.DOC_BODY_BYTES, bytes);
            }
            planEvents.add(new PlanAdded(null, null, Limits.title("plans.title", p.title()), p.body(),
                    Limits.shortText("plans.source", p.source()), p.changeNote() == null || p.changeNote().isBlank() ? null : p.changeNote().strip()));
        }
        if (t.project() == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass -p/--project or set a default project");
        }
        String title = Limits.title("title", t.title());
        String description = Limits.text("description", emptyToNull(t.description()));
        String type = t.type() == null ? settings.defaultType() : TaskType.parse("type", t.type());
        int priority = t.priority() == null ? settings.defaultPriority() : Priority.parse("priority", t.priority());
        String status = t.status() == null ? settings.defaultStatus() : Status.parse("status", t.status()).wire();
        String assignee = Limits.shortText("assignee", t.assignee());
        String due = t.dueDate() == null ? null : InputFormats.dueDate("due_date", t.dueDate()).map(Timestamps::format).orElse(null);
        String source = Limits.shortText("source", t.source());
        String externalRef = Limits.pathText("external_ref", t.externalRef());
        String projectPath = Limits.pathText("project_path", t.projectPath());
        List<String> labels = labelNames(t.labels() == null ? List.of() : t.labels());
        List<String> blockedBy = t.blockedBy() == null ? List.of() : t.blockedBy();
        if (blockedBy.size() > Limits.LINKS_PER_TASK) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "too many links", Map.of("field", "blocked_by",
                    "limit", Limits.LINKS_PER_TASK, "actual", blockedBy.size()));
        }
        return new PreparedTask(t.project(), title, description, type, priority, status, assignee, due, source, externalRef,
                projectPath, labels, blockedBy, planEvents);
    }

    /** Writes a prepared task and what comes with it, inside the caller's transaction, under {@code correlationId}. */
    Written createTask(PreparedTask t, String correlationId) {
        String title = t.title();
        String status = t.status();
        String projectId = lookup.project(t.project());
        ProjectRow project = projectRow(projectId);
        if (project.archivedAt() != null) {
            throw new BacklogException(ErrorCode.PROJECT_ARCHIVED, "project " + project.alias() + " is archived",
                    Map.of("alias", project.alias()));
        }
        List<String> blockers = new ArrayList<>(new LinkedHashSet<>(t.blockedBy().stream().map(lookup::task).toList()));
        String id = Ids.next();
        long number = db.count(COUNTER) + 1;
        String stream = Stream.of("task", id);
        List<NewEvent> events = new ArrayList<>();
        List<NewEvent> attach = new ArrayList<>();
        for (String name : t.labels()) {
            String labelId = lookup.labelByName(projectId, name);
            if (labelId == null) {
                labelId = Ids.next();
                events.add(new NewEvent(Stream.of("label", labelId), 0, new LabelCreated(labelId, projectId, name, null)));
            } else {
                name = db.one(LABEL_ROW, rs -> rs.getString(2), labelId).orElse(name);
            }
            attach.add(new NewEvent(stream, 0, new LabelAttached(labelId, name)));
        }
        events.add(new NewEvent(stream, 0, new TaskCreated(id, number, projectId, title, t.description(), t.type(), status,
                t.priority(), t.assignee(), t.due(), t.source(), t.externalRef(), t.projectPath())));
        events.addAll(attach);
        for (String blocker : blockers) {
            String bs = Stream.of("task", blocker);
            events.add(new NewEvent(bs, store.version(bs), new TaskLinked("blocks", id)));
        }
        for (PlanAdded p : t.plans()) {
            String planId = Ids.next();
            events.add(new NewEvent(Stream.of("plan", planId), 0,
                    new PlanAdded(planId, id, p.title(), p.body(), p.source(), p.changeNote())));
        }
        if (status.equals("doing")) {
            events.add(new NewEvent(stream, 0, new TaskClaimed(expiry(settings.defaultLease()), false, null)));
        }
        return written("task", id, "TASK-" + number, store.append(events, actor, correlationId, now(), origin()));
    }

    /** Runs {@code body} as one command: one write transaction and one clock reading. */
    <T> T command(Supplier<T> body) {
        return write(body);
    }

    /** Normalised, case-insensitively de-duplicated label names, first spelling kept. */
    private static List<String> labelNames(List<String> raw) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String r : raw) {
            String n = Limits.labelName("label", r);
            byKey.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
        }
        if (byKey.size() > Limits.LABELS_PER_TASK) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "too many labels", Map.of("field", "labels",
                    "limit", Limits.LABELS_PER_TASK, "actual", byKey.size()));
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Field changes of {@code task update}: keys {@code title description type priority assignee due_date source
     * external_ref project_path}; {@code ""} clears optional fields. {@code status} follows {@code task move}.
     */
    public Written updateTask(String ref, Map<String, String> changes, String status, boolean force, Long baseVersion) {
        if (changes.isEmpty() && status == null) {
            throw BacklogException.invalid("changes", null, "nothing to change: give at least one field");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : changes.entrySet()) {
            String v = c.getValue();
            switch (c.getKey()) {
                case "title" -> typed.put("title", Limits.title("title", v));
                case "description" -> typed.put("description", Limits.text("description", emptyToNull(v)));
                case "type" -> typed.put("type", TaskType.parse("type", v));
                case "priority" -> typed.put("priority", Priority.parse("priority", v));
                case "assignee" -> typed.put("assignee", Limits.shortText("assignee", v));
                case "due_date" -> typed.put("due_at", InputFormats.dueDate("due_date", v).map(Timestamps::format).orElse(null));
                case "source" -> typed.put("source", Limits.shortText("source", v));
                case "external_ref" -> typed.put("external_ref", Limits.pathText("external_ref", v));
                case "project_path" -> typed.put("project_path", Limits.pathText("project_path", v));
                default -> throw BacklogException.invalid(c.getKey(), v, "unknown task field " + c.getKey());
            }
        }
        String to = status == null ? null : Status.parse("status", status).wire();
        return taskCommand(ref, now -> new TaskCommand.Update(now, actor, typed, to, force, baseVersion, settings.defaultLease()));
    }

    public Written moveTask(String ref, String status, boolean force, Long baseVersion) {
        if (status == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing status", Map.of("argument", "STATUS"));
        }
        String to = Status.parse("status", status).wire();
        return taskCommand(ref, now -> new TaskCommand.Move(now, actor, to, force, baseVersion, settings.defaultLease()));
    }

    /** {@code lease == null} uses {@code claims.default_lease}; otherwise a duration text or {@code never}. */
    public Written claimTask(String ref, String lease) {
        Optional<Duration> l = lease == null ? settings.defaultLease() : InputFormats.lease("lease", lease);
        return taskCommand(ref, now -> new TaskCommand.Claim(now, actor, l));
    }

    public Written releaseTask(String ref, String status, boolean force) {
        String to = status == null ? null : Status.parse("status", status).wire();
        return taskCommand(ref, now -> new TaskCommand.Release(now, actor, to, force));
    }

    public Written archiveTask(String ref, boolean archived) {
        return taskCommand(ref, now -> new TaskCommand.Archive(now, actor, archived));
    }

    public Written deleteTask(String ref) {
        return taskCommand(ref, now -> new TaskCommand.Delete(now, actor));
    }

    /**
     * Links {@code ref} and {@code other}: {@code refBlocks} true means {@code ref} blocks {@code other}. Adding a link
     * that would close a cycle (or a self-link) is {@code LINK_CYCLE}. Returns {@code ref}.
     */
    public Written linkTasks(String ref, String other, boolean refBlocks, boolean linked) {
        return write(() -> {
            String a = lookup.task(ref);
            String b = lookup.task(other);
            String blocker = refBlocks ? a : b;
            String blocked = refBlocks ? b : a;
            if (linked) {
                List<String> path = pathBetween(blocked, blocker);
                if (path != null) {
                    List<String> refs = new ArrayList<>();
                    refs.add(refOf(blocker));
                    path.forEach(p -> refs.add(refOf(p)));
                    throw new BacklogException(ErrorCode.LINK_CYCLE, blocker.equals(blocked) ? "a task cannot block itself"
                            : "link would create a cycle: " + String.join(" → ", refs), Map.of("path", refs));
                }
            }
            String stream = Stream.of("task", blocker);
            TaskState state = TaskState.fold(store.read(stream));
            Decision d = TaskDecider.decide(new TaskCommand.Link(now(), actor, blocked, linked), state);
            List<RecordedEvent> events = appendDecision(stream, state, d);
            return written("task", a, refOf(a), events);
        });
    }

    /** The blocks-path from {@code from} to {@code to} (inclusive of both), or {@code null}; a self-path is [from]. */
    private List<String> pathBetween(String from, String to) {
        Map<String, String> parent = new LinkedHashMap<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        queue.add(from);
        parent.put(from, null);
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (cur.equals(to)) {
                List<String> path = new ArrayList<>();
                for (String p = cur; p != null; p = parent.get(p)) {
                    path.add(0, p);
                }
                return path;
            }
            for (String next : db.list(BLOCKS, rs -> rs.getString(1), cur)) {
                if (!parent.containsKey(next)) {
                    parent.put(next, cur);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /**
     * {@code task next --claim}: picks the best ready candidate and claims it in the same write transaction, so
     * concurrent callers always get distinct tasks. {@code NO_READY_TASK} when nothing is ready.
     */
    public Written claimNext(ReadyTasks.Filter filter, String lease) {
        Optional<Duration> l = lease == null ? settings.defaultLease() : InputFormats.lease("lease", lease);
        return write(() -> {
            Instant now = now();
            for (String id : ready.candidates(filter, Timestamps.format(now), 20)) {
                String stream = Stream.of("task", id);
                TaskState state = TaskState.fold(store.read(stream));
                Decision d = TaskDecider.decide(new TaskCommand.Claim(now, actor, l), state);
                if (d instanceof Decision.Accepted) {
                    return written("task", id, state.ref(), appendDecision(stream, state, d));
                }
            }
            throw ReadyTasks.none(filter);
        });
    }

    private interface TaskCommandFactory {
        TaskCommand at(Instant now);
    }

    private Written taskCommand(String ref, TaskCommandFactory factory) {
        return write(() -> {
            String id = lookup.task(ref);
            String stream = Stream.of("task", id);
            TaskState state = TaskState.fold(store.read(stream));
            Decision d = TaskDecider.decide(factory.at(now()), state);
            return written("task", id, state.ref(), appendDecision(stream, state, d));
        });
    }

    private List<RecordedEvent> appendDecision(String stream, TaskState state, Decision d) {
        return switch (d) {
            case Decision.Rejected r -> throw enrich(stream, r);
            case Decision.Accepted a -> a.events().isEmpty() ? List.of()
                    : store.append(a.events().stream().map(p -> new NewEvent(stream, state.version(), p)).toList(),
                    actor, Ids.next(), now(), origin());
        };
    }

    /** STALE_VERSION names who wrote the newer version and when. */
    private BacklogException enrich(String stream, Decision.Rejected r) {
        if (r.code() != ErrorCode.STALE_VERSION) {
            return r.toException();
        }
        return ctx.stale(stream, ((Number) r.details().get("expected_version")).longValue(),
                ((Number) r.details().get("actual_version")).longValue(), r.message());
    }

    private void checkBase(String stream, Long baseVersion, long version) {
        if (baseVersion != null && baseVersion != version) {
            throw ctx.stale(stream, baseVersion, version, stream + " is at version " + version + ", not " + baseVersion);
        }
    }

    private String refOf(String taskId) {
        return "TASK-" + db.count(NUMBER, taskId);
    }

    // ---------------------------------------------------------------- labels

    /** Idempotent: an existing label (case-insensitive) is returned unchanged. */
    public Written createLabel(String project, String name, String color) {
        String n = Limits.labelName("name", name);
        String c = color(color);
        return write(() -> {
            String projectId = requireProject(project);
            ProjectRow row = projectRow(projectId);
            String existing = lookup.labelByName(projectId, n);
            if (existing != null) {
                return written("label", existing, null, List.of());
            }
            if (row.archivedAt() != null) {
                throw new BacklogException(ErrorCode.PROJECT_ARCHIVED, "project " + row.alias() + " is archived", Map.of("alias", row.alias()));
            }
            String id = Ids.next();
            return written("label", id, null, append(new NewEvent(Stream.of("label", id), 0, new LabelCreated(id, projectId, n, c))));
        });
    }

    public Written updateLabel(String project, String label, String newName, String color) {
        if (newName == null && color == null) {
            throw BacklogException.invalid("changes", null, "nothing to change: give --name or --color");
        }
        String n = newName == null ? null : Limits.labelName("name", newName);
        String c = color == null ? null : color(color);
        return write(() -> {
            String projectId = requireProject(project);
            String id = lookup.label(projectId, label);
            Map<String, Object> changes = new LinkedHashMap<>();
            String[] current = db.one(LABEL_ROW, rs -> new String[] {rs.getString(2), rs.getString(3)}, id).orElseThrow();
            if (n != null && !n.equals(current[0])) {
                String clash = lookup.labelByName(projectId, n);
                if (clash != null && !clash.equals(id)) {
                    throw BacklogException.invalid("name", n, "the project already has a label named '" + n + "'");
                }
                changes.put("name", n);
            }
            if (c != null && !c.equals(current[1])) {
                changes.put("color", c);
            }
            if (changes.isEmpty()) {
                return written("label", id, null, List.of());
            }
            String stream = Stream.of("label", id);
            return written("label", id, null, append(new NewEvent(stream, store.version(stream), new LabelUpdated(changes))));
        });
    }

    public Written deleteLabel(String project, String label) {
        return write(() -> {
            String projectId = requireProject(project);
            String id = lookup.label(projectId, label);
            String stream = Stream.of("label", id);
            return written("label", id, null, append(new NewEvent(stream, store.version(stream), new LabelDeleted())));
        });
    }

    /** Attach auto-creates the label in the task's project; both directions are idempotent. Returns the task. */
    public Written labelTask(String ref, String name, boolean attach) {
        String n = Limits.labelName("name", name);
        return write(() -> {
            String taskId = lookup.task(ref);
            String projectId = db.string(TASK_PROJECT, taskId);
            String labelId = lookup.labelByName(projectId, n);
            List<NewEvent> events = new ArrayList<>();
            String labelName = n;
            if (labelId == null) {
                if (!attach) {
                    throw BacklogException.notFound(ErrorCode.LABEL_NOT_FOUND, "ref", n, "label");
                }
                ProjectRow project = projectRow(projectId);
                if (project.archivedAt() != null) {
                    throw new BacklogException(ErrorCode.PROJECT_ARCHIVED, "project " + project.alias() + " is archived: no new labels",
                            Map.of("alias", project.alias()));
                }
                labelId = Ids.next();
                events.add(new NewEvent(Stream.of("label", labelId), 0, new LabelCreated(labelId, projectId, n, null)));
            } else {
                labelName = db.one(LABEL_ROW, rs -> rs.getString(2), labelId).orElse(n);
            }
            String stream = Stream.of("task", taskId);
            TaskState state = TaskState.fold(store.read(stream));
            Decision d = TaskDecider.decide(new TaskCommand.Label(now(), actor, labelId, labelName, attach), state);
            if (d instanceof Decision.Rejected r) {
                throw r.toException();
            }
            for (EventPayload p : ((Decision.Accepted) d).events()) {
                events.add(new NewEvent(stream, state.version(), p));
            }
            List<RecordedEvent> out = events.isEmpty() ? List.of() : store.append(events, actor, Ids.next(), now(), origin());
            return written("task", taskId, state.ref(), out);
        });
    }

    private static String color(String color) {
        if (color == null) {
            return null;
        }
        if (!color.matches("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")) {
            throw BacklogException.invalid("color", color, "invalid colour '" + color + "': use #RGB or #RRGGBB");
        }
        return color.toLowerCase(Locale.ROOT);
    }

    private String requireProject(String project) {
        if (project == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass -p/--project or set a default project");
        }
        return lookup.project(project);
    }

    // ---------------------------------------------------------------- comments

    public Written addComment(String taskRef, String body) {
        if (body == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing comment body", Map.of("argument", "BODY"));
        }
        if (body.isBlank()) {
            throw BacklogException.invalid("body", body, "comment body must not be empty");
        }
        String text = Limits.text("body", body);
        return write(() -> {
            String taskId = lookup.task(taskRef);
            String id = Ids.next();
            return written("comment", id, null, append(new NewEvent(Stream.of("comment", id), 0, new CommentAdded(id, taskId, text))));
        });
    }

    public Written deleteComment(String commentId) {
        return write(() -> {
            String id = lookup.comment(commentId);
            String taskId = db.string(COMMENT_TASK, id);
            String stream = Stream.of("comment", id);
            return written("comment", id, refOf(taskId), append(new NewEvent(stream, store.version(stream), new CommentDeleted())));
        });
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T write(Supplier<T> body) {
        return ctx.write(body);
    }

    private List<RecordedEvent> append(NewEvent event) {
        return ctx.append(event);
    }

    private Written written(String kind, String id, String ref, List<RecordedEvent> events) {
        return new Written(kind, id, ref, events);
    }

    private String origin() {
        return ctx.origin();
    }

    private Instant now() {
        return ctx.now();
    }

    private String expiry(Optional<Duration> lease) {
        return lease.map(d -> Timestamps.format(Timestamps.truncate(now()).plus(d))).orElse(null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
