package dev.backlog.commands.requests;

/** Arguments of {@code plan_list}. */
@Doc("The plans of a task.")
public record ListPlans(@Required String task) {
}
