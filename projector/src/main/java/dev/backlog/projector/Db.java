package dev.backlog.projector;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A thin JDBC binder over one SQLite connection: caches prepared statements and is the one place where
 * {@link SQLException} becomes a {@link BacklogException} ({@code WORKSPACE_BUSY} or {@code INTERNAL}).
 * SQL text lives as constants in the classes that own it. Not thread-safe: one {@code Db} per thread.
 */
public final class Db implements AutoCloseable {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final long busyTimeoutMs;
    private boolean batch;

    public Db(Connection connection, long busyTimeoutMs) {
        this.connection = connection;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    public Connection connection() {
        return connection;
    }

    public long busyTimeoutMs() {
        return busyTimeoutMs;
    }

    /** Whether a {@link Transactions#batch} is open on this connection (its commands run as savepoints). */
    public boolean inBatch() {
        return batch;
    }

    void batch(boolean open) {
        batch = open;
    }

    public int update(String sql, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Streams rows to a consumer without collecting them (for replays over the whole log). */
    public void each(String sql, Row<Void> row, Object... args) {
        try {
            PreparedStatement ps = connection.prepareStatement(sql);
            try (ps) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.map(rs);
                    }
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> all = list(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    public long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    public String string(String sql, Object... args) {
        return one(sql, rs -> rs.getString(1), args).orElse(null);
    }

    /** Runs a statement that is not cached (pragmas, transaction control, DDL of tests). */
    public void execute(String sql) {
        try (var s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        bind(ps, args);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /**
     * Copies the main database into {@code file} with SQLite's online backup API, reading through this connection
     * (inside a read transaction of the caller the copy is that transaction's snapshot).
     */
    public void backupTo(java.nio.file.Path file) {
        try {
            int rc = connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().backup("main", file.toString(), null);
            if (rc != 0) {
                throw new BacklogException(ErrorCode.INTERNAL, "backup to " + file + " failed (SQLite code " + rc + ")");
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The single SQLException boundary. */
    public BacklogException translate(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
            return new BacklogException(ErrorCode.WORKSPACE_BUSY,
                    "workspace is busy: the write lock was not obtained within " + busyTimeoutMs + " ms",
                    Map.of("timeout_ms", busyTimeoutMs), e);
        }
        return new BacklogException(ErrorCode.INTERNAL, "database error: " + msg, Map.of(), e);
    }

    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing a statement of a connection that is going away cannot be acted upon
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the process is about to exit or the connection is already broken
        }
    }
}
