package dev.backlog.cli;

import dev.backlog.query.Inputs;
import java.util.List;

/** Parsing of option values that picocli passes as text, so bad values are {@code INVALID_ARGUMENT}, not usage errors. */
final class Args {
    private Args() {
    }

    static Long version(String text) {
        return text == null ? null : nonNegative("base_version", text);
    }

    static long nonNegative(String field, String text) {
        return Inputs.nonNegative(field, text);
    }

    /** An optional non-negative number ({@code --version N}, {@code --from N}); {@code null} when not given. */
    static Long optional(String field, String text) {
        return text == null ? null : nonNegative(field, text);
    }

    static int limit(String field, String text, int fallback, int max) {
        return Inputs.limit(field, text, fallback, max);
    }

    /** The creator/author filter of {@code --actor KIND:NAME} or {@code --actor-kind} + {@code --actor-name}: {kind, name}. */
    static String[] actorFilter(String actor, String actorKind, String actorName) {
        return Inputs.actorFilter(actor, actorKind, actorName);
    }

    /** {@code --order asc|desc}; {@code null} = the command's default. */
    static String order(String order) {
        return Inputs.order(order);
    }

    /** Repeatable and/or comma-separated values, trimmed; empty items dropped. */
    static List<String> list(List<String> raw) {
        return Inputs.list(raw);
    }
}
