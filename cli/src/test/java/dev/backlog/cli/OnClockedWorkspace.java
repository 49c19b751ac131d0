package dev.backlog.cli;

import dev.backlog.commands.CommandService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the report tests: a fresh {@link ClockedWorkspace} per test, closed after it. */
abstract class OnClockedWorkspace {
    @TempDir Path dir;
    ClockedWorkspace w;
    CliRunner cli;
    MovableClock clock;

    @BeforeEach
    void workspace() {
        w = new ClockedWorkspace(dir);
        cli = w.cli;
        clock = w.clock;
    }

    @AfterEach
    void close() {
        w.close();
    }

    CommandService as(String actor) {
        return w.as(actor);
    }
}
