package dev.backlog.commands.requests;

/** Arguments of {@code label_attach}. */
@Doc("Attach a label to a task, creating it in the task's project when missing.")
public record AttachLabel(@Required String task, @Required String name) {
}
