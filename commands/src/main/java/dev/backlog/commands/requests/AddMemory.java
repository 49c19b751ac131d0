package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code memory_add}. */
@Doc("Remember a fact or decision for later sessions.")
public record AddMemory(String project,
                        @Required String body,
                        List<String> tags) {
}
