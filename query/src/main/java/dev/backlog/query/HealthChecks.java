package dev.backlog.query;

import dev.backlog.migrations.Migrations;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.Replay;
import dev.backlog.projector.Snapshot;
import dev.backlog.projector.Transactions;
import dev.backlog.query.Views.Check;
import dev.backlog.query.Views.CheckReport;
import dev.backlog.query.Views.VerifyReport;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code doctor check} (SPEC §12.1): every check runs; any failure is {@code CHECK_FAILED} carrying the report. */
final class HealthChecks {
    private static final String SEARCH_ROWS = "SELECT (SELECT count(*) FROM search_docs) - (SELECT count(*) FROM search_index)";
    private static final String FTS_CHECK = "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)";

    private HealthChecks() {
    }

    static CheckReport run(Db db, boolean quick) {
        List<Check> checks = new ArrayList<>();
        checks.add(integrity(db, quick));
        checks.add(schema(db));
        checks.add(chain(db));
        if (!quick) {
            checks.add(projections(db));
            checks.add(searchIndex(db));
            checks.add(new AttachmentReader(db).check());
        }
        CheckReport report = new CheckReport(checks.stream().allMatch(Check::ok), checks);
        if (!report.ok()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ok", false);
            d.put("checks", checks);
            List<String> failed = checks.stream().filter(c -> !c.ok()).map(Check::name).toList();
            throw new BacklogException(ErrorCode.CHECK_FAILED, "failed checks: " + String.join(", ", failed), d);
        }
        return report;
    }

    private static Check integrity(Db db, boolean quick) {
        String result = db.string(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
        List<String> fk = db.list("PRAGMA foreign_key_check", rs -> rs.getString(1));
        boolean ok = "ok".equals(result) && fk.isEmpty();
        return new Check("sqlite_integrity", ok, ok ? "ok" : result + (fk.isEmpty() ? "" : "; foreign key violations in " + fk));
    }

    private static Check schema(Db db) {
        try {
            int v = Migrations.version(db.connection());
            return new Check("schema", v == Migrations.CURRENT, "schema version " + v + " (binary " + Migrations.CURRENT + ")");
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    private static Check chain(Db db) {
        try {
            VerifyReport r = ChainVerifier.verify(db, null);
            return new Check("event_chain", true, r.events() + " events, head " + r.headHash());
        } catch (BacklogException e) {
            return new Check("event_chain", false, e.getMessage());
        }
    }

    private static Check projections(Db db) {
        try (Db scratch = Replay.scratch()) {
            scratch.execute("BEGIN");
            Replay.into(db, scratch, Replay.ALL);
            scratch.execute("COMMIT");
            Snapshot.Comparison c = Snapshot.of(db).compare(Snapshot.of(scratch), 5);
            return new Check("projections", c.identical(), c.identical() ? "identical to a rebuild"
                    : c.totalDifferences() + " differences, first: " + c.differences());
        }
    }

    private static Check searchIndex(Db db) {
        long drift = db.count(SEARCH_ROWS);
        try {
            Transactions.rolledBack(db, () -> {
                db.update(FTS_CHECK);
                return null;
            });
        } catch (BacklogException e) {
            return new Check("search_index", false, "FTS5 integrity-check failed: " + e.getMessage());
        }
        return new Check("search_index", drift == 0, drift == 0 ? "ok" : "index rows differ from documents by " + drift);
    }
}
