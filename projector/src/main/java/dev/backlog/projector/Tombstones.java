package dev.backlog.projector;

import dev.backlog.model.event.RecordedEvent;

/** Streams ended by a {@code *Deleted} event (rule P3). */
final class Tombstones {
    private static final String BURY = "INSERT OR IGNORE INTO tombstones (stream, seq) VALUES (?, ?)";
    private static final String IS_DEAD = "SELECT count(*) FROM tombstones WHERE stream = ?";
    private final Db db;

    Tombstones(Db db) {
        this.db = db;
    }

    void bury(RecordedEvent e) {
        db.update(BURY, e.stream(), e.seq());
    }

    boolean isDead(String stream) {
        return db.count(IS_DEAD, stream) > 0;
    }
}
