package dev.backlog.commands;

import dev.backlog.model.BacklogException;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolved configuration the services need (SPEC §1.6): task defaults, the default claim lease
 * ({@code Optional.empty()} = never expires), the busy timeout and the attachment size limit (bytes).
 */
public record Settings(String defaultType, int defaultPriority, String defaultStatus, Optional<Duration> defaultLease,
                       Duration busyTimeout, long attachmentMaxBytes) {
    /** Default of {@code limits.attachment_max_bytes}: 25 MiB (SPEC §13). */
    public static final long ATTACHMENT_MAX_BYTES = 26_214_400L;
    /** The highest {@code limits.attachment_max_bytes} accepted: 1 GiB. */
    public static final long ATTACHMENT_MAX_BYTES_CEILING = 1L << 30;

    /** Settings with the default attachment limit. */
    public Settings(String defaultType, int defaultPriority, String defaultStatus, Optional<Duration> defaultLease,
                    Duration busyTimeout) {
        this(defaultType, defaultPriority, defaultStatus, defaultLease, busyTimeout, ATTACHMENT_MAX_BYTES);
    }

    public static Settings defaults() {
        return new Settings("task", 3, "todo", Optional.of(Duration.ofHours(2)), Duration.ofSeconds(5), ATTACHMENT_MAX_BYTES);
    }

    /** A {@code limits.attachment_max_bytes} value: a whole number of bytes, 1 … 1 GiB; else {@code INVALID_ARGUMENT}. */
    public static long attachmentMaxBytes(String field, String text) {
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw BacklogException.invalid(field, text, "expected a number of bytes");
        }
        if (v < 1 || v > ATTACHMENT_MAX_BYTES_CEILING) {
            throw BacklogException.invalid(field, text, "must be between 1 and " + ATTACHMENT_MAX_BYTES_CEILING + " bytes");
        }
        return v;
    }
}
