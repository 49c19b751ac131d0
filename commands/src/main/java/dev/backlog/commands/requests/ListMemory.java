package dev.backlog.commands.requests;

/** Arguments of {@code memory_list}; {@code null} = not given. */
@Doc("Memory entries, newest first.")
public record ListMemory(@Doc("Project alias or id; default project if omitted") String project,
                         String tag,
                         @Doc("Default 50") Integer limit) {
}
