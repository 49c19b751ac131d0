package dev.backlog.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON documents and the §2.6 error shape; the one mapping from error codes to HTTP statuses. */
final class Responses {
    static final HttpString ETAG = new HttpString("ETag");
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    static void send(HttpServerExchange ex, Reply reply) {
        ex.setStatusCode(reply.status());
        if (reply.etag() != null) {
            ex.getResponseHeaders().put(ETAG, "\"" + reply.etag() + "\"");
        }
        if (reply.body() == null) {
            ex.endExchange();
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        byte[] bytes = reply.body() instanceof byte[] b ? b : json(reply.body());
        ex.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    static byte[] json(Object document) {
        try {
            return Json.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable document " + document.getClass(), e);
        }
    }

    /** HTTP status of a code: its own, else by CLI exit class (input 400, not found 404, conflict 409, else 500). */
    static int status(ErrorCode code) {
        if (code.httpStatus() != 0) {
            return code.httpStatus();
        }
        return switch (code.exitStatus()) {
            case 2 -> 400;
            case 3 -> 404;
            case 4 -> 409;
            default -> 500;
        };
    }

    /** The error of §2.6. A {@code USAGE} failure of the service layer (a missing field) is {@code INVALID_ARGUMENT} (§14). */
    static void error(HttpServerExchange ex, BacklogException e) {
        ErrorCode code = e.code();
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        if (code == ErrorCode.USAGE) {
            code = ErrorCode.INVALID_ARGUMENT;
            Object argument = details.remove("argument");
            if (argument != null) {
                details.put("field", argument.toString().replaceFirst("^--", "").replace('-', '_'));
            }
        }
        if (ex.isResponseStarted()) {
            ex.endExchange();
            return;
        }
        ex.getResponseHeaders().remove(ETAG);
        if (code == ErrorCode.WORKSPACE_BUSY) {
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", e.getMessage());
        body.put("details", details);
        ex.setStatusCode(status(code));
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        ex.getResponseSender().send(ByteBuffer.wrap(json(Map.of("error", body))));
    }

    static void error(HttpServerExchange ex, ErrorCode code, String message, Map<String, ?> details) {
        error(ex, new BacklogException(code, message, details));
    }
}
