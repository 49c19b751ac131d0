package dev.backlog.commands;

import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The contract on a WAL database file, the way workspaces are stored. */
class SqliteEventStoreIT extends EventStoreContract {
    @Override
    protected Db newDatabase() {
        try {
            Path dir = Files.createTempDirectory("backlog-tck");
            Path file = dir.resolve("backlog.db");
            WorkspaceDatabase.create("jdbc:sqlite:" + file, 1000).close();
            return WorkspaceDatabase.open(file, 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
