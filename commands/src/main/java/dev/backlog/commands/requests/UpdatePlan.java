package dev.backlog.commands.requests;

/** Arguments of {@code plan_update}; {@code null} = unchanged. */
@Doc("Write a new version of a plan.")
public record UpdatePlan(@Required String planId,
                         String title,
                         String body,
                         String changeNote,
                         @Doc("Else STALE_VERSION") Long baseVersion) {
}
