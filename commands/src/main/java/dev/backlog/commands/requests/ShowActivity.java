package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code activity}; {@code null} = not given. */
@Doc("Recent events, newest first.")
public record ShowActivity(String project,
                           String task,
                           @Doc("Entity kinds, e.g. task, comment") List<String> kind,
                           @Doc("Event types, e.g. TaskClaimed") List<String> type,
                           @Doc("KIND:NAME") String actor,
                           @Doc("RFC 3339 time, YYYY-MM-DD or duration such as 7d") String since,
                           @Doc("Events after this seq") Long after,
                           Integer limit) {
}
