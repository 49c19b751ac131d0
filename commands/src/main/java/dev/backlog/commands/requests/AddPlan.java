package dev.backlog.commands.requests;

/** Arguments of {@code plan_add}. */
@Doc("Add a plan to a task (version 1).")
public record AddPlan(@Doc("Task reference") @Required String task,
                      @Required String title,
                      @Doc("Markdown") @Required String body,
                      String source,
                      String changeNote) {
}
