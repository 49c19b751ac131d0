package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.RecordedEvent;

/**
 * Plans and docs (rule P6): every {@code *Added}/{@code *Revised} event is a new immutable version numbered by its
 * position in fold order; the owner row keeps {@code current_version}, and the search index the current text.
 */
final class VersionedProjection {
    private static final String VERSION = """
            INSERT INTO versions (owner_id, version, title, body, change_note, actor_kind, actor_name, created_at, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String DROP_VERSIONS = "DELETE FROM versions WHERE owner_id = ?";
    private static final String PLAN = """
            INSERT INTO plans (plan_id, task_id, source, actor_kind, actor_name, created_at, updated_at, current_version, search_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
            """;
    private static final String DOC = """
            INSERT INTO docs (doc_id, project_id, actor_kind, actor_name, created_at, updated_at, current_version, search_key)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?)
            """;
    private static final String PLAN_CURRENT = "SELECT current_version FROM plans WHERE plan_id = ?";
    private static final String DOC_CURRENT = "SELECT current_version FROM docs WHERE doc_id = ?";
    private static final String PLAN_REVISED = "UPDATE plans SET current_version = ?, updated_at = ? WHERE plan_id = ?";
    private static final String DOC_REVISED = "UPDATE docs SET current_version = ?, updated_at = ? WHERE doc_id = ?";
    private static final String TASK_PROJECT = "SELECT project_id FROM tasks WHERE task_id = ?";
    private static final String PROJECT_LIVE = "SELECT count(*) FROM projects WHERE project_id = ?";
    private static final String DELETE_PLAN = "DELETE FROM plans WHERE plan_id = ?";
    private static final String DELETE_DOC = "DELETE FROM docs WHERE doc_id = ?";
    private static final String STREAM = "INSERT OR IGNORE INTO task_streams (task_id, stream) VALUES (?, ?)";
    private final Db db;
    private final SearchProjection search;
    private final AttachmentProjection attachments;

    VersionedProjection(Db db, SearchProjection search, AttachmentProjection attachments) {
        this.db = db;
        this.search = search;
        this.attachments = attachments;
    }

    void planAdded(RecordedEvent e, String planId, String taskId, String title, String body, String source, String note) {
        String project = db.string(TASK_PROJECT, taskId);
        if (project == null) {
            return;
        }
        db.update(PLAN, planId, taskId, source, e.actor().kind().wire(), e.actor().name(), ts(e), ts(e), e.seq());
        version(e, planId, 1, title, body, note);
        db.update(STREAM, taskId, e.stream());
        search.add(e.seq(), "plan", planId, taskId, project, title, body);
    }

    void docAdded(RecordedEvent e, String docId, String projectId, String title, String body, String note) {
        if (db.count(PROJECT_LIVE, projectId) == 0) {
            return;
        }
        db.update(DOC, docId, projectId, e.actor().kind().wire(), e.actor().name(), ts(e), ts(e), e.seq());
        version(e, docId, 1, title, body, note);
        search.add(e.seq(), "doc", docId, null, projectId, title, body);
    }

    void revised(RecordedEvent e, boolean plan, String title, String body, String note) {
        String id = e.streamId();
        Long current = db.one(plan ? PLAN_CURRENT : DOC_CURRENT, rs -> rs.getLong(1), id).orElse(null);
        if (current == null) {
            return;
        }
        long next = current + 1;
        version(e, id, next, title, body, note);
        db.update(plan ? PLAN_REVISED : DOC_REVISED, next, ts(e), id);
        search.text(id, title, body);
    }

    void deleted(RecordedEvent e, boolean plan) {
        remove(e.streamId(), plan);
    }

    /** Removes a plan or doc with its versions, search row and (for docs) attachments: rule P3. */
    void remove(String id, boolean plan) {
        search.remove(id);
        db.update(DROP_VERSIONS, id);
        db.update(plan ? DELETE_PLAN : DELETE_DOC, id);
        if (!plan) {
            attachments.removeTarget("doc", id);
        }
    }

    private void version(RecordedEvent e, String owner, long version, String title, String body, String note) {
        db.update(VERSION, owner, version, title, body == null ? "" : body, note, e.actor().kind().wire(), e.actor().name(), ts(e),
                e.eventId());
    }
}
