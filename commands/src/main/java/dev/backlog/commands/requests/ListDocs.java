package dev.backlog.commands.requests;

/** Arguments of {@code doc_list}. */
@Doc("A project's documents.")
public record ListDocs(String project) {
}
