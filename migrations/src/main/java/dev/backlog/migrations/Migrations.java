package dev.backlog.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the numbered schema scripts under {@code db/} and records the schema version in
 * {@code PRAGMA user_version}. Scripts are append-only: a released script is never edited.
 * Not thread-safe; call inside the caller's write transaction.
 */
public final class Migrations {
    /** Scripts in order; script {@code i} brings the schema to version {@code i + 1}. */
    private static final List<String> SCRIPTS = List.of("V0001__core.sql", "V0002__context.sql");

    /** The schema version this binary writes. */
    public static final int CURRENT = SCRIPTS.size();

    private Migrations() {
    }

    /** The database's schema version (0 = empty database). */
    public static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Brings the database to {@link #CURRENT}. Returns the version found before.
     *
     * @throws SchemaTooNewException when the database was written by a newer release
     */
    public static int migrate(Connection c) throws SQLException {
        int found = version(c);
        if (found > CURRENT) {
            throw new SchemaTooNewException(found, CURRENT);
        }
        for (int v = found; v < CURRENT; v++) {
            try (Statement s = c.createStatement()) {
                for (String statement : statements(SCRIPTS.get(v))) {
                    s.execute(statement);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
            }
        }
        return found;
    }

    /** Splits a script on statement-ending semicolons, keeping trigger bodies ({@code BEGIN ... END;}) whole. */
    static List<String> statements(String resource) {
        String sql;
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            boolean ends = inTrigger ? upper.endsWith("END;") : trimmed.endsWith(";");
            if (ends) {
                out.add(current.toString());
                current.setLength(0);
                inTrigger = false;
            }
        }
        return out;
    }

    /** Names of the projection tables (everything but {@code events}), in dependency order for deletes. */
    public static final List<String> PROJECTION_TABLES = List.of(
            "search_index", "search_docs", "attachments", "memory_tags", "memory", "versions", "docs", "plans", "task_streams", "streams", "comments", "task_links", "task_labels", "labels",
            "tasks", "projects", "counters", "tombstones", "workspace");
}
