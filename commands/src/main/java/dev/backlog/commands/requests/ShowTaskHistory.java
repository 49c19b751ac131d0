package dev.backlog.commands.requests;

/** Arguments of {@code task_history}; {@code null} = not given. */
@Doc("Events of a task and its comments, plans and attachments, oldest first.")
public record ShowTaskHistory(@Required String ref,
                              Integer limit,
                              @Doc("Only events after this seq") Long after) {
}
