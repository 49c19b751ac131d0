package dev.backlog.projector;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An ordered dump of every projection table, keyed by primary key, and the comparison of two dumps: how
 * {@code doctor rebuild} and {@code doctor check} prove that replaying the events gives the live tables.
 */
public final class Snapshot {
    /** Per table: the SELECT that dumps it, the first {@code keyColumns} columns forming the key. */
    private record Table(String name, String select, int keyColumns) {}

    private static final List<Table> TABLES = List.of(
            new Table("workspace", "SELECT * FROM workspace", 1),
            new Table("tombstones", "SELECT * FROM tombstones", 1),
            new Table("counters", "SELECT * FROM counters", 1),
            new Table("projects", "SELECT * FROM projects", 1),
            new Table("tasks", "SELECT * FROM tasks", 1),
            new Table("labels", "SELECT * FROM labels", 1),
            new Table("task_labels", "SELECT * FROM task_labels", 2),
            new Table("task_links", "SELECT * FROM task_links", 2),
            new Table("comments", "SELECT * FROM comments", 1),
            new Table("task_streams", "SELECT * FROM task_streams", 2),
            new Table("streams", "SELECT * FROM streams", 1),
            new Table("plans", "SELECT * FROM plans", 1),
            new Table("docs", "SELECT * FROM docs", 1),
            new Table("versions", "SELECT * FROM versions", 2),
            new Table("memory", "SELECT * FROM memory", 1),
            new Table("memory_tags", "SELECT * FROM memory_tags", 2),
            new Table("attachments", "SELECT * FROM attachments", 1),
            new Table("search_docs", "SELECT * FROM search_docs", 1),
            new Table("search_index", "SELECT rowid AS rowid_key, title, body FROM search_index", 1));

    public record TableDiff(String name, long rows, long differences) {}

    public record Difference(String table, String key, String column, Object before, Object after) {}

    public record Comparison(List<TableDiff> tables, List<Difference> differences, long totalDifferences) {
        public boolean identical() {
            return totalDifferences == 0;
        }
    }

    private final Map<String, TreeMap<String, Map<String, Object>>> tables;

    private Snapshot(Map<String, TreeMap<String, Map<String, Object>>> tables) {
        this.tables = tables;
    }

    public static Snapshot of(Db db) {
        Map<String, TreeMap<String, Map<String, Object>>> out = new LinkedHashMap<>();
        for (Table t : TABLES) {
            TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
            db.each(t.select(), rs -> {
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Integer n) {
                        v = n.longValue();
                    }
                    row.put(md.getColumnLabel(i), v);
                    if (i <= t.keyColumns()) {
                        key.append(i > 1 ? "|" : "").append(v);
                    }
                }
                rows.put(key.toString(), row);
                return null;
            });
            out.put(t.name(), rows);
        }
        return new Snapshot(out);
    }

    /** Differences from {@code this} (before) to {@code after}; at most {@code max} are listed. */
    public Comparison compare(Snapshot after, int max) {
        List<TableDiff> summary = new ArrayList<>();
        List<Difference> diffs = new ArrayList<>();
        long total = 0;
        for (Table t : TABLES) {
            TreeMap<String, Map<String, Object>> b = tables.get(t.name());
            TreeMap<String, Map<String, Object>> a = after.tables.get(t.name());
            long n = 0;
            java.util.TreeSet<String> keys = new java.util.TreeSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (String key : keys) {
                Map<String, Object> rb = b.get(key);
                Map<String, Object> ra = a.get(key);
                if (rb == null || ra == null) {
                    n++;
                    if (diffs.size() < max) {
                        diffs.add(new Difference(t.name(), key, "*", rb == null ? null : "present", ra == null ? null : "present"));
                    }
                    continue;
                }
                for (String col : rb.keySet()) {
                    if (!Objects.equals(rb.get(col), ra.get(col))) {
                        n++;
                        if (diffs.size() < max) {
                            diffs.add(new Difference(t.name(), key, col, rb.get(col), ra.get(col)));
                        }
                    }
                }
            }
            total += n;
            summary.add(new TableDiff(t.name(), a.size(), n));
        }
        return new Comparison(summary, diffs, total);
    }
}
