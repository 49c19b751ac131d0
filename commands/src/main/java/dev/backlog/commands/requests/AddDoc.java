package dev.backlog.commands.requests;

/** Arguments of {@code doc_add}. */
@Doc("Create a versioned document.")
public record AddDoc(String project,
                     @Required String title,
                     String body) {
}
