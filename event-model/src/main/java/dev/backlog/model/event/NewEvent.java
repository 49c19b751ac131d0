package dev.backlog.model.event;

/**
 * An event a decider wants appended: the target stream, the version the decision was based on (0 = new stream),
 * and the payload. The store adds the rest of the envelope.
 */
public record NewEvent(String stream, long expectedVersion, EventPayload payload) {}
