package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backlog doctor backup} (SPEC §12.3). */
class DoctorBackupIT {
    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void workspace() {
        cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "API", "--alias", "api");
        cli.json("project", "set-default", "api");
        cli.json("task", "add", "-t", "Keep me", "--label", "x");
    }

    @Test
    void theBackupIsAVerifiedStandaloneCopyOfTheWorkspace() throws Exception {
        JsonNode r = cli.json("doctor", "backup");
        Path backup = Path.of(r.get("path").asText());
        assertThat(backup.getParent()).isEqualTo(dir.resolve("backups").toRealPath());
        assertThat(backup.getFileName().toString()).matches("backlog-\\d{8}T\\d{6}Z\\.db");
        assertThat(r.get("bytes").asLong()).isEqualTo(Files.size(backup));
        assertThat(r.get("attachments_copied").asLong()).isZero();
        JsonNode verify = cli.json("activity", "verify");
        assertThat(r.get("events").asLong()).isEqualTo(verify.get("events").asLong());
        assertThat(r.get("head_hash").asText()).isEqualTo(verify.get("head_hash").asText());

        JsonNode copy = cli.json("activity", "verify", "--db", backup.toString());
        assertThat(copy.get("head_hash").asText()).isEqualTo(r.get("head_hash").asText());
        assertThat(cli.json("task", "list", "--db", backup.toString()).get("tasks").get(0).get("title").asText()).isEqualTo("Keep me");
        try (Stream<Path> files = Files.list(backup.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary, -wal or -shm files left")
                    .containsExactly(backup.getFileName().toString());
        }
    }

    @Test
    void anExistingTargetNeedsForce() throws Exception {
        Path target = dir.resolve("out/copy.db");
        assertThat(cli.json("doctor", "backup", "--to", "out/copy.db").get("path").asText()).isEqualTo(target.toString());
        cli.json("task", "add", "-t", "Second");
        CliRunner.Result again = cli.run("doctor", "backup", "--to", "out/copy.db", "--json");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.errorJson().get("code").asText()).isEqualTo("TARGET_EXISTS");
        assertThat(cli.json("task", "list", "--db", target.toString()).get("tasks")).hasSize(1); // untouched
        cli.json("doctor", "backup", "--to", "out/copy.db", "--force");
        assertThat(cli.json("task", "list", "--db", target.toString()).get("tasks")).hasSize(2);
    }

    @Test
    void withAttachmentsTheBlobStoreIsCopiedBesideTheBackup() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "attachment bytes\n");
        JsonNode a = cli.json("attachment", "add", "notes.txt", "--task", "TASK-1");
        JsonNode r = cli.json("doctor", "backup", "--to", "b.db", "--with-attachments");
        assertThat(r.get("attachments_copied").asLong()).isEqualTo(1);
        String sha = a.get("sha256").asText();
        Path blob = dir.resolve("b.db.attachments/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(blob).hasContent("attachment bytes\n");
        CliRunner.Result exists = cli.run("doctor", "backup", "--to", "b2.db", "--with-attachments", "--json");
        assertThat(exists.exit()).isZero();
        Files.createDirectories(dir.resolve("b3.db.attachments"));
        assertThat(cli.run("doctor", "backup", "--to", "b3.db", "--with-attachments", "--json").errorJson().get("code").asText())
                .isEqualTo("TARGET_EXISTS");
    }

    @Test
    void backupsTakenWhileAnotherProcessWritesAreConsistent() throws Exception {
        ProcessCli writers = new ProcessCli(dir, Files.createDirectories(dir.resolve("scratch")));
        List<ProcessCli.Running> running = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            running.add(writers.start("task", "add", "-t", "while backing up " + w, "--json"));
        }
        List<JsonNode> backups = new ArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 8; i++) {
                writers.run("task", "add", "-t", "concurrent " + i, "--label", "c", "--json");
            }
        });
        writer.start();
        for (int i = 0; i < 4; i++) {
            backups.add(cli.json("doctor", "backup", "--to", "concurrent-" + i + ".db"));
        }
        writer.join(120_000);
        running.forEach(r -> assertThat(r.await().exit()).isZero());
        for (JsonNode b : backups) {
            JsonNode copy = cli.json("activity", "verify", "--db", b.get("path").asText());
            assertThat(copy.get("events").asLong()).isEqualTo(b.get("events").asLong());
            assertThat(copy.get("head_hash").asText()).isEqualTo(b.get("head_hash").asText());
            assertThat(cli.run("doctor", "check", "--db", b.get("path").asText(), "--json").exit()).isZero();
        }
    }
}
