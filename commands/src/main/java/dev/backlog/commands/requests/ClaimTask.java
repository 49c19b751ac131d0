package dev.backlog.commands.requests;

/** Arguments of {@code task_claim}; {@code null} = not given. */
@Doc("Claim a task, or renew your claim.")
public record ClaimTask(@Required String ref,
                        @Doc("e.g. 90m, 2h or never") String lease) {
}
