package dev.backlog.commands.requests;

/** Arguments of {@code plan_add}. */
@Doc("Add a plan to a task (version 1).")
public record AddPlan(@Required String task,
                      @Required String title,
                      @Required String body,
                      String source,
                      String changeNote) {
}
