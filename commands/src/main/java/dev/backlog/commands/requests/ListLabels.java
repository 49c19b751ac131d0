package dev.backlog.commands.requests;

/** Arguments of {@code label_list}; {@code null} = not given. */
@Doc("A project's labels sorted by name.")
public record ListLabels(@Doc("Project alias or id; default project if omitted") String project) {
}
