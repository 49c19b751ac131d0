package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.CommentAdded;
import dev.backlog.model.event.RecordedEvent;

/** The {@code comments} table (comments are indexed for search too). */
final class CommentProjection {
    private static final String TASK_PROJECT = "SELECT project_id FROM tasks WHERE task_id = ?";
    private static final String INSERT = """
            INSERT INTO comments (comment_id, task_id, body, actor_kind, actor_name, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """;
    private static final String STREAM = "INSERT OR IGNORE INTO task_streams (task_id, stream) VALUES (?, ?)";
    private static final String DELETE = "DELETE FROM comments WHERE comment_id = ?";
    private final Db db;
    private final SearchProjection search;

    CommentProjection(Db db, SearchProjection search) {
        this.db = db;
        this.search = search;
    }

    void added(RecordedEvent e, CommentAdded c) {
        String project = db.string(TASK_PROJECT, c.taskId());
        if (project == null) {
            return;
        }
        db.update(INSERT, c.commentId(), c.taskId(), c.body(), e.actor().kind().wire(), e.actor().name(), ts(e));
        db.update(STREAM, c.taskId(), e.stream());
        search.add(e.seq(), "comment", c.commentId(), c.taskId(), project, "", c.body());
    }

    void deleted(RecordedEvent e) {
        search.remove(e.streamId());
        db.update(DELETE, e.streamId());
    }
}
