package dev.backlog.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.commands.requests.Requests;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Limits;
import dev.backlog.projector.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request bodies: reading with a byte limit (never more than the limit is buffered) and binding a JSON object to a
 * request record, with the errors of §8.1 and §14: unknown field and missing required field are both
 * {@code INVALID_ARGUMENT} naming the {@code field}. Stateless.
 */
final class Bodies {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();
    private static final Map<Class<?>, Map<String, RecordComponent>> FIELDS = new ConcurrentHashMap<>();

    private Bodies() {
    }

    /** Reads at most {@code limit} bytes; more is {@code PAYLOAD_TOO_LARGE}; slower than {@code deadlineNanos} is a timeout. */
    static byte[] read(InputStream in, long limit, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 << 10];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw Limits.tooLarge("body", limit, total);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("request timeout: the body was not received in time");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The body as a JSON object; an empty body is {@code {}}. */
    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalidJson(e);
        }
        if (node == null || !node.isObject()) {
            throw BacklogException.invalid("body", null, "the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Binds a JSON object to a request record. {@code fromPath} are fields the URL supplies (e.g. {@code ref}); a body
     * may not give them too.
     */
    static <T extends Record> T bind(ObjectNode body, Class<T> type, Map<String, String> fromPath) {
        Map<String, RecordComponent> fields = fields(type);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.containsKey(name) || fromPath.containsKey(name)) {
                throw BacklogException.invalid(name, null, "unknown field '" + name + "'");
            }
        }
        ObjectNode all = body.deepCopy();
        fromPath.forEach(all::put);
        for (Map.Entry<String, RecordComponent> f : fields.entrySet()) {
            if (Requests.required(f.getValue()) && (!all.hasNonNull(f.getKey()))) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("field", f.getKey());
                throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "missing required field '" + f.getKey() + "'", d);
            }
        }
        try {
            return Json.MAPPER.treeToValue(all, type);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        }
    }

    private static Map<String, RecordComponent> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            Map<String, RecordComponent> m = new LinkedHashMap<>();
            for (RecordComponent c : t.getRecordComponents()) {
                m.put(SNAKE.translate(c.getName()), c);
            }
            return m;
        });
    }

    private static BacklogException invalidJson(IOException e) {
        Map<String, Object> d = new LinkedHashMap<>();
        String field = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = sb.toString();
        }
        d.put("field", field == null ? "body" : field);
        d.put("value", null);
        String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        d.put("reason", why);
        return new BacklogException(ErrorCode.INVALID_ARGUMENT, "invalid request body: " + why, d);
    }
}
