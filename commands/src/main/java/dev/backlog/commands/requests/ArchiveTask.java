package dev.backlog.commands.requests;

/** Arguments of {@code task_archive}. */
@Doc("Archive a task, releasing its claim.")
public record ArchiveTask(@Required String ref) {
}
