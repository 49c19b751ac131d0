package dev.backlog.commands.requests;

/** Arguments of {@code comment_list}. */
@Doc("A task's comments, oldest first.")
public record ListComments(@Required String task) {
}
