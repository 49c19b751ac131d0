package dev.backlog.commands.requests;

/** Arguments of {@code memory_list}; {@code null} = not given. */
@Doc("Memory entries, newest first.")
public record ListMemory(String project,
                         String tag,
                         Integer limit) {
}
