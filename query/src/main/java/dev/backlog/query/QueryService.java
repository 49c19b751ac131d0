package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.Lookup;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Views.*;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every read of backlog, shared by CLI, HTTP and MCP: answers from the read tables, or from a scratch fold of the
 * events for time travel. Returns the §2.5 documents. Not thread-safe: one instance per connection.
 */
public final class QueryService {
    private static final String WORKSPACE = "SELECT workspace_id, name FROM workspace";
    private static final String COMMENT = """
            SELECT c.comment_id, c.task_id, t.number, c.body, c.actor_kind, c.actor_name, c.created_at
            FROM comments c JOIN tasks t ON t.task_id = c.task_id WHERE c.comment_id = ?
            """;
    private final Db db;
    private final Clock clock;
    private final Lookup lookup;

    public QueryService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.lookup = new Lookup(db);
    }

    public Lookup lookup() {
        return lookup;
    }

    /** {@code workspace_id} and {@code name}. */
    public String[] workspace() {
        return db.one(WORKSPACE, rs -> new String[] {rs.getString(1), rs.getString(2)}).orElse(new String[] {null, null});
    }

    public ProjectList projects(boolean includeArchived, boolean archivedOnly) {
        return new ProjectReader(db).list(includeArchived, archivedOnly);
    }

    public ProjectView project(String ref) {
        return new ProjectReader(db).byId(lookup.project(ref));
    }

    public ProjectView projectById(String id) {
        return new ProjectReader(db).byId(id);
    }

    public TaskList tasks(TaskQuery q) {
        return new TaskReader(db).list(q, clock.instant());
    }

    /** {@code task list --at}: the same query over the state folded up to {@code at}. */
    public TaskList tasksAt(TaskQuery q, String at) {
        TimeTravel.Point p = TimeTravel.point(db, at);
        try (TimeTravel.Folded f = TimeTravel.all(db, p)) {
            TaskList l = new TaskReader(f.db()).list(q, p.now());
            return new TaskList(l.tasks(), l.page(), l.scope(), f.asOf());
        }
    }

    public TaskDetail task(String ref) {
        return detail(db, lookup.task(ref), clock.instant(), null);
    }

    public TaskDetail taskById(String id) {
        return detail(db, id, clock.instant(), null);
    }

    public TaskView taskView(String id) {
        return new TaskReader(db).byId(id, clock.instant());
    }

    /** {@code task show --at}: folds only the streams behind this task. */
    public TaskDetail taskAt(String ref, String at) {
        TimeTravel.Point p = TimeTravel.point(db, at);
        String id = TimeTravel.taskId(db, ref);
        try (TimeTravel.Folded f = TimeTravel.task(db, id, p)) {
            try {
                return detail(f.db(), id, p.now(), f.asOf());
            } catch (BacklogException e) {
                if (e.code() == ErrorCode.TASK_NOT_FOUND) {
                    throw BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", ref, "task (at " + at + ")");
                }
                throw e;
            }
        }
    }

    private static TaskDetail detail(Db on, String id, Instant now, AsOf asOf) {
        TaskReader r = new TaskReader(on);
        return new TaskDetail(r.byId(id, now), List.of(), r.comments(id), List.of(), asOf);
    }

    /** {@code task next} without claiming: the best ready candidate or {@code NO_READY_TASK}. */
    public TaskView next(ReadyTasks.Filter filter) {
        Instant now = clock.instant();
        List<String> ids = new ReadyTasks(db).candidates(filter, Timestamps.format(now), 1);
        if (ids.isEmpty()) {
            throw ReadyTasks.none(filter);
        }
        return new TaskReader(db).byId(ids.get(0), now);
    }

    public EventList history(String ref, int limit, List<String> types, Long after) {
        String id = lookup.task(ref);
        return new EventReader(db).list(new EventReader.Filter(null, id, List.of(), types, null, null, null, after, null,
                true, limit, 0), false);
    }

    /** {@code activity}: events newest first (or oldest first with {@code ascending}). */
    public EventList activity(String projectRef, String taskRef, List<String> kinds, List<String> types, String actorKind,
                              String actorName, String since, Long after, Long before, boolean ascending, int limit, int offset) {
        String projectId = projectRef == null ? null : lookup.project(projectRef);
        String taskId = taskRef == null ? null : lookup.task(taskRef);
        return new EventReader(db).list(new EventReader.Filter(projectId, taskId, kinds, types, actorKind, actorName, since,
                after, before, ascending, limit, offset), true);
    }

    public CommentList comments(String taskRef) {
        return new CommentList(new TaskReader(db).comments(lookup.task(taskRef)));
    }

    public CommentView comment(String id) {
        return db.one(COMMENT, TaskReader::comment, id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.COMMENT_NOT_FOUND, "id", id, "comment"));
    }

    public LabelList labels(String projectRef) {
        return new ProjectReader(db).labels(lookup.project(projectRef));
    }

    public LabelView label(String labelId) {
        return new ProjectReader(db).label(labelId);
    }

    public VerifyReport verify(String expectHead) {
        return ChainVerifier.verify(db, expectHead);
    }

    public CheckReport check(boolean quick) {
        return HealthChecks.run(db, quick);
    }
}
