package dev.backlog.commands.requests;

/** Arguments of {@code task_unlink}: exactly one of {@code blocks} and {@code blockedBy}. */
@Doc("Remove a blocking link; give blocks or blocked_by.")
public record UnlinkTask(@Required String ref,
                         @Doc("Task that ref blocks") String blocks,
                         @Doc("Task that blocks ref") String blockedBy) {
}
