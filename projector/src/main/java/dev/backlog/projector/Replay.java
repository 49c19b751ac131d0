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

    /** A fresh in-memory database with the current schema, for scratch rebuilds and time travel. */
    public static Db scratch() {
        Db db = WorkspaceDatabase.create("jdbc:sqlite::memory:", 1000);
        db.execute("PRAGMA foreign_keys = OFF");
        return db;
    }
}
