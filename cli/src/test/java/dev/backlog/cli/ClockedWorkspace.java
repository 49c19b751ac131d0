package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.ContextService;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import java.nio.file.Path;

/**
 * A workspace with project {@code api} (the default) made through the CLI, plus the services over it on a
 * {@link MovableClock}, for tests of reports whose rules depend on time passing (leases, staleness, lead time).
 */
final class ClockedWorkspace implements AutoCloseable {
    final CliRunner cli;
    final Db db;
    final MovableClock clock = new MovableClock();

    ClockedWorkspace(Path dir) {
        cli = new CliRunner(dir);
        assertThat(cli.run("init", "--json").exit()).isZero();
        assertThat(cli.run("project", "add", "--alias", "api", "API").exit()).isZero();
        assertThat(cli.run("project", "set-default", "api").exit()).isZero();
        db = WorkspaceDatabase.open(dir.resolve(WorkspaceDatabase.FILE), 5000);
    }

    CommandService as(String actor) {
        return new CommandService(db, Settings.defaults(), clock, Actor.parse(actor));
    }

    ContextService context(String actor) {
        return new ContextService(db, Settings.defaults(), clock, Actor.parse(actor));
    }

    /** A task in {@code api} by {@code human:pm}; {@code type == null} is the default type. Returns its ref. */
    String add(String title, String type) {
        return as("human:pm").addTask(new NewTask("api", title, null, type, null, null, null, null, null, null, null, null, null)).ref();
    }

    QueryService queries() {
        return new QueryService(db, clock);
    }

    @Override
    public void close() {
        db.close();
    }
}
