package dev.backlog.commands.requests;

/** Arguments of {@code task_link}: exactly one of {@code blocks} and {@code blockedBy}. */
@Doc("Make ref block a task (blocks) or be blocked by one (blocked_by).")
public record LinkTask(@Required String ref,
                       @Doc("Task that ref blocks") String blocks,
                       @Doc("Task that blocks ref") String blockedBy) {
}
