package dev.backlog.commands.requests;

/** Arguments of {@code task_history}; {@code null} = not given. */
@Doc("A task's events, oldest first.")
public record ShowTaskHistory(@Required String ref,
                              Integer limit,
                              @Doc("After this seq") Long after) {
}
