package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Views.*;
import dev.backlog.query.search.FtsQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task views over the read tables: lists with every filter, single tasks with their details. Not thread-safe. */
final class TaskReader {
    private static final String COLUMNS = """
            SELECT t.task_id, t.number, t.project_id, p.alias, p.name, t.title, t.description, t.type, t.status, t.priority,
                   t.assignee, t.due_at, t.source, t.external_ref, t.project_path, t.actor_kind, t.actor_name,
                   t.claim_kind, t.claim_name, t.claimed_at, t.lease_expires_at, t.created_at, t.updated_at,
                   t.completed_at, t.archived_at, t.version, CASE WHEN\s""" + ReadyTasks.CONDITION + " THEN 1 ELSE 0 END AS ready";
    private static final String FROM = " FROM tasks t JOIN projects p ON p.project_id = t.project_id";
    private static final String BY_ID = COLUMNS + FROM + " WHERE t.task_id = ?";
    // labels and links of a whole page in one statement each (IDS is replaced by placeholders for the page's ids)
    private static final String LABELS = """
            SELECT tl.task_id, l.name FROM task_labels tl JOIN labels l ON l.label_id = tl.label_id WHERE tl.task_id IN (IDS)
            ORDER BY tl.task_id, lower(l.name), l.created_seq
            """;
    private static final String BLOCKED_BY = """
            SELECT k.blocked_id, b.number FROM task_links k JOIN tasks b ON b.task_id = k.blocker_id WHERE k.blocked_id IN (IDS)
            ORDER BY k.blocked_id, b.number
            """;
    private static final String BLOCKS = """
            SELECT k.blocker_id, b.number FROM task_links k JOIN tasks b ON b.task_id = k.blocked_id WHERE k.blocker_id IN (IDS)
            ORDER BY k.blocker_id, b.number
            """;
    private static final String COMMENTS = """
            SELECT c.comment_id, c.task_id, t.number, c.body, c.actor_kind, c.actor_name, c.created_at
            FROM comments c JOIN tasks t ON t.task_id = c.task_id WHERE c.task_id = ? ORDER BY c.created_at, c.comment_id
            """;
    /** Best bm25 rank per task over its own row and its comments' (bm25 may not sit inside an aggregate: materialize). */
    private static final String SEARCH_HITS = """
            WITH m AS MATERIALIZED (
                SELECT rowid AS search_key, bm25(search_index, 5.0, 1.0) AS rank FROM search_index WHERE search_index MATCH ?)
            SELECT d.task_id AS task_id, min(m.rank) AS rank
            FROM m JOIN search_docs d ON d.search_key = m.search_key
            WHERE d.task_id IS NOT NULL GROUP BY d.task_id
            """;
    /** The same matches without ranking: enough for {@code page.total}. */
    private static final String SEARCH_IDS = """
            SELECT DISTINCT d.task_id AS task_id FROM search_index JOIN search_docs d ON d.search_key = search_index.rowid
            WHERE search_index MATCH ? AND d.task_id IS NOT NULL
            """;
    private static final Pattern REF = Pattern.compile("(?i)(?:task-)?(\\d{1,18})");

    private final Db db;

    TaskReader(Db db) {
        this.db = db;
    }

    TaskView byId(String id, Instant now) {
        TaskView t = db.one(BY_ID, rs -> view(rs, now), Timestamps.format(now), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", id, "task"));
        return withRelations(List.of(t)).get(0);
    }

    List<CommentView> comments(String taskId) {
        return db.list(COMMENTS, TaskReader::comment, taskId);
    }

    static CommentView comment(ResultSet rs) throws SQLException {
        return new CommentView(rs.getString(1), rs.getString(2), "TASK-" + rs.getLong(3), rs.getString(4),
                new ActorView(rs.getString(5), rs.getString(6)), rs.getString(7));
    }

    TaskList list(TaskQuery q, Instant now) {
        String at = Timestamps.format(now);
        List<Object> args = new ArrayList<>();
        StringBuilder from = new StringBuilder(FROM);
        StringBuilder countFrom = new StringBuilder(FROM);
        boolean searching = q.search() != null;
        if (searching) {
            args.add(FtsQuery.compile(q.search()));
            Matcher ref = REF.matcher(q.search().strip());
            String hits = SEARCH_HITS;
            if (ref.matches()) {
                // a ref lookup joins the text hits ranked first; a task found both ways appears once (min rank)
                hits = "SELECT task_id, min(rank) AS rank FROM (" + SEARCH_HITS
                        + " UNION ALL SELECT task_id, -1e9 FROM tasks WHERE number = ?) GROUP BY task_id";
                countFrom.append(" JOIN (").append(SEARCH_IDS).append(" UNION SELECT task_id FROM tasks WHERE number = ?) h");
                args.add(Long.parseLong(ref.group(1)));
            } else {
                countFrom.append(" JOIN (").append(SEARCH_IDS).append(") h");
            }
            if (onlyRanked(q)) {
                return bestMatches(hits, args, q, now);
            }
            from.append(" JOIN (").append(hits).append(") h ON h.task_id = t.task_id");
            countFrom.append(" ON h.task_id = t.task_id");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.projectId() != null) {
            where.append(" AND t.project_id = ?");
            args.add(q.projectId());
        }
        if (q.archivedOnly()) {
            where.append(" AND (t.archived_at IS NOT NULL OR p.archived_at IS NOT NULL)");
        } else if (!q.includeArchived()) {
            where.append(" AND t.archived_at IS NULL AND p.archived_at IS NULL");
        }
        List<Object> whereArgs = new ArrayList<>();
        ReadyTasks.in(where, whereArgs, "t.status", q.statuses());
        ReadyTasks.in(where, whereArgs, "t.type", q.types());
        ReadyTasks.in(where, whereArgs, "t.priority", q.priorities());
        args.addAll(whereArgs);
        if (!q.labels().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM task_labels tl JOIN labels lb ON lb.label_id = tl.label_id")
                    .append(" WHERE tl.task_id = t.task_id AND lower(lb.name) IN (")
                    .append(ReadyTasks.placeholders(q.labels().size())).append("))");
            q.labels().forEach(l -> args.add(l.toLowerCase(Locale.ROOT)));
        }
        equal(where, args, "t.assignee", q.assignee());
        equal(where, args, "t.actor_kind", q.actorKind());
        equal(where, args, "t.actor_name", q.actorName());
        equal(where, args, "t.source", q.source());
        if (q.claimKind() != null) {
            where.append(" AND t.claim_kind = ? AND t.claim_name = ? AND (t.lease_expires_at IS NULL OR t.lease_expires_at > ?)");
            args.add(q.claimKind());
            args.add(q.claimName());
            args.add(at);
        }
        if (q.ready()) {
            where.append(" AND ").append(ReadyTasks.CONDITION);
            args.add(at);
        }
        // order and cut the page on keys alone, then read the page's columns (the ready flag costs a subquery per row).
        // A search's count rides along as a window over every match (a second statement would find the hits again);
        // a plain list counts in its own statement, which scans less than the window
        String order = order(q, searching);
        StringBuilder keys = new StringBuilder("SELECT t.task_id").append(searching ? ", h.rank, count(*) OVER () AS total" : ", -1 AS total")
                .append(from).append(where).append(order);
        List<Object> selectArgs = new ArrayList<>();
        selectArgs.add(at);
        selectArgs.addAll(args);
        if (q.limit() > 0) {
            keys.append(" LIMIT ? OFFSET ?");
            selectArgs.add(q.limit());
            selectArgs.add(q.offset());
        } else if (q.offset() > 0) {
            keys.append(" LIMIT -1 OFFSET ?");
            selectArgs.add(q.offset());
        }
        String sql = COLUMNS + ", h.total FROM (" + keys + ") h JOIN tasks t ON t.task_id = h.task_id"
                + " JOIN projects p ON p.project_id = t.project_id" + order;
        long[] total = {-1};
        List<TaskView> page = db.list(sql, rs -> {
            total[0] = rs.getLong(28);
            return view(rs, now);
        }, selectArgs.toArray());
        if (total[0] < 0) {
            total[0] = searching && q.offset() == 0 ? 0 : db.count("SELECT count(*)" + countFrom + where, args.toArray());
        }
        List<TaskView> tasks = withRelations(page);
        return new TaskList(tasks, new Page(total[0], tasks.size(), q.limit(), q.offset()), new Scope(q.scopeAlias()), null);
    }

    /**
     * Whether every task with a hit is in the list, in rank order: then only the hits ranked at or above the page's last
     * row need their task row, and the count is the number of tasks hit.
     */
    private boolean onlyRanked(TaskQuery q) {
        return !q.filtersTasks() && (q.sort() == null || q.sort().equals("rank")) && !q.descending() && q.limit() > 0
                && (q.includeArchived() || db.count(SearchReader.ANY_ARCHIVED) == 0);
    }

    private TaskList bestMatches(String hits, List<Object> args, TaskQuery q, Instant now) {
        String sql = "WITH h AS MATERIALIZED (" + hits + "), cut AS (SELECT rank FROM h ORDER BY rank LIMIT 1 OFFSET ?) " + COLUMNS
                + ", (SELECT count(*) FROM h)" + FROM + " JOIN h ON h.task_id = t.task_id"
                + " WHERE h.rank <= coalesce((SELECT rank FROM cut), 9e999)" + order(q, true) + " LIMIT ? OFFSET ?";
        List<Object> all = new ArrayList<>(args);
        all.add(q.limit() + (long) q.offset() - 1);
        all.add(Timestamps.format(now));
        all.add(q.limit());
        all.add(q.offset());
        long[] total = {-1};
        List<TaskView> page = db.list(sql, rs -> {
            total[0] = rs.getLong(28);
            return view(rs, now);
        }, all.toArray());
        if (total[0] < 0) {
            total[0] = db.count("WITH h AS (" + hits + ") SELECT count(*) FROM h", args.toArray());
        }
        List<TaskView> tasks = withRelations(page);
        return new TaskList(tasks, new Page(total[0], tasks.size(), q.limit(), q.offset()), new Scope(q.scopeAlias()), null);
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static String order(TaskQuery q, boolean searching) {
        String sort = q.sort() == null ? (searching ? "rank" : "priority") : q.sort();
        String dir = q.descending() ? " DESC" : " ASC";
        return switch (sort) {
            case "created" -> " ORDER BY t.created_at" + dir + ", t.number" + dir;
            case "updated" -> " ORDER BY t.updated_at" + dir + ", t.number" + dir;
            case "ref" -> " ORDER BY t.number" + dir;
            case "title" -> " ORDER BY t.title COLLATE NOCASE" + dir + ", t.number ASC";
            case "due" -> " ORDER BY t.due_at IS NULL, t.due_at" + dir + ", t.number ASC";
            case "rank" -> searching ? " ORDER BY h.rank" + dir + ", t.updated_at DESC, t.number ASC"
                    : " ORDER BY t.priority ASC, t.number ASC";
            default -> " ORDER BY t.priority" + dir + ", t.number ASC";
        };
    }

    /** Maps a row of {@link #COLUMNS}; lease expiry is evaluated at {@code now}. */
    private TaskView view(ResultSet rs, Instant now) throws SQLException {
        String id = rs.getString(1);
        String claimKind = rs.getString(18);
        ClaimView claim = null;
        if (claimKind != null) {
            String expires = rs.getString(21);
            boolean expired = expires != null && !Instant.parse(expires).isAfter(now);
            claim = new ClaimView(new ActorView(claimKind, rs.getString(19)), rs.getString(20), expires, expired);
        }
        return new TaskView(id, "TASK-" + rs.getLong(2), rs.getLong(2), new ProjectRef(rs.getString(3), rs.getString(4), rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11),
                rs.getString(12), List.of(), rs.getString(13), rs.getString(14), rs.getString(15),
                new ActorView(rs.getString(16), rs.getString(17)), claim, List.of(), List.of(),
                rs.getInt(27) == 1, List.of(), rs.getString(22), rs.getString(23), rs.getString(24), rs.getString(25), rs.getLong(26));
    }

    /** Fills labels, blocked_by and blocks of a page of tasks with three statements. */
    private List<TaskView> withRelations(List<TaskView> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Object[] ids = tasks.stream().map(TaskView::id).toArray();
        String in = ReadyTasks.placeholders(ids.length);
        java.util.Map<String, List<String>> labels = grouped(LABELS.replace("IDS", in), ids, false);
        java.util.Map<String, List<String>> blockedBy = grouped(BLOCKED_BY.replace("IDS", in), ids, true);
        java.util.Map<String, List<String>> blocks = grouped(BLOCKS.replace("IDS", in), ids, true);
        List<TaskView> out = new ArrayList<>(tasks.size());
        for (TaskView t : tasks) {
            out.add(new TaskView(t.id(), t.ref(), t.number(), t.project(), t.title(), t.description(), t.type(), t.status(),
                    t.priority(), t.assignee(), t.dueAt(), labels.getOrDefault(t.id(), List.of()), t.source(), t.externalRef(),
                    t.projectPath(), t.actor(), t.claim(), blockedBy.getOrDefault(t.id(), List.of()),
                    blocks.getOrDefault(t.id(), List.of()), t.ready(), t.formerRefs(), t.createdAt(), t.updatedAt(),
                    t.completedAt(), t.archivedAt(), t.version()));
        }
        return out;
    }

    private java.util.Map<String, List<String>> grouped(String sql, Object[] ids, boolean refs) {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        db.each(sql, rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(refs ? "TASK-" + rs.getLong(2) : rs.getString(2));
            return null;
        }, ids);
        return out;
    }
}
