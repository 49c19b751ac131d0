package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code search}; {@code null} = not given. */
@Doc("Full-text search over tasks, comments, plans, docs and memory.")
public record Search(@Doc("FTS query: prefix*, AND/OR/NOT, \"phrases\"") @Required String query,
                     String project,
                     @Doc("task, comment, plan, doc or memory") List<String> kind,
                     Boolean includeArchived,
                     Integer limit) {
}
