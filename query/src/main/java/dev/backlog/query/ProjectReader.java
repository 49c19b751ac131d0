package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.query.Views.*;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Project and label views. */
final class ProjectReader {
    private static final String COLUMNS = """
            SELECT p.project_id, p.alias, p.name, p.description, p.repo_path, p.actor_kind, p.actor_name, p.created_at,
                   p.updated_at, p.archived_at, p.version,
                   (SELECT count(*) FROM tasks t WHERE t.project_id = p.project_id AND t.archived_at IS NULL AND t.status = 'todo'),
                   (SELECT count(*) FROM tasks t WHERE t.project_id = p.project_id AND t.archived_at IS NULL AND t.status = 'doing'),
                   (SELECT count(*) FROM tasks t WHERE t.project_id = p.project_id AND t.archived_at IS NULL AND t.status = 'review'),
                   (SELECT count(*) FROM tasks t WHERE t.project_id = p.project_id AND t.archived_at IS NULL AND t.status = 'done')
            FROM projects p
            """;
    private static final String BY_ID = COLUMNS + " WHERE p.project_id = ?";
    private static final String LIVE = COLUMNS + " WHERE p.archived_at IS NULL ORDER BY p.name COLLATE NOCASE, p.alias";
    private static final String ALL = COLUMNS + " ORDER BY p.name COLLATE NOCASE, p.alias";
    private static final String ARCHIVED = COLUMNS + " WHERE p.archived_at IS NOT NULL ORDER BY p.name COLLATE NOCASE, p.alias";
    private static final String LABEL_COLUMNS = """
            SELECT l.label_id, l.project_id, l.name, l.color, (SELECT count(*) FROM task_labels tl WHERE tl.label_id = l.label_id),
                   l.created_at
            FROM labels l
            """;
    private static final String LABELS = LABEL_COLUMNS + " WHERE l.project_id = ? ORDER BY lower(l.name), l.created_seq";
    private static final String LABEL = LABEL_COLUMNS + " WHERE l.label_id = ?";

    private final Db db;

    ProjectReader(Db db) {
        this.db = db;
    }

    ProjectView byId(String id) {
        return db.one(BY_ID, ProjectReader::view, id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.PROJECT_NOT_FOUND, "ref", id, "project"));
    }

    ProjectList list(boolean includeArchived, boolean archivedOnly) {
        return new ProjectList(db.list(archivedOnly ? ARCHIVED : includeArchived ? ALL : LIVE, ProjectReader::view));
    }

    LabelList labels(String projectId) {
        return new LabelList(db.list(LABELS, ProjectReader::label, projectId));
    }

    LabelView label(String labelId) {
        return db.one(LABEL, ProjectReader::label, labelId)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.LABEL_NOT_FOUND, "id", labelId, "label"));
    }

    private static ProjectView view(ResultSet rs) throws SQLException {
        return new ProjectView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                new ActorView(rs.getString(6), rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10),
                new Counts(rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15)), rs.getLong(11));
    }

    private static LabelView label(ResultSet rs) throws SQLException {
        return new LabelView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6));
    }

    static List<String> names(List<ProjectView> projects) {
        return projects.stream().map(ProjectView::alias).toList();
    }
}
