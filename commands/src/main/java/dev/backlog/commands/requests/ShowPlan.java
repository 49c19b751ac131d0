package dev.backlog.commands.requests;

/** Arguments of {@code plan_show}. */
@Doc("A plan at its current or a given version.")
public record ShowPlan(@Required String planId, @Doc("Default: current") Long version) {
}
