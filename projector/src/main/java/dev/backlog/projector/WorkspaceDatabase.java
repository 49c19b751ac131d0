package dev.backlog.projector;

import dev.backlog.migrations.Migrations;
import dev.backlog.migrations.SchemaTooNewException;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Opens {@code backlog.db} with the connection settings of SPEC §5.1 (WAL, synchronous=FULL, foreign keys,
 * busy timeout), refuses files that are not backlog databases or are newer than this binary, and migrates
 * older ones. Connections stay in autocommit mode; transactions are explicit statements (see {@link Transactions}).
 */
public final class WorkspaceDatabase {
    public static final String FILE = "backlog.db";

    private WorkspaceDatabase() {
    }

    /** Opens an existing workspace database. */
    public static Db open(Path dbFile, long busyTimeoutMs) {
        if (!Files.isRegularFile(dbFile)) {
            throw new BacklogException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace database at " + dbFile,
                    Map.of("path", dbFile.toString()));
        }
        Db db = connect("jdbc:sqlite:" + dbFile, busyTimeoutMs, false);
        try {
            int version = schemaVersion(db, dbFile);
            // only now that the file is known to be ours may a pragma change it (WAL is persistent in the file)
            db.execute("PRAGMA journal_mode = WAL");
            if (version < Migrations.CURRENT) {
                Transactions.write(db, () -> {
                    migrate(db);
                    return null;
                });
            }
            return db;
        } catch (SQLException e) {
            db.close();
            throw BacklogException.invalid("db", dbFile.toString(), dbFile + " is not a backlog database");
        }
    }

    /**
     * Opens a backlog database read-only, as it is: never migrated, no pragma written (backup verification; sources
     * of an import). A newer schema is {@code WORKSPACE_TOO_NEW}.
     */
    public static Db openReadOnly(Path dbFile) {
        if (!Files.isRegularFile(dbFile)) {
            throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "no database at " + dbFile, Map.of("path", dbFile.toString()));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Db db = null;
        try {
            Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dbFile, config.toProperties());
            db = new Db(c, 0);
            schemaVersion(db, dbFile);
            return db;
        } catch (SQLException e) {
            if (db != null) {
                db.close();
            }
            throw BacklogException.invalid("db", dbFile.toString(), dbFile + " is not a backlog database: " + e.getMessage());
        }
    }

    /**
     * Switches a database file (a fresh backup copy, which inherits the source's WAL flag) to a rollback journal, so
     * the file stands alone: no {@code -wal} / {@code -shm} files appear beside it when it is opened.
     */
    public static void useRollbackJournal(Path dbFile) {
        try (Db db = connect("jdbc:sqlite:" + dbFile, 0, false)) {
            db.execute("PRAGMA journal_mode = DELETE");
        }
    }

    /** Creates the schema in a new (empty) database; used by {@code init} and scratch databases. */
    public static Db create(String url, long busyTimeoutMs) {
        Db db = connect(url, busyTimeoutMs, true);
        migrate(db);
        return db;
    }

    static void migrate(Db db) {
        try {
            Migrations.migrate(db.connection());
        } catch (SchemaTooNewException e) {
            throw tooNew(e.found());
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    /** The schema version of a backlog database; closes {@code db} and throws when it is none, or a newer one. */
    private static int schemaVersion(Db db, Path dbFile) throws SQLException {
        int version = Migrations.version(db.connection());
        if (version == 0 || !hasEvents(db)) {
            db.close();
            throw BacklogException.invalid("db", dbFile.toString(), dbFile + " is not a backlog database");
        }
        if (version > Migrations.CURRENT) {
            db.close();
            throw tooNew(version);
        }
        return version;
    }

    private static boolean hasEvents(Db db) {
        return db.count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'") == 1;
    }

    private static BacklogException tooNew(int found) {
        return new BacklogException(ErrorCode.WORKSPACE_TOO_NEW,
                "this workspace was written by a newer backlog (schema " + found + "; this binary supports " + Migrations.CURRENT + ")",
                Map.of("schema_version", found, "supported", Migrations.CURRENT));
    }

    private static Db connect(String url, long busyTimeoutMs, boolean wal) {
        SQLiteConfig config = new SQLiteConfig();
        if (wal) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeoutMs));
        // 32 MiB instead of 2: a common search term or a rebuild touches more pages than the default holds;
        // the cache grows only as pages are read, so a short CLI call pays nothing for it
        config.setCacheSize(-32 * 1024);
        Properties props = config.toProperties();
        try {
            Connection c = new org.sqlite.JDBC().connect(url, props);
            if (c == null) {
                throw new BacklogException(ErrorCode.INTERNAL, "cannot open " + url);
            }
            return new Db(c, busyTimeoutMs);
        } catch (SQLException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("SQLITE_BUSY") || msg.contains("locked")) {
                throw new BacklogException(ErrorCode.WORKSPACE_BUSY, "workspace is busy", Map.of("timeout_ms", busyTimeoutMs), e);
            }
            if (msg.contains("NOTADB") || msg.contains("not a database")) {
                throw BacklogException.invalid("db", url, url.replace("jdbc:sqlite:", "") + " is not a backlog database");
            }
            throw new BacklogException(ErrorCode.INTERNAL, "cannot open the workspace database: " + msg, Map.of(), e);
        }
    }
}
