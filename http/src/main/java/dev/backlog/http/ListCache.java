package dev.backlog.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialized {@code GET /api/tasks} answers, keyed by the query string and the default project in force. An entry
 * is served only while the event log's head seq is the one it was computed at (every change of a task appends an
 * event, in any process) and the earliest lease that was live then has not expired (claims and readiness are
 * evaluated against the clock), so a hit is byte-for-byte what a fresh read would return. Time-travel reads
 * ({@code at}) are never cached. Thread-safe.
 */
final class ListCache {
    private record Cached(long head, Instant validUntil, byte[] body) {}

    private static final int ENTRIES = 256;
    private final Map<String, Cached> entries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > ENTRIES;
        }
    };

    /** The cached body, or {@code null} when absent or stale. */
    synchronized byte[] get(String key, long head, Instant now) {
        Cached e = entries.get(key);
        if (e == null || e.head != head || (e.validUntil != null && !now.isBefore(e.validUntil))) {
            return null;
        }
        return e.body;
    }

    synchronized void put(String key, long head, Instant validUntil, byte[] body) {
        entries.put(key, new Cached(head, validUntil, body));
    }
}
