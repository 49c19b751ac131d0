package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} (SPEC §12.6): the three formats, scope, archived entities, blobs and the -o file rules. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportIT {
    @TempDir Path dir;
    private CliRunner cli;

    @BeforeEach
    void workspace() throws Exception {
        cli = new CliRunner(dir);
        cli.run("init");
        cli.run("project", "add", "--alias", "api", "API");
        cli.run("project", "add", "--alias", "web", "Web");
        cli.run("project", "set-default", "api");
        cli.run("task", "add", "-t", "Fix, \"quoted\" login", "-d", "line one\nline two", "--label", "auth", "--label", "bug", "--priority", "P1");
        cli.run("task", "add", "-t", "Old work");
        cli.run("task", "archive", "TASK-2");
        cli.run("task", "add", "-p", "web", "-t", "Web task");
        cli.run("plan", "add", "--task", "TASK-1", "--title", "Approach", "--content", "Reproduce first");
        cli.run("comment", "add", "Fixed it", "--task", "TASK-1");
        cli.run("doc", "add", "--title", "Runbook", "--content", "Restart");
        cli.run("memory", "add", "Use WAL");
        Files.writeString(dir.resolve("note.txt"), "attached bytes");
        assertThat(cli.run("attachment", "add", "note.txt", "--task", "TASK-1").exit()).isZero();
    }

    @Test
    void the_json_dump_holds_every_envelope_in_seq_order_and_a_snapshot_of_live_entities() {
        JsonNode d = cli.run("export").json();
        assertThat(d.get("format").asText()).isEqualTo("backlog-export");
        assertThat(d.get("format_version").asInt()).isEqualTo(1);
        JsonNode events = d.get("events");
        JsonNode activity = cli.run("activity", "--limit", "1", "--json").json();
        assertThat(events).hasSize(activity.at("/events/0/seq").asInt());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("seq").asInt()).isEqualTo(i + 1);
        }
        JsonNode last = events.get(events.size() - 1);
        assertThat(d.at("/head/hash").asText()).isEqualTo(last.get("hash").asText());
        assertThat(last.get("payload").isObject()).isTrue();
        assertThat(d.get("workspace").has("workspace_id")).isTrue();
        assertThat(d.get("tasks")).extracting(t -> t.get("ref").asText()).containsExactlyInAnyOrder("TASK-1", "TASK-3");
        assertThat(d.get("tasks").get(0).get("plans")).hasSize(1);
        assertThat(d.get("docs")).hasSize(1);
        assertThat(d.get("memory")).hasSize(1);
        assertThat(d.get("blobs").isEmpty()).isTrue();
        JsonNode archived = cli.run("export", "--include-archived").json();
        assertThat(archived.get("tasks")).hasSize(3);
        assertThat(archived.get("events")).hasSameSizeAs(events);
    }

    @Test
    void a_project_export_has_only_that_projects_streams_and_blobs_on_request() {
        JsonNode d = cli.run("export", "-p", "web", "--with-attachments").json();
        assertThat(d.get("projects")).extracting(p -> p.get("alias").asText()).containsExactly("web");
        assertThat(d.get("tasks")).extracting(t -> t.get("ref").asText()).containsExactly("TASK-3");
        assertThat(d.get("events")).allMatch(e -> !e.get("type").asText().equals("WorkspaceCreated"));
        assertThat(d.get("events")).extracting(e -> e.get("type").asText()).contains("ProjectCreated", "TaskCreated").doesNotContain("PlanAdded");
        assertThat(d.get("blobs").isEmpty()).isTrue();
        JsonNode api = cli.run("export", "-p", "api", "--with-attachments").json();
        assertThat(api.get("blobs")).hasSize(1);
        String blob = api.get("blobs").elements().next().asText();
        assertThat(new String(Base64.getDecoder().decode(blob), StandardCharsets.UTF_8)).isEqualTo("attached bytes");
    }

    @Test
    void csv_is_rfc_4180_with_the_documented_header_and_markdown_has_the_documented_headings() {
        String csv = cli.run("export", "--format", "csv").out();
        assertThat(csv).startsWith("ref,id,project,title,type,status,priority,assignee,labels,due_at,claimed_by,created_by,"
                + "created_at,updated_at,completed_at,archived_at,source,external_ref,description\r\n");
        assertThat(csv).contains("TASK-1,").contains(",\"Fix, \"\"quoted\"\" login\",").contains(",P1,").contains(",auth;bug,")
                .contains("\"line one\nline two\"\r\n").doesNotContain("TASK-2,");
        assertThat(csv.split("\r\n")).hasSize(3);
        String md = cli.run("export", "--format", "md").out();
        assertThat(md).startsWith("# Backlog Export\n").contains("\n## API (api)\n").contains("\n### TASK-1 [P1][todo] Fix, \"quoted\" login\n")
                .contains("Reproduce first").contains("Fixed it").contains("\n## Web (web)\n");
    }

    @Test
    void an_output_file_is_written_whole_and_never_overwritten_without_force() throws Exception {
        CliRunner.Result r = cli.run("export", "-o", "out/backup.json", "--json");
        assertThat(r.exit()).isZero();
        Path file = dir.resolve("out/backup.json");
        assertThat(r.json().get("path").asText()).isEqualTo(file.toString());
        assertThat(r.json().get("format").asText()).isEqualTo("json");
        assertThat(r.json().get("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(Json.MAPPER.readTree(file.toFile()).get("format").asText()).isEqualTo("backlog-export");
        CliRunner.Result again = cli.run("export", "-o", "out/backup.json", "--format", "csv", "--json");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.errorJson().get("code").asText()).isEqualTo("TARGET_EXISTS");
        assertThat(cli.run("export", "-o", "out/backup.json", "--format", "csv", "--force").exit()).isZero();
        assertThat(Files.readString(file)).startsWith("ref,id,");
        CliRunner.Result bad = cli.run("export", "--format", "xml", "-o", "never.xml", "--json");
        assertThat(bad.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(dir.resolve("never.xml")).doesNotExist();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("backup.json");
        }
        assertThat(cli.run("export", "-p", "nope", "--json").errorJson().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
    }
}
