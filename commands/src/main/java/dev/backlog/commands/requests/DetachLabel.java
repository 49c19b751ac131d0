package dev.backlog.commands.requests;

/** Arguments of {@code label_detach}. */
@Doc("Detach a label from a task.")
public record DetachLabel(@Required String task, @Required String name) {
}
