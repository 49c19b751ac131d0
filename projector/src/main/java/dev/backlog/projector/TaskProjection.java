package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.TaskClaimed;
import dev.backlog.model.event.EventPayload.TaskCreated;
import dev.backlog.model.event.EventPayload.TaskStatusChanged;
import dev.backlog.model.event.EventPayload.TaskUpdated;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.model.event.Stream;
import java.util.Map;

/** The {@code tasks} table and the task-owned sets: labels, links, and the streams behind each task. */
final class TaskProjection {
    private static final String PROJECT_LIVE = "SELECT count(*) FROM projects WHERE project_id = ?";
    private static final String COUNTER = "SELECT value FROM counters WHERE name = 'task_number'";
    private static final String SET_COUNTER = """
            INSERT INTO counters (name, value) VALUES ('task_number', ?1)
            ON CONFLICT (name) DO UPDATE SET value = max(value, ?1)
            """;
    private static final String INSERT = """
            INSERT INTO tasks (task_id, number, project_id, title, description, type, status, priority, assignee, due_at,
                               source, external_ref, project_path, actor_kind, actor_name, created_at, updated_at,
                               completed_at, version, search_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final Map<String, String> SET = Map.of(
            "title", "UPDATE tasks SET title = ? WHERE task_id = ?",
            "description", "UPDATE tasks SET description = ? WHERE task_id = ?",
            "type", "UPDATE tasks SET type = ? WHERE task_id = ?",
            "priority", "UPDATE tasks SET priority = ? WHERE task_id = ?",
            "assignee", "UPDATE tasks SET assignee = ? WHERE task_id = ?",
            "due_at", "UPDATE tasks SET due_at = ? WHERE task_id = ?",
            "source", "UPDATE tasks SET source = ? WHERE task_id = ?",
            "external_ref", "UPDATE tasks SET external_ref = ? WHERE task_id = ?",
            "project_path", "UPDATE tasks SET project_path = ? WHERE task_id = ?");
    private static final String TOUCH = "UPDATE tasks SET updated_at = ?, version = ? WHERE task_id = ?";
    // the hot statements set updated_at and version themselves: one UPDATE per event instead of two
    private static final String STATUS = """
            UPDATE tasks SET status = ?, completed_at = ?, updated_at = ?, version = ? WHERE task_id = ?
            """;
    private static final String CLAIM = """
            UPDATE tasks SET claim_kind = ?, claim_name = ?, claimed_at = ?, lease_expires_at = ?, updated_at = ?, version = ?
            WHERE task_id = ?
            """;
    private static final String RELEASE = """
            UPDATE tasks SET claim_kind = NULL, claim_name = NULL, claimed_at = NULL, lease_expires_at = NULL,
                             updated_at = ?, version = ?
            WHERE task_id = ?
            """;
    private static final String ARCHIVE = "UPDATE tasks SET archived_at = ?, updated_at = ?, version = ? WHERE task_id = ?";
    private static final String LINK = """
            INSERT OR IGNORE INTO task_links (blocker_id, blocked_id)
            SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = ?1) AND EXISTS (SELECT 1 FROM tasks WHERE task_id = ?2)
            """;
    private static final String UNLINK = "DELETE FROM task_links WHERE blocker_id = ? AND blocked_id = ?";
    private static final String LABEL = """
            INSERT OR IGNORE INTO task_labels (task_id, label_id)
            SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = ?1) AND EXISTS (SELECT 1 FROM labels WHERE label_id = ?2)
            """;
    private static final String UNLABEL = "DELETE FROM task_labels WHERE task_id = ? AND label_id = ?";
    private static final String STREAM = "INSERT OR IGNORE INTO task_streams (task_id, stream) VALUES (?, ?)";
    private static final String[] DELETE = {
        "DELETE FROM versions WHERE owner_id IN (SELECT plan_id FROM plans WHERE task_id = ?1)",
        "DELETE FROM plans WHERE task_id = ?1",
        "DELETE FROM attachments WHERE target_kind = 'task' AND target_id = ?1",
        "DELETE FROM comments WHERE task_id = ?1",
        "DELETE FROM task_links WHERE blocker_id = ?1 OR blocked_id = ?1",
        "DELETE FROM task_labels WHERE task_id = ?1",
        "DELETE FROM tasks WHERE task_id = ?1",
    };
    private final Db db;
    private final SearchProjection search;
    private final Tombstones tombstones;

    TaskProjection(Db db, SearchProjection search, Tombstones tombstones) {
        this.db = db;
        this.search = search;
        this.tombstones = tombstones;
    }

    void created(RecordedEvent e, TaskCreated c) {
        String projectStream = Stream.of("project", c.projectId());
        if (tombstones.isDead(projectStream) || db.count(PROJECT_LIVE, c.projectId()) == 0) {
            return;
        }
        long max = db.one(COUNTER, rs -> rs.getLong(1)).orElse(0L);
        long number = c.number() > max ? c.number() : max + 1;
        db.update(INSERT, c.taskId(), number, c.projectId(), c.title(), c.description(), c.type(), c.status(),
                c.priority(), c.assignee(), c.dueAt(), c.source(), c.externalRef(), c.projectPath(),
                e.actor().kind().wire(), e.actor().name(), ts(e), ts(e), "done".equals(c.status()) ? ts(e) : null,
                e.streamVersion(), e.seq());
        db.update(SET_COUNTER, number);
        search.add(e.seq(), "task", c.taskId(), c.taskId(), c.projectId(), c.title(), c.description());
        db.update(STREAM, c.taskId(), e.stream());
        db.update(STREAM, c.taskId(), projectStream);
    }

    void updated(RecordedEvent e, TaskUpdated u) {
        String id = e.streamId();
        for (Map.Entry<String, Object> change : u.changes().entrySet()) {
            String sql = SET.get(change.getKey());
            if (sql != null) {
                db.update(sql, change.getValue(), id);
            }
        }
        if (u.changes().containsKey("title")) {
            search.title(id, (String) u.changes().get("title"));
        }
        if (u.changes().containsKey("description")) {
            search.body(id, (String) u.changes().get("description"));
        }
        touch(e);
    }

    void statusChanged(RecordedEvent e, TaskStatusChanged s) {
        db.update(STATUS, s.to(), "done".equals(s.to()) ? ts(e) : null, ts(e), e.streamVersion(), e.streamId());
    }

    void claimed(RecordedEvent e, TaskClaimed c) {
        db.update(CLAIM, e.actor().kind().wire(), e.actor().name(), ts(e), c.leaseExpiresAt(), ts(e), e.streamVersion(), e.streamId());
    }

    void released(RecordedEvent e) {
        db.update(RELEASE, ts(e), e.streamVersion(), e.streamId());
    }

    void linked(RecordedEvent e, String target, boolean linked) {
        String blocker = e.streamId();
        if (linked) {
            db.update(LINK, blocker, target);
            db.update(STREAM, target, e.stream());
            db.update(STREAM, blocker, Stream.of("task", target));
        } else {
            db.update(UNLINK, blocker, target);
        }
        touch(e);
    }

    void labelled(RecordedEvent e, String labelId, boolean attached) {
        if (attached) {
            db.update(LABEL, e.streamId(), labelId);
            db.update(STREAM, e.streamId(), Stream.of("label", labelId));
        } else {
            db.update(UNLABEL, e.streamId(), labelId);
        }
        touch(e);
    }

    void archived(RecordedEvent e, boolean archived) {
        db.update(ARCHIVE, archived ? ts(e) : null, ts(e), e.streamVersion(), e.streamId());
    }

    void deleted(RecordedEvent e) {
        search.removeTask(e.streamId());
        for (String sql : DELETE) {
            db.update(sql, e.streamId());
        }
    }

    private void touch(RecordedEvent e) {
        db.update(TOUCH, ts(e), e.streamVersion(), e.streamId());
    }
}
