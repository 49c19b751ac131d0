package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.EventCodec;
import dev.backlog.projector.Replay;
import dev.backlog.query.Views.AsOf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Time travel (SPEC §6.1): folds the events up to a point into a scratch in-memory database with the same projector
 * as the live tables, then answers the query there. {@code task show --at} folds only the streams that shape that
 * task (its own, its comments', linked tasks', their projects', its labels'), found in {@code task_streams}.
 */
final class TimeTravel {
    private static final Pattern SEQ = Pattern.compile("\\d{1,18}");
    private static final String TASK_BY_NUMBER = """
            SELECT entity_id FROM streams WHERE kind = 'task' AND number = ?
            """;
    private static final String TASK_BY_PREFIX = """
            SELECT entity_id FROM streams WHERE stream >= ? AND stream < ? AND kind = 'task' LIMIT 10
            """;
    private static final String TASK_STREAMS = "SELECT stream FROM task_streams WHERE task_id = ?";
    private static final String SEQ_TIME = "SELECT occurred_at FROM events WHERE seq = ?";
    private static final String MAX_SEQ = "SELECT coalesce(max(seq), 0) FROM events";

    /** A point in the log: events with {@code seq <= seq} or {@code occurred_at <= time}; {@code now} evaluates leases. */
    record Point(Long seq, String time, Instant now) {}

    private TimeTravel() {
    }

    /** Parses {@code --at}: a bare integer is a seq, anything else an RFC 3339 instant. */
    static Point point(Db live, String at) {
        if (at != null && SEQ.matcher(at).matches()) {
            long seq = Long.parseLong(at);
            String time = live.string(SEQ_TIME, seq);
            Instant now = time != null ? Instant.parse(time)
                    : (seq > live.count(MAX_SEQ) ? Instant.now() : Instant.EPOCH);
            return new Point(seq, null, now);
        }
        Instant t = dev.backlog.model.InputFormats.instant("at", at);
        return new Point(null, Timestamps.format(t), t);
    }

    /** The id of a task as a ref resolves at any time, deleted tasks included (refs are today's refs). */
    static String taskId(Db live, String ref) {
        String r = ref.strip();
        var m = Pattern.compile("(?i)(?:task-)?(\\d{1,18})").matcher(r);
        if (m.matches()) {
            return live.one(TASK_BY_NUMBER, rs -> rs.getString(1), Long.parseLong(m.group(1)))
                    .orElseThrow(() -> BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", r, "task"));
        }
        if (r.length() < 6) {
            throw BacklogException.invalid("ref", r, "an id prefix needs at least 6 characters: '" + r + "'");
        }
        String lo = "task/" + r.toUpperCase(java.util.Locale.ROOT);
        List<String> hits = live.list(TASK_BY_PREFIX, rs -> rs.getString(1), lo, lo + "\uffff");
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.isEmpty()) {
            throw BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", r, "task");
        }
        throw new BacklogException(ErrorCode.AMBIGUOUS_ID, "'" + r + "' matches several tasks",
                java.util.Map.of("prefix", r, "candidates", hits));
    }

    /** Folds the whole log up to the point. */
    static Folded all(Db live, Point p) {
        String sql = "SELECT " + EventCodec.COLUMNS + " FROM events WHERE " + bound(p) + " ORDER BY " + order(p);
        return fold(live, sql, value(p));
    }

    /** Folds just the streams behind one task's detail view. */
    static Folded task(Db live, String taskId, Point p) {
        List<String> streams = new ArrayList<>(live.list(TASK_STREAMS, rs -> rs.getString(1), taskId));
        for (String s : List.copyOf(streams)) {
            if (s.startsWith("task/") && !s.equals("task/" + taskId)) {
                for (String other : live.list(TASK_STREAMS, rs -> rs.getString(1), s.substring(5))) {
                    if (other.startsWith("project/") && !streams.contains(other)) {
                        streams.add(other);
                    }
                }
            }
        }
        if (streams.isEmpty()) {
            streams.add("task/" + taskId);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(EventCodec.COLUMNS).append(" FROM events WHERE stream IN (")
                .append(dev.backlog.projector.ReadyTasks.placeholders(streams.size())).append(") AND ").append(bound(p))
                .append(" ORDER BY ").append(order(p));
        List<Object> args = new ArrayList<>(streams);
        args.add(value(p));
        return fold(live, sql.toString(), args.toArray());
    }

    /** A scratch database holding the folded state, and the last event folded into it. */
    record Folded(Db db, AsOf asOf) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    private static Folded fold(Db live, String sql, Object... args) {
        Db scratch = Replay.scratch();
        scratch.execute("BEGIN");
        Replay.Result r = Replay.into(live, scratch, sql, args);
        scratch.execute("COMMIT");
        AsOf asOf = r.last() == null ? new AsOf(null, 0) : new AsOf(Timestamps.format(r.last().occurredAt()), r.last().seq());
        return new Folded(scratch, asOf);
    }

    private static String bound(Point p) {
        return p.seq() != null ? "seq <= ?" : "occurred_at <= ?";
    }

    private static String order(Point p) {
        return p.seq() != null ? "seq" : "occurred_at, event_id";
    }

    private static Object value(Point p) {
        return p.seq() != null ? (Object) p.seq() : p.time();
    }
}
