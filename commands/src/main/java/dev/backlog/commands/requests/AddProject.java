package dev.backlog.commands.requests;

/** Arguments of {@code project_add}; {@code null} = not given. */
@Doc("Create a project.")
public record AddProject(@Required String alias,
                         String name,
                         String description,
                         String repoPath) {
}
