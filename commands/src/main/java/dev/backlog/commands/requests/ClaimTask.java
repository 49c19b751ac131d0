package dev.backlog.commands.requests;

/** Arguments of {@code task_claim}; {@code null} = not given. */
@Doc("Claim a task for this actor, or renew the own claim.")
public record ClaimTask(@Required String ref,
                        @Doc("e.g. 90m, 2h or never") String lease) {
}
