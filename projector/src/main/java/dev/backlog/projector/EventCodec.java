package dev.backlog.projector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.Actor;
import dev.backlog.model.ActorKind;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventTypes;
import dev.backlog.model.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Payload JSON in and out of the {@code events} table, and the SHA-256 hash chain of SPEC §4.1
 * (hash = SHA-256 over the RFC 8785 canonical JSON of every envelope field except {@code hash}). Thread-safe.
 */
public final class EventCodec {
    public static final String ZERO_HASH = "0".repeat(64);
    /** Columns of an event row, in the order {@link #row(ResultSet)} reads them. */
    public static final String COLUMNS = "seq, event_id, stream, stream_version, type, schema_version, actor_kind, actor_name, "
            + "occurred_at, recorded_at, origin, correlation_id, payload, prev_hash, hash";

    private EventCodec() {
    }

    /** Canonical JSON text of a payload, as stored. */
    public static String encode(EventPayload payload) {
        return Json.canonical(Json.MAPPER.valueToTree(payload));
    }

    /**
     * Decodes a stored payload; an unknown type or a newer schema version is {@code WORKSPACE_TOO_NEW}
     * (events are never silently skipped).
     */
    public static EventPayload decode(String type, int schemaVersion, String json) {
        Class<? extends EventPayload> k = EventTypes.byName(type);
        if (k == null || schemaVersion > EventTypes.SCHEMA_VERSION) {
            throw new BacklogException(ErrorCode.WORKSPACE_TOO_NEW,
                    "event type " + type + " v" + schemaVersion + " is from a newer release of backlog",
                    Map.of("schema_version", schemaVersion, "supported", EventTypes.SCHEMA_VERSION, "type", type));
        }
        try {
            return Json.MAPPER.readValue(json, k);
        } catch (JsonProcessingException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "unreadable payload of a " + type + " event: " + e.getOriginalMessage(), Map.of(), e);
        }
    }

    /** Maps one row selected with {@link #COLUMNS}. */
    public static RecordedEvent row(ResultSet rs) throws SQLException {
        String type = rs.getString(5);
        int schema = rs.getInt(6);
        return new RecordedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), type, schema,
                new Actor(ActorKind.fromWire(rs.getString(7)), rs.getString(8)),
                Timestamps.parse(rs.getString(9)), Timestamps.parse(rs.getString(10)), rs.getString(11), rs.getString(12),
                decode(type, schema, rs.getString(13)), rs.getString(14), rs.getString(15));
    }

    /** The hash of an envelope whose payload is given as stored canonical JSON text. */
    public static String hash(long seq, String eventId, String stream, long streamVersion, String type, int schemaVersion,
                              String actorKind, String actorName, String occurredAt, String recordedAt, String origin,
                              String correlationId, String payloadJson, String prevHash) {
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "unreadable payload JSON", Map.of(), e);
        }
        return hash(seq, eventId, stream, streamVersion, type, schemaVersion, actorKind, actorName, occurredAt, recordedAt,
                origin, correlationId, payload, prevHash);
    }

    /** Same, for a payload tree already in memory (avoids re-parsing on append). */
    public static String hash(long seq, String eventId, String stream, long streamVersion, String type, int schemaVersion,
                              String actorKind, String actorName, String occurredAt, String recordedAt, String origin,
                              String correlationId, JsonNode payload, String prevHash) {
        ObjectNode env = Json.MAPPER.createObjectNode();
        env.put("seq", seq);
        env.put("event_id", eventId);
        env.put("stream", stream);
        env.put("stream_version", streamVersion);
        env.put("type", type);
        env.put("schema_version", schemaVersion);
        env.put("actor_kind", actorKind);
        env.put("actor_name", actorName);
        env.put("occurred_at", occurredAt);
        env.put("recorded_at", recordedAt);
        env.put("origin", origin);
        env.put("correlation_id", correlationId);
        env.set("payload", payload);
        env.put("prev_hash", prevHash);
        return sha256(Json.canonical(env));
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
