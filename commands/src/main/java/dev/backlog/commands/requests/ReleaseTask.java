package dev.backlog.commands.requests;

/** Arguments of {@code task_release}; {@code null} = not given. */
@Doc("Release a claim; a doing task returns to todo.")
public record ReleaseTask(@Required String ref,
                          String status,
                          @Doc("Release another actor's claim") Boolean force) {
}
