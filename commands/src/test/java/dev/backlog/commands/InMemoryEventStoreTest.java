package dev.backlog.commands;

import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;

/** The contract on an in-memory SQLite database. */
class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected Db newDatabase() {
        return WorkspaceDatabase.create("jdbc:sqlite::memory:", 1000);
    }
}
