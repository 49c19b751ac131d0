package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.MemoryAdded;
import dev.backlog.model.event.RecordedEvent;
import java.util.List;

/** Memory entries and their tags; the search row's title column holds the tags. */
final class MemoryProjection {
    private static final String PROJECT_LIVE = "SELECT count(*) FROM projects WHERE project_id = ?";
    private static final String INSERT = """
            INSERT INTO memory (memory_id, project_id, body, tags, actor_kind, actor_name, created_at, updated_at, version, search_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String BODY = "SELECT body FROM memory WHERE memory_id = ?";
    private static final String SET_BODY = "UPDATE memory SET body = ?, updated_at = ?, version = ? WHERE memory_id = ?";
    private static final String SET_TAGS = "UPDATE memory SET tags = ?, updated_at = ?, version = ? WHERE memory_id = ?";
    private static final String DROP_TAGS = "DELETE FROM memory_tags WHERE memory_id = ?";
    private static final String TAG = "INSERT OR IGNORE INTO memory_tags (memory_id, tag, position) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM memory WHERE memory_id = ?";
    private final Db db;
    private final SearchProjection search;

    MemoryProjection(Db db, SearchProjection search) {
        this.db = db;
        this.search = search;
    }

    void added(RecordedEvent e, MemoryAdded m) {
        if (db.count(PROJECT_LIVE, m.projectId()) == 0) {
            return;
        }
        List<String> tags = m.tags() == null ? List.of() : m.tags();
        db.update(INSERT, m.memoryId(), m.projectId(), m.body(), Json.canonical(Json.MAPPER.valueToTree(tags)),
                e.actor().kind().wire(), e.actor().name(), ts(e), ts(e), e.streamVersion(), e.seq());
        tags(m.memoryId(), tags);
        search.add(e.seq(), "memory", m.memoryId(), null, m.projectId(), String.join(" ", tags), m.body());
    }

    void appended(RecordedEvent e, String text) {
        String body = db.string(BODY, e.streamId());
        if (body != null) {
            body(e, body.isEmpty() ? text : body + "\n" + text);
        }
    }

    void body(RecordedEvent e, String body) {
        if (db.update(SET_BODY, body, ts(e), e.streamVersion(), e.streamId()) > 0) {
            search.body(e.streamId(), body);
        }
    }

    void tags(RecordedEvent e, List<String> tags) {
        if (db.update(SET_TAGS, Json.canonical(Json.MAPPER.valueToTree(tags)), ts(e), e.streamVersion(), e.streamId()) > 0) {
            tags(e.streamId(), tags);
            search.title(e.streamId(), String.join(" ", tags));
        }
    }

    private void tags(String memoryId, List<String> tags) {
        db.update(DROP_TAGS, memoryId);
        for (int i = 0; i < tags.size(); i++) {
            db.update(TAG, memoryId, tags.get(i), i);
        }
    }

    void deleted(RecordedEvent e) {
        remove(e.streamId());
    }

    void remove(String memoryId) {
        search.remove(memoryId);
        db.update(DROP_TAGS, memoryId);
        db.update(DELETE, memoryId);
    }
}
