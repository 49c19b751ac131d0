package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor rebuild} (SPEC §12.2) when a projection drifted from the events: the digests differ, so the report
 * lists the row-level difference, and the rebuilt tables are the events' again.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RebuildDriftIT {

    @Test
    void a_tampered_row_is_reported_by_a_dry_run_and_repaired_by_a_rebuild(@TempDir Path dir) throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("task", "add", "-p", "api", "-t", "Original title");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("backlog.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tasks SET title = 'Tampered' WHERE number = 1");
        }
        for (String[] args : new String[][] {{"doctor", "rebuild", "--dry-run"}, {"doctor", "rebuild"}}) {
            JsonNode r = cli.json(args);
            assertThat(r.get("identical").asBoolean()).as(r.toString()).isFalse();
            assertThat(r.toString()).contains("Tampered").contains("Original title");
        }
        assertThat(cli.json("doctor", "rebuild").get("identical").asBoolean()).isTrue();
        assertThat(cli.json("task", "show", "TASK-1").get("title").asText()).isEqualTo("Original title");
    }
}
