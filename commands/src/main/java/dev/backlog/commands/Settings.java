package dev.backlog.commands;

import java.time.Duration;
import java.util.Optional;

/**
 * Resolved configuration the services need (SPEC §1.6): task defaults, the default claim lease
 * ({@code Optional.empty()} = never expires) and the busy timeout.
 */
public record Settings(String defaultType, int defaultPriority, String defaultStatus, Optional<Duration> defaultLease,
                       Duration busyTimeout) {
    public static Settings defaults() {
        return new Settings("task", 3, "todo", Optional.of(Duration.ofHours(2)), Duration.ofSeconds(5));
    }
}
