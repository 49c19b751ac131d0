package dev.backlog.commands.requests;

/** Arguments of {@code task_show}; {@code null} = not given. */
@Doc("Show a task with its plans, comments and attachments.")
public record ShowTask(@Required @Doc("TASK-N, N or ULID prefix") String ref,
                       @Doc("RFC 3339 time or event seq") String at) {
}
