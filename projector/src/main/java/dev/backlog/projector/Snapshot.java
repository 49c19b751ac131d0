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

    /**
     * A table's row count and an order-independent 128-bit sum of its rows' hashes: what {@code doctor rebuild} compares
     * first, so that an identical rebuild keeps no rows in memory.
     */
    public record TableDigest(String name, long rows, long sum1, long sum2) {}

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

    /** The digests of every projection table, in the order of the full comparison. */
    public static List<TableDigest> digest(Db db) {
        List<TableDigest> out = new ArrayList<>();
        for (Table t : TABLES) {
            long[] acc = new long[3];
            db.each(t.select(), rs -> {
                int n = rs.getMetaData().getColumnCount();
                long h1 = 0x9E3779B97F4A7C15L;
                long h2 = 0xC2B2AE3D27D4EB4FL;
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    long x = v == null ? 0x5BD1E995L : v instanceof Number num && !(v instanceof Double) ? num.longValue()
                            : v instanceof Double d ? Double.doubleToLongBits(d) ^ 0x2545F4914F6CDD1DL : text(v);
                    h1 = mix(h1 ^ x, 0xBF58476D1CE4E5B9L);
                    h2 = mix(h2 + x, 0x94D049BB133111EBL);
                }
                acc[0]++;
                acc[1] += mix(h1, 0xFF51AFD7ED558CCDL);
                acc[2] += mix(h2, 0xC4CEB9FE1A85EC53L);
                return null;
            });
            out.add(new TableDigest(t.name(), acc[0], acc[1], acc[2]));
        }
        return out;
    }

    /** The comparison an equal pair of digests stands for: every table identical. */
    public static Comparison identical(List<TableDigest> digests) {
        return new Comparison(digests.stream().map(d -> new TableDiff(d.name(), d.rows(), 0)).toList(), List.of(), 0);
    }

    private static long text(Object v) {
        String s = v instanceof byte[] b ? "B" + java.util.HexFormat.of().formatHex(b) : "S" + v;
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h + s.length(), 0xD6E8FEB86659FD93L);
    }

    private static long mix(long x, long k) {
        x = (x ^ (x >>> 30)) * k;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
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
