package dev.backlog.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Task status (SPEC §1.1). Any transition is allowed; claim rules live in the task decider. */
public enum Status {
    TODO, DOING, REVIEW, DONE;

    public static final List<String> WIRE = Arrays.stream(values()).map(Status::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive parse; anything else is {@code INVALID_ARGUMENT} listing the allowed values. */
    public static Status parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Status s : values()) {
            if (s.wire().equals(t)) {
                return s;
            }
        }
        throw BacklogException.invalid(field, text, WIRE, "invalid " + field + " '" + text + "'; allowed: " + String.join(", ", WIRE));
    }

    public static Status fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
