package dev.backlog.projector;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.concurrent.ThreadLocalRandom;
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
        begin(db);
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

    /**
     * Takes the write lock, waiting up to the connection's busy timeout ({@code WORKSPACE_BUSY} after that). SQLite's
     * own busy handler sleeps in growing steps of up to 100 ms, so under contention a waiter keeps missing the short
     * moments the lock is free and can starve; polling every 1-4 ms (jittered) gives every waiter a fair chance.
     */
    static void begin(Db db) {
        long deadline = System.nanoTime() + db.busyTimeoutMs() * 1_000_000L;
        db.execute("PRAGMA busy_timeout = 0");
        try {
            while (true) {
                try {
                    db.execute("BEGIN IMMEDIATE");
                    return;
                } catch (BacklogException e) {
                    if (e.code() != ErrorCode.WORKSPACE_BUSY || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(1 + ThreadLocalRandom.current().nextInt(4));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BacklogException(ErrorCode.WORKSPACE_BUSY, "interrupted while waiting for the write lock",
                            java.util.Map.of("timeout_ms", db.busyTimeoutMs()));
                }
            }
        } finally {
            db.execute("PRAGMA busy_timeout = " + db.busyTimeoutMs());
        }
    }

    /** Runs {@code body} and always rolls back: used for dry runs. */
    public static <T> T rolledBack(Db db, Supplier<T> body) {
        begin(db);
        try {
            return body.get();
        } finally {
            db.execute("ROLLBACK");
        }
    }
}
