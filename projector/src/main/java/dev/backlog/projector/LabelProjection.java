package dev.backlog.projector;

import static dev.backlog.projector.Projector.ts;

import dev.backlog.model.event.EventPayload.LabelCreated;
import dev.backlog.model.event.EventPayload.LabelUpdated;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.model.event.Stream;
import java.util.Map;

/** The {@code labels} table. */
final class LabelProjection {
    private static final String PROJECT_LIVE = "SELECT count(*) FROM projects WHERE project_id = ?";
    private static final String INSERT = """
            INSERT INTO labels (label_id, project_id, name, color, created_at, created_seq) VALUES (?, ?, ?, ?, ?, ?)
            """;
    private static final String NAME = "UPDATE labels SET name = ? WHERE label_id = ?";
    private static final String COLOR = "UPDATE labels SET color = ? WHERE label_id = ?";
    private static final String UNATTACH = "DELETE FROM task_labels WHERE label_id = ?";
    private static final String DELETE = "DELETE FROM labels WHERE label_id = ?";
    private final Db db;
    private final Tombstones tombstones;

    LabelProjection(Db db, Tombstones tombstones) {
        this.db = db;
        this.tombstones = tombstones;
    }

    void created(RecordedEvent e, LabelCreated c) {
        if (tombstones.isDead(Stream.of("project", c.projectId())) || db.count(PROJECT_LIVE, c.projectId()) == 0) {
            return;
        }
        db.update(INSERT, c.labelId(), c.projectId(), c.name(), c.color(), ts(e), e.seq());
    }

    void updated(RecordedEvent e, LabelUpdated u) {
        Map<String, Object> ch = u.changes();
        if (ch.containsKey("name")) {
            db.update(NAME, ch.get("name"), e.streamId());
        }
        if (ch.containsKey("color")) {
            db.update(COLOR, ch.get("color"), e.streamId());
        }
    }

    void deleted(RecordedEvent e) {
        db.update(UNATTACH, e.streamId());
        db.update(DELETE, e.streamId());
    }
}
