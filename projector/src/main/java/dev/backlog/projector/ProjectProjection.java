package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.ProjectCreated;
import dev.backlog.model.event.EventPayload.ProjectUpdated;
import dev.backlog.model.event.RecordedEvent;
import java.util.Map;

/** The {@code projects} table. */
final class ProjectProjection {
    private static final String INSERT = """
            INSERT INTO projects (project_id, alias, name, description, repo_path, actor_kind, actor_name,
                                  created_at, updated_at, archived_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
            """;
    private static final String ALIAS_TAKEN = "SELECT count(*) FROM projects WHERE alias = ? AND project_id <> ?";
    private static final Map<String, String> SET = Map.of(
            "alias", "UPDATE projects SET alias = ? WHERE project_id = ?",
            "name", "UPDATE projects SET name = ? WHERE project_id = ?",
            "description", "UPDATE projects SET description = ? WHERE project_id = ?",
            "repo_path", "UPDATE projects SET repo_path = ? WHERE project_id = ?");
    private static final String TOUCH = "UPDATE projects SET updated_at = ?, version = ? WHERE project_id = ?";
    private static final String ARCHIVE = "UPDATE projects SET archived_at = ? WHERE project_id = ?";
    private static final String[] DELETE_CHILDREN = {
        "DELETE FROM versions WHERE owner_id IN (SELECT p.plan_id FROM plans p JOIN tasks t ON t.task_id = p.task_id WHERE t.project_id = ?1)",
        "DELETE FROM versions WHERE owner_id IN (SELECT doc_id FROM docs WHERE project_id = ?1)",
        "DELETE FROM attachments WHERE project_id = ?1",
        "DELETE FROM memory_tags WHERE memory_id IN (SELECT memory_id FROM memory WHERE project_id = ?1)",
        "DELETE FROM memory WHERE project_id = ?1",
        "DELETE FROM plans WHERE task_id IN (SELECT task_id FROM tasks WHERE project_id = ?1)",
        "DELETE FROM docs WHERE project_id = ?1",
        """
        DELETE FROM task_links WHERE blocker_id IN (SELECT task_id FROM tasks WHERE project_id = ?1)
                                  OR blocked_id IN (SELECT task_id FROM tasks WHERE project_id = ?1)
        """,
        "DELETE FROM task_labels WHERE task_id IN (SELECT task_id FROM tasks WHERE project_id = ?1)",
        "DELETE FROM comments WHERE task_id IN (SELECT task_id FROM tasks WHERE project_id = ?1)",
        "DELETE FROM labels WHERE project_id = ?1",
        "DELETE FROM tasks WHERE project_id = ?1",
        "DELETE FROM projects WHERE project_id = ?1",
    };
    private final Db db;
    private final SearchProjection search;

    ProjectProjection(Db db, SearchProjection search) {
        this.db = db;
        this.search = search;
    }

    void created(RecordedEvent e, ProjectCreated c) {
        db.update(INSERT, c.projectId(), freeAlias(c.alias(), c.projectId()), c.name(), c.description(), c.repoPath(),
                e.actor().kind().wire(), e.actor().name(), ts(e), ts(e), e.streamVersion());
    }

    /** Rule P9: an alias held by another live project becomes {@code alias-2}, {@code -3}, ... */
    private String freeAlias(String alias, String projectId) {
        String candidate = alias;
        for (int n = 2; db.count(ALIAS_TAKEN, candidate, projectId) > 0; n++) {
            candidate = alias + "-" + n;
        }
        return candidate;
    }

    void updated(RecordedEvent e, ProjectUpdated u) {
        String id = e.streamId();
        for (Map.Entry<String, Object> change : u.changes().entrySet()) {
            String sql = SET.get(change.getKey());
            if (sql != null) {
                Object value = change.getValue();
                if (change.getKey().equals("alias")) {
                    value = freeAlias((String) value, id);
                }
                db.update(sql, value, id);
            }
        }
        touch(e);
    }

    void archived(RecordedEvent e, boolean archived) {
        db.update(ARCHIVE, archived ? ts(e) : null, e.streamId());
        touch(e);
    }

    void deleted(RecordedEvent e) {
        String id = e.streamId();
        search.removeProject(id);
        for (String sql : DELETE_CHILDREN) {
            db.update(sql, id);
        }
    }

    private void touch(RecordedEvent e) {
        db.update(TOUCH, ts(e), e.streamVersion(), e.streamId());
    }
}
