package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code activity}; {@code null} = not given. */
@Doc("Recent events, newest first.")
public record ShowActivity(String project,
                           String task,
                           @Doc("e.g. task, comment") List<String> kind,
                           @Doc("e.g. TaskClaimed") List<String> type,
                           @Doc("KIND:NAME") String actor,
                           @Doc("RFC 3339, YYYY-MM-DD or e.g. 7d") String since,
                           @Doc("After this seq") Long after,
                           Integer limit) {
}
