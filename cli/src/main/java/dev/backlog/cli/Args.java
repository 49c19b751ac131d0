package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import java.util.ArrayList;
import java.util.List;

/** Parsing of option values that picocli passes as text, so bad values are {@code INVALID_ARGUMENT}, not usage errors. */
final class Args {
    private Args() {
    }

    static Long version(String text) {
        return text == null ? null : nonNegative("base_version", text);
    }

    static long nonNegative(String field, String text) {
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

    static int limit(String field, String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        long v = nonNegative(field, text);
        if (v > max) {
            throw BacklogException.invalid(field, text, field + " must be at most " + max);
        }
        return (int) v;
    }

    /** The creator/author filter of {@code --actor KIND:NAME} or {@code --actor-kind} + {@code --actor-name}: {kind, name}. */
    static String[] actorFilter(String actor, String actorKind, String actorName) {
        if (actor != null) {
            dev.backlog.model.Actor a = dev.backlog.model.Actor.parse(actor);
            return new String[] {a.kind().wire(), a.name()};
        }
        String kind = actorKind == null ? null : actorKind.toLowerCase(java.util.Locale.ROOT);
        if (kind != null && !kind.equals("human") && !kind.equals("ai")) {
            throw BacklogException.invalid("actor_kind", actorKind, List.of("human", "ai"), "invalid actor kind '" + actorKind + "'");
        }
        return new String[] {kind, actorName};
    }

    /** Repeatable and/or comma-separated values, trimmed; empty items dropped. */
    static List<String> list(List<String> raw) {
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
}
