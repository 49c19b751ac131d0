package dev.backlog.commands;

import dev.backlog.projector.Db;
import dev.backlog.projector.Replay;
import dev.backlog.projector.Snapshot;
import dev.backlog.projector.Transactions;
import java.util.List;

/**
 * {@code doctor rebuild} (SPEC §12.2): drops every projection and replays all events in one write transaction,
 * reporting how the result differs from what was there. {@code dryRun} builds into a scratch database instead.
 *
 * <p>The tables are compared by digest first; only when a digest differs are both sides dumped row by row for the
 * report (in place, by rolling the replay back and doing it again with a dump taken before).
 */
public final class Rebuild {
    /** The §12.2 report. */
    public record Report(boolean identical, long eventsReplayed, long durationMs, List<Snapshot.TableDiff> tables,
                         List<Snapshot.Difference> differences, boolean applied) {}

    private static final int MAX_DIFFERENCES = 100;

    /** Rolls back a replay whose digests differ, so that it can be redone with a full dump. */
    private static final class Changed extends RuntimeException {
        Changed() {
            super(null, null, false, false);
        }
    }

    private Rebuild() {
    }

    public static Report run(Db db, boolean dryRun) {
        long start = System.nanoTime();
        if (dryRun) {
            try (Db scratch = Replay.scratch()) {
                scratch.execute("BEGIN");
                Replay.Result r = Replay.into(db, scratch, Replay.ALL);
                scratch.execute("COMMIT");
                List<Snapshot.TableDigest> before = Snapshot.digest(db);
                Snapshot.Comparison c = before.equals(Snapshot.digest(scratch)) ? Snapshot.identical(before)
                        : Snapshot.of(db).compare(Snapshot.of(scratch), MAX_DIFFERENCES);
                return report(c, r, start, false);
            }
        }
        return Replay.withReplaySettings(db, () -> {
            try {
                return Transactions.write(db, () -> {
                    List<Snapshot.TableDigest> before = Snapshot.digest(db);
                    Replay.clear(db);
                    Replay.Result r = Replay.into(db, db, Replay.ALL);
                    if (!before.equals(Snapshot.digest(db))) {
                        throw new Changed();
                    }
                    return report(Snapshot.identical(before), r, start, true);
                });
            } catch (Changed e) {
                return Transactions.write(db, () -> {
                    Snapshot before = Snapshot.of(db);
                    Replay.clear(db);
                    Replay.Result r = Replay.into(db, db, Replay.ALL);
                    return report(before.compare(Snapshot.of(db), MAX_DIFFERENCES), r, start, true);
                });
            }
        });
    }

    private static Report report(Snapshot.Comparison c, Replay.Result r, long start, boolean applied) {
        return new Report(c.identical(), r.events(), (System.nanoTime() - start) / 1_000_000, c.tables(), c.differences(), applied);
    }
}
