package dev.backlog.commands.requests;

/** Arguments of {@code project_list}; {@code null} = not given. */
@Doc("List projects sorted by name.")
public record ListProjects(Boolean includeArchived) {
}
