package dev.backlog.commands.requests;

/**
 * Arguments of {@code task_update}, also the {@code .json} file of {@code task update --from-file}. {@code null} =
 * unchanged; {@code ""} clears an optional field.
 */
@Doc("Change the given fields of a task; \"\" clears an optional field.")
public record UpdateTask(@Required String ref,
                         String title,
                         String description,
                         String type,
                         String status,
                         @Doc("1-5 or P1-P5, 1 highest") Object priority,
                         String assignee,
                         @Doc("YYYY-MM-DD or RFC 3339") String dueDate,
                         String source,
                         String externalRef,
                         String projectPath,
                         @Doc("Else STALE_VERSION") Long baseVersion,
                         Boolean force) {
}
