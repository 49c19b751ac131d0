package dev.backlog.http;

/**
 * What a route answers: a status, the JSON document (or {@code null} for an empty body) and, for entities with an
 * optimistic version, the {@code ETag} value.
 */
record Reply(int status, Object body, Long etag) {
    static Reply ok(Object body) {
        return new Reply(200, body, null);
    }

    static Reply created(Object body) {
        return new Reply(201, body, null);
    }

    static Reply noContent() {
        return new Reply(204, null, null);
    }

    Reply withEtag(long version) {
        return new Reply(status, body, version);
    }
}
