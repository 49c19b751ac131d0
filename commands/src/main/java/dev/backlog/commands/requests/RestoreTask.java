package dev.backlog.commands.requests;

/** Arguments of {@code task_restore}. */
@Doc("Restore an archived task.")
public record RestoreTask(@Required String ref) {
}
