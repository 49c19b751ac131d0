package dev.backlog.model;

import java.util.List;
import java.util.Locale;

/** Task types (SPEC §1.1), stored lower-case. */
public final class TaskType {
    public static final List<String> ALL = List.of(
            "task", "bug", "issue", "improvement", "feature", "vulnerability", "chore", "spike", "bucket-list");

    private TaskType() {
    }

    public static String parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (ALL.contains(t)) {
            return t;
        }
        throw BacklogException.invalid(field, text, ALL, "invalid " + field + " '" + text + "'; allowed: " + String.join(", ", ALL));
    }
}
