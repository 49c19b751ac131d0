package dev.backlog.model;

import java.util.List;

/** Priority 1..5, 1 highest. Input {@code P1}..{@code P5}, {@code p1}..{@code p5} or {@code 1}..{@code 5}. */
public final class Priority {
    public static final List<String> ALLOWED = List.of("P1", "P2", "P3", "P4", "P5", "1", "2", "3", "4", "5");
    private static final List<String> LABELS = List.of("Critical", "High", "Normal", "Low", "Backlog");

    private Priority() {
    }

    public static int parse(String field, String text) {
        String t = text == null ? "" : text.trim();
        if (t.length() == 2 && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
            t = t.substring(1);
        }
        if (t.length() == 1 && t.charAt(0) >= '1' && t.charAt(0) <= '5') {
            return t.charAt(0) - '0';
        }
        throw BacklogException.invalid(field, text, ALLOWED, "invalid " + field + " '" + text + "'; use P1..P5 or 1..5");
    }

    public static String label(int priority) {
        return LABELS.get(priority - 1);
    }
}
