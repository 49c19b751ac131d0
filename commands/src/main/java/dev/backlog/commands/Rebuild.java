package dev.backlog.commands;

import dev.backlog.projector.Db;
import dev.backlog.projector.Replay;
import dev.backlog.projector.Snapshot;
import dev.backlog.projector.Transactions;
import java.util.List;

/**
 * {@code doctor rebuild} (SPEC §12.2): drops every projection and replays all events in one write transaction,
 * reporting how the result differs from what was there. {@code dryRun} builds into a scratch database instead.
 */
public final class Rebuild {
    /** The §12.2 report. */
    public record Report(boolean identical, long eventsReplayed, long durationMs, List<Snapshot.TableDiff> tables,
                         List<Snapshot.Difference> differences, boolean applied) {}

    private Rebuild() {
    }

    public static Report run(Db db, boolean dryRun) {
        long start = System.nanoTime();
        if (dryRun) {
            try (Db scratch = Replay.scratch()) {
                Snapshot before = Snapshot.of(db);
                scratch.execute("BEGIN");
                Replay.Result r = Replay.into(db, scratch, Replay.ALL);
                scratch.execute("COMMIT");
                return report(before.compare(Snapshot.of(scratch), 100), r, start, false);
            }
        }
        return Transactions.write(db, () -> {
            Snapshot before = Snapshot.of(db);
            Replay.clear(db);
            Replay.Result r = Replay.into(db, db, Replay.ALL);
            return report(before.compare(Snapshot.of(db), 100), r, start, true);
        });
    }

    private static Report report(Snapshot.Comparison c, Replay.Result r, long start, boolean applied) {
        return new Report(c.identical(), r.events(), (System.nanoTime() - start) / 1_000_000, c.tables(), c.differences(), applied);
    }
}
