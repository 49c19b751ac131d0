package dev.backlog.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** The limits of SPEC §13 and the text rules of §2.3, checked before anything is written. */
public final class Limits {
    public static final int TITLE_CHARS = 255;
    public static final int TEXT_BYTES = 65_536;
    public static final int SHORT_CHARS = 64;
    public static final int PATH_CHARS = 1024;
    public static final int LABELS_PER_TASK = 50;
    public static final int LINKS_PER_TASK = 100;
    public static final int ACTIVITY_LIMIT = 10_000;
    public static final Pattern ALIAS = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

    private Limits() {
    }

    /** Trimmed, non-empty, one line, no control characters, at most 255 code points. */
    public static String title(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw BacklogException.invalid(field, text, field + " must not be empty");
        }
        if (CONTROL.matcher(t).find()) {
            throw BacklogException.invalid(field, text, field + " must be one line without control characters");
        }
        int cps = t.codePointCount(0, t.length());
        if (cps > TITLE_CHARS) {
            throw tooLarge(field, TITLE_CHARS, cps);
        }
        return t;
    }

    /** Free text up to 64 KiB of UTF-8. */
    public static String text(String field, String text) {
        if (text == null) {
            return null;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TEXT_BYTES) {
            throw tooLarge(field, TEXT_BYTES, bytes);
        }
        return text;
    }

    /** Optional short string (assignee, source...): trimmed, at most 64 characters, "" clears (null). */
    public static String shortText(String field, String text) {
        return bounded(field, text, SHORT_CHARS);
    }

    /** Optional path-like string: at most 1024 characters, "" clears (null). */
    public static String pathText(String field, String text) {
        return bounded(field, text, PATH_CHARS);
    }

    private static String bounded(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (CONTROL.matcher(t).find()) {
            throw BacklogException.invalid(field, text, field + " must not contain control characters");
        }
        int cps = t.codePointCount(0, t.length());
        if (cps > max) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, field + " is longer than " + max + " characters",
                    Map.of("field", field, "limit", max, "actual", cps));
        }
        return t;
    }

    public static String alias(String field, String text) {
        if (text == null || !ALIAS.matcher(text).matches()) {
            throw BacklogException.invalid(field, text, "invalid alias '" + text + "': lower-case letters, digits and '-', starting with a letter or digit, at most 64");
        }
        return text;
    }

    /** Label name: trimmed, 1-64 characters, no commas or control characters. */
    public static String labelName(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.indexOf(',') >= 0 || CONTROL.matcher(t).find()) {
            throw BacklogException.invalid(field, text, "invalid label name '" + text + "': 1-64 characters, no commas or control characters");
        }
        if (t.codePointCount(0, t.length()) > SHORT_CHARS) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "label name is longer than 64 characters",
                    Map.of("field", field, "limit", SHORT_CHARS, "actual", t.codePointCount(0, t.length())));
        }
        return t;
    }

    public static BacklogException tooLarge(String field, long limit, long actual) {
        return new BacklogException(ErrorCode.PAYLOAD_TOO_LARGE, field + " exceeds the limit of " + limit + " (" + actual + ")",
                Map.of("field", field, "limit", limit, "actual", actual));
    }
}
