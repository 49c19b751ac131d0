package dev.backlog.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.model.BacklogException;
import java.util.Iterator;
import java.util.Set;

/** Strict reading of hand-written JSON files (findings, {@code backlog.json}): known keys only, typed strings. */
final class JsonFields {
    private JsonFields() {
    }

    /** {@code INVALID_ARGUMENT} naming the first key of {@code node} outside {@code allowed} ({@code field} = prefix + key). */
    static void onlyKnownKeys(JsonNode node, Set<String> allowed, String prefix, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw BacklogException.invalid(prefix + k, null, "unknown key '" + prefix + k + "'" + where);
            }
        }
    }

    /** A string field ({@code null} when absent or null); any other JSON type is an error naming {@code field}. */
    static String text(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw BacklogException.invalid(field, v.toString(), field + " must be a string");
        }
        return v.asText();
    }
}
