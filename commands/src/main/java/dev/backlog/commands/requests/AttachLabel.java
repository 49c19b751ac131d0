package dev.backlog.commands.requests;

/** Arguments of {@code label_attach}. */
@Doc("Attach a label to a task, creating the label if missing.")
public record AttachLabel(@Required String task, @Required String name) {
}
