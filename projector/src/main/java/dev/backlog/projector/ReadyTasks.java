package dev.backlog.projector;

import java.util.ArrayList;
import java.util.List;

/**
 * The ready-task rule of SPEC §1.1 as SQL over the read tables, shared by {@code task list --ready},
 * {@code task next} and its claiming variant so they can never disagree.
 */
public final class ReadyTasks {
    /**
     * A condition on {@code tasks t} joined with {@code projects p}; binds one parameter, the instant at which
     * leases are evaluated (wire format).
     */
    public static final String CONDITION = """
            (t.status = 'todo' AND t.archived_at IS NULL AND p.archived_at IS NULL
             AND (t.claim_kind IS NULL OR (t.lease_expires_at IS NOT NULL AND t.lease_expires_at <= ?))
             AND NOT EXISTS (SELECT 1 FROM task_links l JOIN tasks b ON b.task_id = l.blocker_id
                             WHERE l.blocked_id = t.task_id AND b.status <> 'done'))
            """;
    /** Candidate order of {@code task next} (§5.3). */
    public static final String ORDER = " ORDER BY t.priority ASC, t.due_at IS NULL, t.due_at ASC, t.number ASC";

    /** Filters of {@code task next}: empty lists mean "any"; {@code projectId == null} means all projects. */
    public record Filter(String projectId, List<String> types, List<String> labels, List<Integer> priorities) {}

    private final Db db;

    /** {@code NO_READY_TASK} naming the filters that matched nothing. */
    public static dev.backlog.model.BacklogException none(Filter filter) {
        java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("project", filter.projectId());
        f.put("type", filter.types());
        f.put("label", filter.labels());
        f.put("priority", filter.priorities());
        return new dev.backlog.model.BacklogException(dev.backlog.model.ErrorCode.NO_READY_TASK, "no ready task matches the filters",
                java.util.Map.of("filters", f));
    }

    public ReadyTasks(Db db) {
        this.db = db;
    }

    /** Ids of ready tasks matching the filter, best candidate first. */
    public List<String> candidates(Filter f, String now, int limit) {
        StringBuilder sql = new StringBuilder("SELECT t.task_id FROM tasks t JOIN projects p ON p.project_id = t.project_id WHERE ")
                .append(CONDITION);
        List<Object> args = new ArrayList<>();
        args.add(now);
        if (f.projectId() != null) {
            sql.append(" AND t.project_id = ?");
            args.add(f.projectId());
        }
        in(sql, args, "t.type", f.types());
        in(sql, args, "t.priority", f.priorities());
        if (!f.labels().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_labels tl JOIN labels lb ON lb.label_id = tl.label_id"
                    + " WHERE tl.task_id = t.task_id AND lower(lb.name) IN (")
                    .append(placeholders(f.labels().size())).append("))");
            f.labels().forEach(l -> args.add(l.toLowerCase(java.util.Locale.ROOT)));
        }
        sql.append(ORDER).append(" LIMIT ").append(limit);
        return db.list(sql.toString(), rs -> rs.getString(1), args.toArray());
    }

    /** Appends {@code AND column IN (?, ...)} for a non-empty list. */
    public static void in(StringBuilder sql, List<Object> args, String column, List<?> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(placeholders(values.size())).append(')');
        args.addAll(values);
    }

    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
