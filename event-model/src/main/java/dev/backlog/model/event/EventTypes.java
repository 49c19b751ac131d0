package dev.backlog.model.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** The catalogue of stored event type names and their payload records; the explicit registry used by codecs. */
public final class EventTypes {
    /** Payload schema version written by this release for every type. */
    public static final int SCHEMA_VERSION = 1;

    private static final Map<String, Class<? extends EventPayload>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<?> c : EventPayload.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends EventPayload> k = (Class<? extends EventPayload>) c;
            BY_NAME.put(k.getSimpleName(), k);
        }
    }

    private EventTypes() {
    }

    public static String name(EventPayload payload) {
        return payload.getClass().getSimpleName();
    }

    /** The payload record of a stored type name, or {@code null} when this release does not know it. */
    public static Class<? extends EventPayload> byName(String name) {
        return BY_NAME.get(name);
    }

    public static Iterable<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}
