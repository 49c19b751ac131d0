package dev.backlog.commands.requests;

/** Arguments of {@code comment_add}. */
@Doc("Comment on a task.")
public record AddComment(@Required String task, @Required String body) {
}
