package dev.backlog.commands.requests;

/** Arguments of {@code task_move}; {@code null} = not given. */
@Doc("Change a task's status; moving to doing claims it.")
public record MoveTask(@Required String ref,
                       @Required @Doc("todo, doing, review or done") String status,
                       @Doc("Override another actor's claim") Boolean force,
                       @Doc("Else STALE_VERSION") Long baseVersion) {
}
