package dev.backlog.commands;

import dev.backlog.model.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Commands on one task. The clock, the actor and the default lease arrive in the command, so the decider is pure.
 * {@code baseVersion} is {@code null} when the caller gave none (unconditional update).
 */
public sealed interface TaskCommand {
    Instant at();

    Actor by();

    /** {@code lease} empty = never expires. */
    record Claim(Instant at, Actor by, Optional<Duration> lease) implements TaskCommand {}

    record Release(Instant at, Actor by, String status, boolean force) implements TaskCommand {}

    record Move(Instant at, Actor by, String status, boolean force, Long baseVersion, Optional<Duration> lease) implements TaskCommand {}

    /** Field changes (snake_case keys, {@code null} = clear) plus an optional status change. */
    record Update(Instant at, Actor by, Map<String, Object> changes, String status, boolean force, Long baseVersion,
                  Optional<Duration> lease) implements TaskCommand {}

    record Link(Instant at, Actor by, String targetId, boolean linked) implements TaskCommand {}

    record Label(Instant at, Actor by, String labelId, String name, boolean attached) implements TaskCommand {}

    record Archive(Instant at, Actor by, boolean archived) implements TaskCommand {}

    record Delete(Instant at, Actor by) implements TaskCommand {}
}
