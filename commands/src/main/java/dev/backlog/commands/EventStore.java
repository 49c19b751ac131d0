package dev.backlog.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventTypes;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.projector.Db;
import dev.backlog.projector.EventCodec;
import dev.backlog.projector.Json;
import dev.backlog.projector.Projector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQLite event store: appends hash-chained events with an expected stream version and runs the projector
 * on each, on the caller's connection, inside the caller's write transaction ({@link dev.backlog.projector.Transactions}).
 * Not thread-safe.
 */
public final class EventStore {
    private static final String HEAD = "SELECT seq, hash, occurred_at, event_id FROM events ORDER BY seq DESC LIMIT 1";
    private static final String STREAM_VERSION = "SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = ?";
    private static final String READ_STREAM = "SELECT " + EventCodec.COLUMNS + " FROM events WHERE stream = ? ORDER BY seq";
    private static final String INSERT = """
            INSERT INTO events (seq, event_id, stream, stream_version, type, schema_version, actor_kind, actor_name,
                                occurred_at, recorded_at, origin, correlation_id, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private record Head(long seq, String hash, Instant occurredAt, String eventId) {}

    private final Db db;
    private final Projector projector;

    public EventStore(Db db, Projector projector) {
        this.db = db;
        this.projector = projector;
    }

    /** The current version of a stream (0 = no such stream). */
    public long version(String stream) {
        return db.count(STREAM_VERSION, stream);
    }

    /** Every event of one stream in log order. */
    public List<RecordedEvent> read(String stream) {
        return db.list(READ_STREAM, EventCodec::row, stream);
    }

    /**
     * Appends the events of one command, all stamped with the same actor and correlation id, and projects each.
     * Each event's {@code expectedVersion} is the stream version its decision read; several events for one stream
     * follow each other. A mismatch means a decision was made outside the write lock, a defect: {@code INTERNAL}.
     *
     * @param origin the workspace id recorded as the events' origin
     */
    public List<RecordedEvent> append(List<NewEvent> events, Actor actor, String correlationId, Instant now, String origin) {
        Head head = db.one(HEAD, rs -> new Head(rs.getLong(1), rs.getString(2), Timestamps.parse(rs.getString(3)), rs.getString(4)))
                .orElse(new Head(0, EventCodec.ZERO_HASH, Instant.EPOCH, null));
        Map<String, Long> versions = new HashMap<>();
        List<RecordedEvent> out = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            long current = versions.containsKey(e.stream()) ? versions.get(e.stream()) : version(e.stream());
            long expected = e.expectedVersion() + versions.getOrDefault(e.stream() + "#n", 0L);
            if (current != expected) {
                throw new BacklogException(ErrorCode.INTERNAL, "stream " + e.stream() + " moved during the command (expected v"
                        + expected + ", found v" + current + ")");
            }
            Instant occurred = Timestamps.truncate(now).isBefore(head.occurredAt()) ? head.occurredAt() : Timestamps.truncate(now);
            String eventId = Ids.after(Ids.next(), head.eventId());
            long seq = head.seq() + 1;
            long streamVersion = current + 1;
            String type = EventTypes.name(e.payload());
            JsonNode tree = Json.MAPPER.valueToTree(e.payload());
            String payload = Json.canonical(tree);
            String at = Timestamps.format(occurred);
            String hash = EventCodec.hash(seq, eventId, e.stream(), streamVersion, type, EventTypes.SCHEMA_VERSION,
                    actor.kind().wire(), actor.name(), at, at, origin, correlationId, tree, head.hash());
            db.update(INSERT, seq, eventId, e.stream(), streamVersion, type, EventTypes.SCHEMA_VERSION, actor.kind().wire(),
                    actor.name(), at, at, origin, correlationId, payload, head.hash(), hash);
            RecordedEvent recorded = new RecordedEvent(seq, eventId, e.stream(), streamVersion, type, EventTypes.SCHEMA_VERSION,
                    actor, occurred, occurred, origin, correlationId, e.payload(), head.hash(), hash);
            projector.apply(recorded);
            out.add(recorded);
            versions.put(e.stream(), streamVersion);
            versions.merge(e.stream() + "#n", 1L, Long::sum);
            head = new Head(seq, hash, occurred, eventId);
        }
        return out;
    }
}
