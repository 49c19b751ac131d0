package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code task_add}, also the {@code .json} file of {@code task add --from-file}; {@code null} = not given. */
@Doc("Create a task with optional labels, blockers and plans.")
public record AddTask(String project,
                      @Required String title,
                      String description,
                      String type,
                      @Doc("todo, doing, review or done") String status,
                      @Doc("1-5 or P1-P5, 1 highest") Object priority,
                      String assignee,
                      List<String> labels,
                      @Doc("YYYY-MM-DD or RFC 3339") String dueDate,
                      String source,
                      String externalRef,
                      String projectPath,
                      List<String> blockedBy,
                      List<Plan> plans) {

    /** One plan created with the task (version 1). */
    public record Plan(@Required String title, @Required String body, String source, String changeNote) {
    }
}
