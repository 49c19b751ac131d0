package dev.backlog.projector;

import dev.backlog.model.event.RecordedEvent;

/** Folds stored events into a set of read tables: the one code path of rebuild, checks and time travel. */
public final class Replay {
    public static final String ALL = "SELECT " + EventCodec.COLUMNS + " FROM events ORDER BY seq";

    private Replay() {
    }

    /** The last event folded, or {@code null} when the selection was empty. */
    public record Result(long events, RecordedEvent last) {}

    /**
     * Reads events from {@code source} with {@code sql} (selecting {@link EventCodec#COLUMNS}, in fold order) and
     * applies each to {@code target}'s read tables. Source and target may be the same database.
     */
    public static Result into(Db source, Db target, String sql, Object... args) {
        Projector projector = new Projector(target, true);
        long[] count = {0};
        RecordedEvent[] last = {null};
        source.each(sql, rs -> {
            RecordedEvent e = EventCodec.row(rs);
            projector.apply(e);
            count[0]++;
            last[0] = e;
            return null;
        }, args);
        return new Result(count[0], last[0]);
    }

    /** Empties every projection table (children first), leaving {@code events} untouched. */
    public static void clear(Db db) {
        for (String table : dev.backlog.migrations.Migrations.PROJECTION_TABLES) {
            db.execute("DELETE FROM " + table);
        }
    }

    /**
     * Runs a whole-log replay into {@code db} with settings for this connection that only such a replay wants, and
     * restores them after. Foreign keys are off, as in {@link #scratch()}: the projector guards its inserts itself,
     * the replayed tables are compared with the ones the live path built under the constraints, and checking
     * them costs a fifth of the replay. The page cache grows to 256 MiB so that the rebuilt tables stay in memory
     * until the commit instead of spilling to the WAL mid-transaction. Must be called outside a transaction.
     */
    public static <T> T withReplaySettings(Db db, java.util.function.Supplier<T> body) {
        long foreignKeys = db.count("PRAGMA foreign_keys");
        long cacheSize = db.count("PRAGMA cache_size");
        db.execute("PRAGMA foreign_keys = OFF");
        db.execute("PRAGMA cache_size = -262144");
        try {
            return body.get();
        } finally {
            db.execute("PRAGMA cache_size = " + cacheSize);
            db.execute("PRAGMA foreign_keys = " + (foreignKeys == 0 ? "OFF" : "ON"));
        }
    }

    /** A fresh in-memory database with the current schema, for scratch rebuilds and time travel. */
    public static Db scratch() {
        Db db = WorkspaceDatabase.create("jdbc:sqlite::memory:", 1000);
        db.execute("PRAGMA foreign_keys = OFF");
        return db;
    }
}
