package dev.backlog.commands.requests;

/** Arguments of {@code doc_add}. */
@Doc("Create a versioned document.")
public record AddDoc(@Doc("Project alias or id; default project if omitted") String project,
                     @Required String title,
                     @Doc("Markdown; empty if omitted") String body) {
}
