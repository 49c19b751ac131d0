package dev.backlog.commands.requests;

/** Arguments of {@code plan_history}. */
@Doc("Every version of a plan, oldest first.")
public record ShowPlanHistory(@Required String planId) {
}
