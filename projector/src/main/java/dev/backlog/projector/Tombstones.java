package dev.backlog.projector;

import dev.backlog.model.event.RecordedEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams ended by a {@code *Deleted} event (rule P3). A tombstone is permanent, so positive answers are cached;
 * during a replay into emptied tables every tombstone comes through this instance and the cache is complete.
 */
final class Tombstones {
    private static final String BURY = "INSERT OR IGNORE INTO tombstones (stream, seq) VALUES (?, ?)";
    private static final String IS_DEAD = "SELECT count(*) FROM tombstones WHERE stream = ?";
    private final Db db;
    private final boolean complete;
    private final Set<String> dead = new HashSet<>();

    /** @param complete the tables were empty when this projector started (rebuild, scratch fold) */
    Tombstones(Db db, boolean complete) {
        this.db = db;
        this.complete = complete;
    }

    void bury(RecordedEvent e) {
        db.update(BURY, e.stream(), e.seq());
        dead.add(e.stream());
    }

    boolean isDead(String stream) {
        if (dead.contains(stream)) {
            return true;
        }
        if (complete || db.count(IS_DEAD, stream) == 0) {
            return false;
        }
        dead.add(stream);
        return true;
    }
}
