package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.EventCodec;
import dev.backlog.query.Views.VerifyReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recomputes the hash chain from seq 1 (SPEC §12.9). */
final class ChainVerifier {
    private static final String ROWS = """
            SELECT seq, event_id, stream, stream_version, type, schema_version, actor_kind, actor_name, occurred_at,
                   recorded_at, origin, correlation_id, payload, prev_hash, hash FROM events ORDER BY seq
            """;

    private ChainVerifier() {
    }

    /** The report of an intact chain; otherwise {@code CHECK_FAILED} with the first bad seq and the reason in details. */
    static VerifyReport verify(Db db, String expectHead) {
        long[] expectedSeq = {1};
        String[] prev = {EventCodec.ZERO_HASH};
        long[] bad = {0};
        String[] reason = {null};
        boolean[] headSeen = {expectHead == null};
        db.each(ROWS, rs -> {
            if (bad[0] != 0) {
                return null;
            }
            long seq = rs.getLong(1);
            String hash = rs.getString(15);
            if (seq != expectedSeq[0]) {
                bad[0] = expectedSeq[0];
                reason[0] = "seq_gap";
            } else if (!rs.getString(14).equals(prev[0])) {
                bad[0] = seq;
                reason[0] = "prev_hash_mismatch";
            } else {
                String computed = EventCodec.hash(seq, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getString(14));
                if (!computed.equals(hash)) {
                    bad[0] = seq;
                    reason[0] = "hash_mismatch";
                }
            }
            if (expectHead != null && hash.equalsIgnoreCase(expectHead)) {
                headSeen[0] = true;
            }
            prev[0] = hash;
            expectedSeq[0] = seq + 1;
            return null;
        });
        if (bad[0] == 0 && !headSeen[0]) {
            bad[0] = expectedSeq[0];
            reason[0] = "head_mismatch";
        }
        if (bad[0] != 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ok", false);
            d.put("first_bad_seq", bad[0]);
            d.put("reason", reason[0]);
            throw new BacklogException(ErrorCode.CHECK_FAILED, "event chain broken at seq " + bad[0] + " (" + reason[0] + ")", d);
        }
        long count = expectedSeq[0] - 1;
        return new VerifyReport(true, count, count, count == 0 ? EventCodec.ZERO_HASH : prev[0]);
    }
}
