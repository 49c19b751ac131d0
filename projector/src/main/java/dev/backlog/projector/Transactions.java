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

    /**
     * Runs {@code body} holding the write lock; commits on return, rolls back on any exception. Inside a
     * {@link #batch} the command is a savepoint instead: a failure undoes exactly this command, and its changes
     * become durable with the batch's one commit.
     */
    public static <T> T write(Db db, Supplier<T> body) {
        if (db.inBatch()) {
            return savepoint(db, body);
        }
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

    /** Thrown when a command's failure took the whole batch transaction with it (SQLite rolled it back). */
    public static final class BatchLost extends BacklogException {
        private static final long serialVersionUID = 1L;

        BatchLost(RuntimeException cause) {
            super(ErrorCode.INTERNAL, "the write batch was rolled back: " + cause.getMessage(), java.util.Map.of(), cause);
        }
    }

    /**
     * Group commit: runs several commands (each through {@link #write}, hence each a savepoint) in one
     * {@code BEGIN IMMEDIATE} transaction with one commit, so N commands cost one WAL sync instead of N. Every
     * command still decides inside the write lock and is atomic on its own; nothing of the batch is durable (or
     * visible to other connections) before this method returns. If the commit fails, or a failing command made
     * SQLite roll the whole transaction back ({@link BatchLost}), no command of the batch happened.
     */
    public static void batch(Db db, Runnable commands) {
        begin(db);
        db.batch(true);
        boolean done = false;
        try {
            commands.run();
            db.batch(false);
            db.execute("COMMIT");
            done = true;
        } finally {
            db.batch(false);
            if (!done) {
                try {
                    db.execute("ROLLBACK");
                } catch (RuntimeException ignored) {
                    // already rolled back by SQLite; the original error wins
                }
            }
        }
    }

    private static <T> T savepoint(Db db, Supplier<T> body) {
        db.execute("SAVEPOINT command");
        try {
            T result = body.get();
            db.execute("RELEASE command");
            return result;
        } catch (RuntimeException | Error e) {
            try {
                db.execute("ROLLBACK TO command");
                db.execute("RELEASE command");
            } catch (RuntimeException lost) {
                throw new BatchLost(lost);
            }
            throw e;
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
