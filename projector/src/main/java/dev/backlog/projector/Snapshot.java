package dev.backlog.projector;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

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

    /** One table's rows by key; values in column order (compact: a rebuild dumps hundreds of thousands of rows). */
    private record Rows(String[] columns, Map<String, Object[]> byKey) {}

    private final Map<String, Rows> tables;

    private Snapshot(Map<String, Rows> tables) {
        this.tables = tables;
    }

    public static Snapshot of(Db db) {
        Map<String, Rows> out = new LinkedHashMap<>();
        for (Table t : TABLES) {
            Map<String, Object[]> rows = new HashMap<>();
            String[][] columns = {null};
            db.each(t.select(), rs -> {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                if (columns[0] == null) {
                    columns[0] = new String[n];
                    for (int i = 1; i <= n; i++) {
                        columns[0][i - 1] = md.getColumnLabel(i);
                    }
                }
                Object[] values = new Object[n];
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    values[i - 1] = v instanceof Integer x ? (Object) x.longValue() : v;
                    if (i <= t.keyColumns()) {
                        key.append(i > 1 ? "|" : "").append(v);
                    }
                }
                rows.put(key.toString(), values);
                return null;
            });
            out.put(t.name(), new Rows(columns[0] == null ? new String[0] : columns[0], rows));
        }
        return new Snapshot(out);
    }

    /** Differences from {@code this} (before) to {@code after}; at most {@code max} are listed, in key order. */
    public Comparison compare(Snapshot after, int max) {
        List<TableDiff> summary = new ArrayList<>();
        List<Difference> diffs = new ArrayList<>();
        long total = 0;
        for (Table t : TABLES) {
            Rows b = tables.get(t.name());
            Rows a = after.tables.get(t.name());
            String[] columns = b.columns().length > 0 ? b.columns() : a.columns();
            TreeSet<String> differing = new TreeSet<>();
            for (Map.Entry<String, Object[]> e : b.byKey().entrySet()) {
                if (!Arrays.equals(e.getValue(), a.byKey().get(e.getKey()))) {
                    differing.add(e.getKey());
                }
            }
            for (String key : a.byKey().keySet()) {
                if (!b.byKey().containsKey(key)) {
                    differing.add(key);
                }
            }
            long n = 0;
            for (String key : differing) {
                Object[] rb = b.byKey().get(key);
                Object[] ra = a.byKey().get(key);
                if (rb == null || ra == null) {
                    n++;
                    if (diffs.size() < max) {
                        diffs.add(new Difference(t.name(), key, "*", rb == null ? null : "present", ra == null ? null : "present"));
                    }
                    continue;
                }
                for (int i = 0; i < rb.length; i++) {
                    if (!Objects.equals(rb[i], ra[i])) {
                        n++;
                        if (diffs.size() < max) {
                            diffs.add(new Difference(t.name(), key, columns[i], rb[i], ra[i]));
                        }
                    }
                }
            }
            total += n;
            summary.add(new TableDiff(t.name(), a.byKey().size(), n));
        }
        return new Comparison(summary, diffs, total);
    }
}
