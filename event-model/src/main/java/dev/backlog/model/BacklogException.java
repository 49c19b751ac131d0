package dev.backlog.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one unchecked root of every failure that reaches a user. Adapters map {@link #code()} to an exit status,
 * HTTP status or MCP tool error; {@link #details()} is the {@code error.details} object of the wire shape.
 */
public class BacklogException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public BacklogException(ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public BacklogException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, null);
    }

    public BacklogException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** {@code INVALID_ARGUMENT} naming the field and the offending value. */
    public static BacklogException invalid(String field, Object value, String message) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("field", field);
        d.put("value", value);
        return new BacklogException(ErrorCode.INVALID_ARGUMENT, message, d);
    }

    /** {@code INVALID_ARGUMENT} naming the field, the value and the allowed values. */
    public static BacklogException invalid(String field, Object value, Iterable<String> allowed, String message) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("field", field);
        d.put("value", value);
        d.put("allowed", allowed);
        return new BacklogException(ErrorCode.INVALID_ARGUMENT, message, d);
    }

    public static BacklogException notFound(ErrorCode code, String key, String value, String what) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(key, value);
        return new BacklogException(code, what + " not found: " + value, d);
    }
}
