package dev.backlog.model.event;

import dev.backlog.model.Actor;
import java.time.Instant;

/** One row of the {@code events} table: the envelope of SPEC §4.1 around a typed payload. */
public record RecordedEvent(long seq, String eventId, String stream, long streamVersion, String type, int schemaVersion,
                            Actor actor, Instant occurredAt, Instant recordedAt, String origin, String correlationId,
                            EventPayload payload, String prevHash, String hash) {

    public String streamKind() {
        return stream.substring(0, stream.indexOf('/'));
    }

    public String streamId() {
        return stream.substring(stream.indexOf('/') + 1);
    }
}
