package dev.backlog.query;

import dev.backlog.model.Actor;
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
 * Validation of the raw filter and paging values of the read commands, shared by the CLI options, the HTTP query
 * parameters and MCP arguments so that every interface rejects the same values with the same code and
 * {@code details}. Every method throws {@code INVALID_ARGUMENT} (or {@code SEARCH_SYNTAX}) naming the field. Stateless.
 */
public final class Inputs {
    /** Entity kinds of {@code activity --kind}. */
    public static final List<String> ENTITY_KINDS = List.of("attachment", "comment", "doc", "label", "memory", "plan", "project",
            "task", "workspace");
    /** Result kinds of {@code search --kind}. */
    public static final List<String> SEARCH_KINDS = List.of("task", "comment", "plan", "doc", "memory");

    private Inputs() {
    }

    /** A non-negative integer. */
    public static long nonNegative(String field, String text) {
        try {
            long v = Long.parseLong(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw BacklogException.invalid(field, text, "invalid " + field + " '" + text + "': expected a non-negative integer");
        }
    }

    /** A non-negative integer at most {@code max}; {@code fallback} when absent. */
    public static int limit(String field, String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        long v = nonNegative(field, text);
        if (v > max) {
            throw BacklogException.invalid(field, text, field + " must be at most " + max);
        }
        return (int) v;
    }

    /** Repeatable and/or comma-separated values, trimmed; empty items dropped. */
    public static List<String> list(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                for (String part : r.split(",")) {
                    String t = part.strip();
                    if (!t.isEmpty()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** The creator/author filter of {@code actor=KIND:NAME} or {@code actor_kind} + {@code actor_name}: {kind, name}. */
    public static String[] actorFilter(String actor, String actorKind, String actorName) {
        if (actor != null) {
            Actor a = Actor.parse(actor);
            return new String[] {a.kind().wire(), a.name()};
        }
        String kind = actorKind == null ? null : actorKind.toLowerCase(Locale.ROOT);
        if (kind != null && !kind.equals("human") && !kind.equals("ai")) {
            throw BacklogException.invalid("actor_kind", actorKind, List.of("human", "ai"), "invalid actor kind '" + actorKind + "'");
        }
        return new String[] {kind, actorName};
    }

    /** {@code asc|desc}; {@code null} = the command's default. */
    public static String order(String order) {
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw BacklogException.invalid("order", order, List.of("asc", "desc"), "invalid order '" + order + "'");
        }
        return order;
    }

    /** A task list sort key of {@link TaskQuery#SORTS}; {@code null} = default. */
    public static String sort(String sort) {
        if (sort != null && !TaskQuery.SORTS.contains(sort)) {
            throw BacklogException.invalid("sort", sort, TaskQuery.SORTS, "invalid sort '" + sort + "'");
        }
        return sort;
    }

    /** A {@code --search} query: a blank one is {@code SEARCH_SYNTAX}. */
    public static String search(String search) {
        if (search != null && search.isBlank()) {
            throw new BacklogException(ErrorCode.SEARCH_SYNTAX, "empty search query", Map.of("query", search, "position", 0, "reason", "empty_query"));
        }
        return search;
    }

    public static List<String> statuses(List<String> raw) {
        return list(raw).stream().map(v -> Status.parse("status", v).wire()).distinct().toList();
    }

    public static List<String> types(List<String> raw) {
        return list(raw).stream().map(v -> TaskType.parse("type", v)).distinct().toList();
    }

    public static List<Integer> priorities(List<String> raw) {
        return list(raw).stream().map(v -> Priority.parse("priority", v)).distinct().toList();
    }

    /** Event type names, matched case-insensitively against the catalogue. */
    public static List<String> eventTypes(List<String> raw) {
        List<String> out = new ArrayList<>();
        List<String> known = new ArrayList<>();
        EventTypes.names().forEach(known::add);
        for (String t : list(raw)) {
            String match = known.stream().filter(k -> k.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> BacklogException.invalid("type", t, known, "unknown event type '" + t + "'"));
            out.add(match);
        }
        return out;
    }

    /** Entity kinds of the activity filter, lower-cased. */
    public static List<String> entityKinds(List<String> raw) {
        List<String> kinds = list(raw).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        for (String k : kinds) {
            if (!ENTITY_KINDS.contains(k)) {
                throw BacklogException.invalid("kind", k, ENTITY_KINDS, "unknown entity kind '" + k + "'");
            }
        }
        return kinds;
    }

    /** Result kinds of the search filter, lower-cased. */
    public static List<String> searchKinds(List<String> raw) {
        List<String> kinds = new ArrayList<>();
        for (String k : list(raw)) {
            String v = k.toLowerCase(Locale.ROOT);
            if (!SEARCH_KINDS.contains(v)) {
                throw BacklogException.invalid("kind", k, SEARCH_KINDS, "unknown kind '" + k + "'");
            }
            kinds.add(v);
        }
        return kinds;
    }

    /** {@code since}: a duration back from {@code now}, {@code all}, a date or an instant; {@code null} = no bound. */
    public static String since(String text, Instant now) {
        if (text == null || text.equals("all")) {
            return null;
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.matches("^(\\d+(ms|s|m|h|d|w))+$")) {
            return Timestamps.format(now.minus(InputFormats.duration("since", text)));
        }
        return Timestamps.format(InputFormats.dateOrInstant("since", text));
    }
}
