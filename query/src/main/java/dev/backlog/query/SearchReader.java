package dev.backlog.query;

import dev.backlog.projector.Db;
import dev.backlog.query.Views.*;
import dev.backlog.query.search.FtsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code search} (SPEC §7) across tasks, comments, plans, docs and memory: bm25 with title weight 5 and body 1,
 * ties by {@code updated_at} desc; snippets only for the rows of the page. Not thread-safe.
 */
final class SearchReader {
    /** bm25 may not sit inside an aggregate or a join the planner reorders: rank the hits in a materialized CTE. */
    private static final String HITS = """
            WITH m AS MATERIALIZED (
                SELECT rowid AS search_key, bm25(search_index, 5.0, 1.0) AS rank FROM search_index WHERE search_index MATCH ?)
            """;
    private static final String REF_HIT = """
            , r AS (SELECT d.search_key, -1e9 AS rank FROM search_docs d JOIN tasks t ON t.task_id = d.entity_id
                    WHERE d.kind = 'task' AND t.number = ?)
            , h AS (SELECT search_key, min(rank) AS rank FROM (SELECT * FROM m UNION ALL SELECT * FROM r) GROUP BY search_key)
            """;
    private static final String NO_REF = ", h AS (SELECT search_key, rank FROM m)\n";
    /**
     * The hits left by the scope filters, before any join the page needs: the filters are lookups in the small
     * sets of archived tasks and projects, so a common term costs one {@code search_docs} read per hit.
     */
    private static final String IN_SCOPE = """
            , f AS MATERIALIZED (SELECT h.search_key, h.rank FROM h JOIN search_docs d ON d.search_key = h.search_key
            """;
    /** Every hit is in scope when nothing is archived and no project or kind is asked for. */
    private static final String ALL_HITS = ", f AS MATERIALIZED (SELECT search_key, rank FROM h)\n";
    static final String ANY_ARCHIVED = """
            SELECT EXISTS (SELECT 1 FROM projects WHERE archived_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM tasks WHERE archived_at IS NOT NULL)
            """;
    /** Only hits ranked at or above the page's last row can be on the page; ties at the cut are sorted below. */
    private static final String CUT = """
            , cut AS (SELECT rank FROM f ORDER BY rank LIMIT 1 OFFSET ?)
            """;
    private static final String BODY = """
            FROM f h JOIN search_docs d ON d.search_key = h.search_key
            JOIN projects p ON p.project_id = d.project_id
            LEFT JOIN tasks t ON t.task_id = d.task_id
            LEFT JOIN comments c ON d.kind = 'comment' AND c.comment_id = d.entity_id
            LEFT JOIN plans pl ON d.kind = 'plan' AND pl.plan_id = d.entity_id
            LEFT JOIN versions pv ON pv.owner_id = pl.plan_id AND pv.version = pl.current_version
            LEFT JOIN docs dc ON d.kind = 'doc' AND dc.doc_id = d.entity_id
            LEFT JOIN versions dv ON dv.owner_id = dc.doc_id AND dv.version = dc.current_version
            LEFT JOIN memory me ON d.kind = 'memory' AND me.memory_id = d.entity_id
            """;
    private static final String UPDATED = """
            CASE d.kind WHEN 'task' THEN t.updated_at WHEN 'comment' THEN c.created_at WHEN 'plan' THEN pl.updated_at \
            WHEN 'doc' THEN dc.updated_at ELSE me.updated_at END""";
    private static final String COLUMNS = """
            SELECT d.search_key, d.kind, d.entity_id, d.task_id, t.number, d.project_id, p.alias,
                   CASE d.kind WHEN 'task' THEN t.title WHEN 'comment' THEN t.title WHEN 'plan' THEN pv.title
                               WHEN 'doc' THEN dv.title ELSE substr(me.body, 1, 80) END,
                   h.rank,\s""" + UPDATED + ", (SELECT count(*) FROM f)\n";
    private static final String COUNT = "SELECT count(*) FROM f";
    private static final String SNIPPET = """
            SELECT snippet(search_index, -1, '«', '»', '…', 32) FROM search_index WHERE search_index MATCH ? AND rowid = ?
            """;
    private static final Pattern REF = Pattern.compile("(?i)(?:task-)?(\\d{1,18})");
    public static final List<String> KINDS = List.of("task", "comment", "plan", "doc", "memory");

    private final Db db;

    SearchReader(Db db) {
        this.db = db;
    }

    SearchResults search(String query, String projectId, List<String> kinds, boolean includeArchived, int limit, int offset) {
        String fts = FtsQuery.compile(query);
        List<Object> args = new ArrayList<>();
        args.add(fts);
        StringBuilder with = new StringBuilder(HITS);
        Matcher ref = REF.matcher(query.strip());
        if (ref.matches()) {
            with.append(REF_HIT);
            args.add(Long.parseLong(ref.group(1)));
        } else {
            with.append(NO_REF);
        }
        if (projectId == null && (kinds == null || kinds.isEmpty()) && (includeArchived || db.count(ANY_ARCHIVED) == 0)) {
            // the filters could not drop a row, and reading search_docs for every hit of a common term costs as much as bm25
            with.append(ALL_HITS);
        } else {
            // the same rows the joins of BODY keep: a search doc always has its project; archived rows are left out
            with.append(IN_SCOPE).append(includeArchived ? " WHERE d.project_id IN (SELECT project_id FROM projects)"
                    : " WHERE d.project_id IN (SELECT project_id FROM projects WHERE archived_at IS NULL)"
                    + " AND (d.task_id IS NULL OR d.task_id NOT IN (SELECT task_id FROM tasks WHERE archived_at IS NOT NULL))");
            if (projectId != null) {
                with.append(" AND d.project_id = ?");
                args.add(projectId);
            }
            dev.backlog.projector.ReadyTasks.in(with, args, "d.kind", kinds);
            with.append(")\n");
        }
        String where = "";
        if (limit > 0) {
            with.append(CUT);
            args.add(limit + (long) offset - 1);
            where = " WHERE h.rank <= coalesce((SELECT rank FROM cut), 9e999)";
        }
        String sql = with + COLUMNS + BODY + where + " ORDER BY h.rank, " + UPDATED + " DESC, d.search_key LIMIT ? OFFSET ?";
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit <= 0 ? -1 : limit);
        pageArgs.add(offset);
        List<Object[]> rows = db.list(sql, rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9),
                rs.getString(10), rs.getLong(11)}, pageArgs.toArray());
        // the count rides along with the page; past the last page there is no row to carry it
        long total = rows.isEmpty() ? db.count(with + COUNT, args.toArray()) : (Long) rows.get(0)[10];
        List<SearchResult> results = new ArrayList<>();
        for (Object[] r : rows) {
            String snippet = db.one(SNIPPET, rs -> rs.getString(1), fts, r[0]).orElse("");
            results.add(new SearchResult((String) r[1], (String) r[2], r[4] == null ? null : "TASK-" + r[4], (String) r[3],
                    new ProjectKey((String) r[5], (String) r[6]), (String) r[7], snippet, (Double) r[8], (String) r[9]));
        }
        return new SearchResults(results, new Page(total, results.size(), limit, offset));
    }
}
