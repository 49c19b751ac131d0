package dev.backlog.projector;

import java.util.function.Supplier;

/**
 * One command = one {@code BEGIN IMMEDIATE} transaction (SPEC §5.1). The connection stays in autocommit mode and
 * transaction control is sent as plain statements: sqlite-jdbc's {@code commit()} would re-issue
 * {@code BEGIN} at once and hold the write lock while the connection idles.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Runs {@code body} holding the write lock; commits on return, rolls back on any exception. */
    public static <T> T write(Db db, Supplier<T> body) {
        db.execute("BEGIN IMMEDIATE");
        boolean done = false;
        try {
            T result = body.get();
            db.execute("COMMIT");
            done = true;
            return result;
        } finally {
            if (!done) {
                try {
                    db.execute("ROLLBACK");
                } catch (RuntimeException ignored) {
                    // the transaction may already be gone (e.g. the connection failed); the original error wins
                }
            }
        }
    }

    /** Runs {@code body} and always rolls back: used for dry runs. */
    public static <T> T rolledBack(Db db, Supplier<T> body) {
        db.execute("BEGIN IMMEDIATE");
        try {
            return body.get();
        } finally {
            db.execute("ROLLBACK");
        }
    }
}
