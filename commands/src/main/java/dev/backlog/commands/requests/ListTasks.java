package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code task_list}; {@code null} = not given. Filters are AND-ed, values within one filter OR-ed. */
@Doc("List tasks matching all given filters.")
public record ListTasks(String project,
                        List<String> status,
                        List<String> type,
                        @Doc("1-5 or P1-P5 each") List<Object> priority,
                        List<String> label,
                        String assignee,
                        @Doc("KIND:NAME") String claimedBy,
                        Boolean ready,
                        @Doc("Full-text query") String search,
                        Boolean includeArchived,
                        @Doc("priority, created, updated, ref, title, due or rank") String sort,
                        @Doc("asc or desc") String order,
                        @Doc("Max 1000") Integer limit,
                        Integer offset,
                        @Doc("RFC 3339 time or event seq") String at) {
}
