package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.AttachmentAdded;
import dev.backlog.model.event.RecordedEvent;

/** Attachment metadata (the bytes live in the blob store, written before the event, never deleted). */
final class AttachmentProjection {
    private static final String TASK_PROJECT = "SELECT project_id FROM tasks WHERE task_id = ?";
    private static final String DOC_PROJECT = "SELECT project_id FROM docs WHERE doc_id = ?";
    private static final String INSERT = """
            INSERT INTO attachments (attachment_id, target_kind, target_id, project_id, name, mime_type, size, sha256,
                                     actor_kind, actor_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String STREAM = "INSERT OR IGNORE INTO task_streams (task_id, stream) VALUES (?, ?)";
    private static final String DELETE = "DELETE FROM attachments WHERE attachment_id = ?";
    private static final String DELETE_TARGET = "DELETE FROM attachments WHERE target_kind = ? AND target_id = ?";
    private final Db db;

    AttachmentProjection(Db db) {
        this.db = db;
    }

    void added(RecordedEvent e, AttachmentAdded a) {
        String project = db.string("task".equals(a.targetKind()) ? TASK_PROJECT : DOC_PROJECT, a.targetId());
        if (project == null) {
            return;
        }
        db.update(INSERT, a.attachmentId(), a.targetKind(), a.targetId(), project, a.name(), a.mimeType(), a.size(), a.sha256(),
                e.actor().kind().wire(), e.actor().name(), ts(e));
        if ("task".equals(a.targetKind())) {
            db.update(STREAM, a.targetId(), e.stream());
        }
    }

    void removed(RecordedEvent e) {
        db.update(DELETE, e.streamId());
    }

    void removeTarget(String kind, String id) {
        db.update(DELETE_TARGET, kind, id);
    }
}
