package dev.backlog.commands.requests;

/** Arguments of {@code memory_append}. */
@Doc("Append text to a memory entry.")
public record AppendMemory(@Required String memoryId, @Required String text) {
}
