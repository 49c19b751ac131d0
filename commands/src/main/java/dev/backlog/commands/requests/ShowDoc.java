package dev.backlog.commands.requests;

/** Arguments of {@code doc_show}. */
@Doc("A document at its current or a given version.")
public record ShowDoc(@Required String docId, @Doc("Default: current") Long version) {
}
