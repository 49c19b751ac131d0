package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Priority;
import dev.backlog.model.Status;
import dev.backlog.model.TaskType;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validation of the filter values that every read interface accepts (CLI flags, MCP arguments, HTTP query
 * parameters), so a bad value gets the same coded error everywhere. Each method returns the canonical values.
 */
public final class Filters {
    /** Entity kinds of {@code activity --kind}. */
    public static final List<String> ENTITY_KINDS = List.of("attachment", "comment", "doc", "label", "memory", "plan", "project",
            "task", "workspace");
    /** Result kinds of {@code search --kind}. */
    public static final List<String> SEARCH_KINDS = List.of("task", "comment", "plan", "doc", "memory");

    private Filters() {
    }

    public static List<String> statuses(List<String> raw) {
        return raw.stream().map(v -> Status.parse("status", v).wire()).distinct().toList();
    }

    public static List<String> types(List<String> raw) {
        return raw.stream().map(v -> TaskType.parse("type", v)).distinct().toList();
    }

    public static List<Integer> priorities(List<String> raw) {
        return raw.stream().map(v -> Priority.parse("priority", v)).distinct().toList();
    }

    /** Event type names, matched case-insensitively against the catalogue. */
    public static List<String> eventTypes(List<String> raw) {
        List<String> known = new ArrayList<>();
        EventTypes.names().forEach(known::add);
        List<String> out = new ArrayList<>();
        for (String t : raw) {
            out.add(known.stream().filter(k -> k.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> BacklogException.invalid("type", t, known, "unknown event type '" + t + "'")));
        }
        return out;
    }

    /** Lower-cased kinds, each one of {@code allowed}. */
    public static List<String> kinds(List<String> raw, List<String> allowed, String what) {
        List<String> out = new ArrayList<>();
        for (String k : raw) {
            String v = k.toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw BacklogException.invalid("kind", k, allowed, "unknown " + what + " '" + k + "'");
            }
            out.add(v);
        }
        return out;
    }

    /** {@code asc} or {@code desc}; {@code null} = the command's default. */
    public static String order(String order) {
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw BacklogException.invalid("order", order, List.of("asc", "desc"), "invalid order '" + order + "'");
        }
        return order;
    }

    /** A task-list sort key, or {@code null} for the default. */
    public static String sort(String sort) {
        if (sort != null && !TaskQuery.SORTS.contains(sort)) {
            throw BacklogException.invalid("sort", sort, TaskQuery.SORTS, "invalid sort '" + sort + "'");
        }
        return sort;
    }

    /** A search query given as a filter must not be blank ({@code SEARCH_SYNTAX}, like an empty {@code search}). */
    public static String search(String query) {
        if (query != null && query.isBlank()) {
            throw new BacklogException(ErrorCode.SEARCH_SYNTAX, "empty search query", Map.of("query", query, "position", 0, "reason", "empty_query"));
        }
        return query;
    }

    /** {@code since}: a duration back from now, {@code all}, a date or an instant; {@code null} = no bound. */
    public static String since(String text, Instant now) {
        if (text == null || text.equals("all")) {
            return null;
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.matches("^(\\d+(ms|s|m|h|d|w))+$")) {
            return Timestamps.format(now.minus(InputFormats.duration("since", text)));
        }
        return Timestamps.format(InputFormats.dateOrInstant("since", text));
    }

    /** A page size of 1 to {@code max} ({@code null} = {@code fallback}). */
    public static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw BacklogException.invalid("limit", limit, "limit must be between 1 and " + max);
        }
        return limit;
    }

    /** A non-negative offset or sequence number ({@code null} = {@code fallback}). */
    public static long nonNegative(String field, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw BacklogException.invalid(field, value, field + " must not be negative");
        }
        return value;
    }
}
