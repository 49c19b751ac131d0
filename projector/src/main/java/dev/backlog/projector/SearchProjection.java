package dev.backlog.projector;

/** Keeps the FTS5 index ({@code search_docs} + {@code search_index}) in step with the entities it covers. */
final class SearchProjection {
    private static final String DOC = """
            INSERT INTO search_docs (search_key, kind, entity_id, task_id, project_id) VALUES (?, ?, ?, ?, ?)
            """;
    private static final String INDEX = "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)";
    private static final String KEY = "SELECT search_key FROM search_docs WHERE entity_id = ?";
    private static final String SET_TITLE = "UPDATE search_index SET title = ? WHERE rowid = ?";
    private static final String SET_BODY = "UPDATE search_index SET body = ? WHERE rowid = ?";
    private static final String SET_TEXT = "UPDATE search_index SET title = ?, body = ? WHERE rowid = ?";
    private static final String DROP_INDEX = "DELETE FROM search_index WHERE rowid = ?";
    private static final String DROP_DOC = "DELETE FROM search_docs WHERE search_key = ?";
    private static final String PROJECT_KEYS = "SELECT search_key FROM search_docs WHERE project_id = ?";
    private static final String TASK_KEYS = "SELECT search_key FROM search_docs WHERE task_id = ?";
    private final Db db;

    SearchProjection(Db db) {
        this.db = db;
    }

    void add(long key, String kind, String entityId, String taskId, String projectId, String title, String body) {
        db.update(DOC, key, kind, entityId, taskId, projectId);
        db.update(INDEX, key, title == null ? "" : title, body == null ? "" : body);
    }

    void title(String entityId, String title) {
        db.one(KEY, rs -> rs.getLong(1), entityId).ifPresent(k -> db.update(SET_TITLE, title == null ? "" : title, k));
    }

    void body(String entityId, String body) {
        db.one(KEY, rs -> rs.getLong(1), entityId).ifPresent(k -> db.update(SET_BODY, body == null ? "" : body, k));
    }

    /** Both columns in one FTS5 update: each update re-indexes the whole row. */
    void text(String entityId, String title, String body) {
        db.one(KEY, rs -> rs.getLong(1), entityId)
                .ifPresent(k -> db.update(SET_TEXT, title == null ? "" : title, body == null ? "" : body, k));
    }

    void remove(String entityId) {
        db.one(KEY, rs -> rs.getLong(1), entityId).ifPresent(this::drop);
    }

    /** Removes the rows of a task and of everything attached to it. */
    void removeTask(String taskId) {
        db.list(TASK_KEYS, rs -> rs.getLong(1), taskId).forEach(this::drop);
    }

    void removeProject(String projectId) {
        db.list(PROJECT_KEYS, rs -> rs.getLong(1), projectId).forEach(this::drop);
    }

    private void drop(long key) {
        db.update(DROP_INDEX, key);
        db.update(DROP_DOC, key);
    }
}
