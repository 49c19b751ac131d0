package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code activity}; {@code null} = not given. */
@Doc("Recent events, newest first.")
public record ShowActivity(@Doc("Project alias or id") String project,
                           @Doc("Only events of this task") String task,
                           @Doc("Entity kinds, e.g. task, comment") List<String> kind,
                           @Doc("Event types, e.g. TaskClaimed") List<String> type,
                           @Doc("KIND:NAME") String actor,
                           @Doc("RFC 3339 time, YYYY-MM-DD or duration such as 7d") String since,
                           @Doc("Only events after this seq") Long after,
                           @Doc("Default 50") Integer limit) {
}
