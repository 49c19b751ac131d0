package dev.backlog.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the input formats of SPEC §2.3; every failure is {@code INVALID_ARGUMENT} naming the field. */
public final class InputFormats {
    private static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h|d|w))+$");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private InputFormats() {
    }

    /** {@code 90m}, {@code 1h30m}, {@code 7d}... */
    public static Duration duration(String field, String text) {
        if (text == null || !DURATION.matcher(text).matches()) {
            throw BacklogException.invalid(field, text, "invalid duration '" + text + "' for " + field + " (e.g. 90m, 1h30m, 7d)");
        }
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(text);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw BacklogException.invalid(field, text, "duration out of range for " + field);
        }
        return total;
    }

    /**
     * A lease: 1 minute to 30 days, or {@code never} (empty result).
     */
    public static Optional<Duration> lease(String field, String text) {
        if ("never".equals(text)) {
            return Optional.empty();
        }
        Duration d = duration(field, text);
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(30)) > 0) {
            throw BacklogException.invalid(field, text, "lease must be between 1m and 30d, or never");
        }
        return Optional.of(d);
    }

    /** Due date: {@code YYYY-MM-DD} (midnight UTC) or RFC 3339 with offset; empty result = cleared. */
    public static Optional<Instant> dueDate(String field, String text) {
        if (text == null) {
            throw BacklogException.invalid(field, null, "missing date");
        }
        String t = text.trim();
        if (t.isEmpty() || t.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(dateOrInstant(field, t));
    }

    /** RFC 3339 with an offset. */
    public static Instant instant(String field, String text) {
        try {
            return Timestamps.truncate(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            throw BacklogException.invalid(field, text, "invalid instant '" + text + "' for " + field + " (RFC 3339 with offset)");
        }
    }

    /** {@code YYYY-MM-DD} or RFC 3339 with offset. */
    public static Instant dateOrInstant(String field, String text) {
        if (text != null && DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw BacklogException.invalid(field, text, "invalid date '" + text + "' for " + field);
            }
        }
        try {
            return Timestamps.truncate(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            throw BacklogException.invalid(field, text, "invalid date '" + text + "' for " + field + " (YYYY-MM-DD or RFC 3339)");
        }
    }
}
