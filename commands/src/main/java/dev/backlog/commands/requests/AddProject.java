package dev.backlog.commands.requests;

/** Arguments of {@code project_add}; {@code null} = not given. */
@Doc("Create a project.")
public record AddProject(@Required @Doc("Short unique alias, e.g. web") String alias,
                         @Doc("Display name; defaults to the alias") String name,
                         String description,
                         String repoPath) {
}
