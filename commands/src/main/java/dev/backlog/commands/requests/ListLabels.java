package dev.backlog.commands.requests;

/** Arguments of {@code label_list}; {@code null} = not given. */
@Doc("A project's labels sorted by name.")
public record ListLabels(String project) {
}
