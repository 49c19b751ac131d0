package dev.backlog.query;

import java.util.List;

/**
 * The filters, sort and page of {@code task list} (SPEC §3.3), already validated. Empty lists and {@code null}
 * mean "any". {@code projectId == null} lists every project.
 */
public record TaskQuery(String projectId, String scopeAlias, List<String> statuses, List<String> types, List<Integer> priorities,
                        List<String> labels, String assignee, String actorKind, String actorName, String source,
                        String claimKind, String claimName, boolean ready, String search, boolean includeArchived,
                        boolean archivedOnly, String sort, boolean descending, int limit, int offset) {

    public static final List<String> SORTS = List.of("priority", "created", "updated", "ref", "title", "due", "rank");

    /** Whether a filter other than the search and the archived scope may leave a task out. */
    boolean filtersTasks() {
        return projectId != null || archivedOnly || ready || any(statuses) || any(types) || any(priorities) || any(labels)
                || assignee != null || actorKind != null || actorName != null || source != null || claimKind != null;
    }

    private static boolean any(List<?> values) {
        return values != null && !values.isEmpty();
    }

    /** Everything in one project (or all), default sort, no paging limit. */
    public static TaskQuery all(String projectId) {
        return new TaskQuery(projectId, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null,
                false, null, false, false, "priority", false, 0, 0);
    }
}
