package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backlog import-findings} (SPEC §6.4) through the CLI. */
class ImportFindingsIT {
    private static final String FINDINGS = """
            {"version": 1, "project": "api", "source": "semgrep", "items": [
              {"title": "SQL injection in search", "type": "vulnerability", "priority": "P1", "external_ref": "rule-1:Search.java:10",
               "description": "User input reaches the query.", "labels": ["security", "sql"],
               "plans": [{"title": "Fix", "body": "1. Bind parameters", "change_note": "from the scanner"}]},
              {"title": "Weak hash", "priority": 2, "external_ref": "rule-2:Hash.java:3", "labels": ["Security"], "due_date": "2027-01-15"},
              {"title": "Open redirect", "status": "doing", "source": "zap", "external_ref": "alert-7", "assignee": "ai:scanner"}
            ]}
            """;

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void workspace() {
        cli = new CliRunner(dir).env("BACKLOG_ACTOR", "ai:triage");
        cli.json("init");
        cli.json("project", "add", "API", "--alias", "api");
        cli.json("project", "add", "Web", "--alias", "web");
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private long events() {
        return cli.json("activity", "--limit", "1").get("page").get("total").asLong();
    }

    @Test
    void aDryRunReportsExactlyWhatTheImportThenCreatesAndReimportingCreatesNothing() throws IOException {
        file("findings.json", FINDINGS);
        long before = events();
        JsonNode dry = cli.json("import-findings", "findings.json", "--dry-run");
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(dry.get("project").asText()).isEqualTo("api");
        assertThat(dry.get("tasks_created").asInt()).isEqualTo(3);
        assertThat(dry.get("plans_created").asInt()).isEqualTo(1);
        assertThat(events()).as("a dry run writes nothing").isEqualTo(before);
        CliRunner.Result text = cli.run("import-findings", "findings.json", "--dry-run");
        assertThat(text.out()).startsWith("[dry-run] 3 tasks · 1 plan · 0 skipped · 0 errors\n");

        JsonNode done = cli.json("import-findings", "findings.json");
        assertThat(done.get("dry_run").asBoolean()).isFalse();
        assertThat(done.get("created")).isEqualTo(dry.get("created"));
        assertThat(done.get("skipped_duplicates")).isEmpty();
        assertThat(done.get("errors")).isEmpty();

        JsonNode first = cli.json("task", "show", done.get("created").get(0).asText());
        assertThat(first.get("type").asText()).isEqualTo("vulnerability");
        assertThat(first.get("priority").asInt()).isEqualTo(1);
        assertThat(first.get("source").asText()).isEqualTo("semgrep");
        assertThat(first.get("description").asText()).isEqualTo("User input reaches the query.");
        assertThat(first.get("labels")).extracting(JsonNode::asText).containsExactly("security", "sql");
        assertThat(first.get("plans")).hasSize(1);
        JsonNode second = cli.json("task", "show", done.get("created").get(1).asText());
        assertThat(second.get("priority").asInt()).isEqualTo(2);
        assertThat(second.get("labels")).extracting(JsonNode::asText).containsExactly("security"); // one label, case-insensitive
        assertThat(second.get("due_at").asText()).startsWith("2027-01-15");
        JsonNode third = cli.json("task", "show", done.get("created").get(2).asText());
        assertThat(third.get("source").asText()).as("an item's source beats the file's").isEqualTo("zap");
        assertThat(third.get("status").asText()).isEqualTo("doing");
        assertThat(third.get("claim").get("actor").get("name").asText()).isEqualTo("triage");

        // One transaction, one correlation id for every event it wrote.
        JsonNode activity = cli.json("activity", "--limit", "100");
        Set<String> correlations = new HashSet<>();
        long written = events() - before;
        for (int i = 0; i < written; i++) {
            correlations.add(activity.get("events").get(i).get("correlation_id").asText());
        }
        assertThat(written).isGreaterThan(3);
        assertThat(correlations).hasSize(1);

        long afterImport = events();
        JsonNode again = cli.json("import-findings", "findings.json");
        assertThat(again.get("tasks_created").asInt()).isZero();
        assertThat(again.get("skipped_duplicates")).hasSize(3);
        assertThat(again.get("skipped_duplicates").get(2).get("index").asInt()).isEqualTo(2);
        assertThat(again.get("skipped_duplicates").get(2).get("external_ref").asText()).isEqualTo("alert-7");
        assertThat(again.get("skipped_duplicates").get(2).get("ref").asText()).isEqualTo(done.get("created").get(2).asText());
        assertThat(events()).isEqualTo(afterImport);
    }

    @Test
    void anInvalidItemFailsTheWholeFileListingEveryErrorUnlessSkipInvalid() throws IOException {
        file("bad.json", """
                {"version": 1, "items": [
                  {"title": "Fine", "external_ref": "a"},
                  {"title": "Bad priority", "priority": "high"},
                  {"description": "no title"},
                  {"title": "Unknown key", "severity": "high"},
                  {"title": "Priority out of range", "priority": 7},
                  {"title": "Bad type", "type": "incident"},
                  {"title": "Plan without body", "plans": [{"title": "x"}]},
                  {"title": "Fractional priority", "priority": 2.5}
                ]}
                """);
        long before = events();
        CliRunner.Result r = cli.run("import-findings", "bad.json", "-p", "api", "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        JsonNode error = r.errorJson();
        assertThat(error.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        JsonNode errors = error.get("details").get("errors");
        List<Integer> indexes = new ArrayList<>();
        errors.forEach(e -> indexes.add(e.get("index").asInt()));
        assertThat(indexes).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("priority");
        assertThat(errors.get(0).get("title").asText()).isEqualTo("Bad priority");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("title");
        assertThat(errors.get(2).get("field").asText()).isEqualTo("severity");
        assertThat(errors.get(5).get("field").asText()).isEqualTo("plans.body");
        assertThat(events()).isEqualTo(before);

        JsonNode skipped = cli.json("import-findings", "bad.json", "-p", "api", "--skip-invalid");
        assertThat(skipped.get("tasks_created").asInt()).isEqualTo(1);
        assertThat(skipped.get("errors")).hasSize(7);
        assertThat(cli.json("task", "show", skipped.get("created").get(0).asText()).get("title").asText()).isEqualTo("Fine");
    }

    @Test
    void theProjectComesFromTheFlagThenTheFileThenTheDefault() throws IOException {
        file("f.json", """
                {"version": 1, "project": "api", "items": [{"title": "Where", "external_ref": "w1"}]}
                """);
        assertThat(cli.json("import-findings", "f.json", "-p", "web").get("project").asText()).isEqualTo("web");
        assertThat(cli.json("import-findings", "f.json").get("project").asText()).isEqualTo("api");
        file("none.json", """
                {"version": 1, "items": [{"title": "Where", "external_ref": "w1"}]}
                """);
        assertThat(cli.run("import-findings", "none.json", "--json").errorJson().get("code").asText()).isEqualTo("PROJECT_REQUIRED");
        cli.json("project", "set-default", "web");
        JsonNode viaDefault = cli.json("import-findings", "none.json");
        assertThat(viaDefault.get("project").asText()).isEqualTo("web");
        assertThat(viaDefault.get("skipped_duplicates")).as("w1 already imported into web").hasSize(1);
        CliRunner.Result unknown = cli.run("import-findings", "none.json", "-p", "nope", "--json");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.errorJson().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
    }

    @Test
    void duplicatesInsideOneFileAreSkippedAgainstTheTaskJustCreated() throws IOException {
        file("dup.json", """
                {"version": 1, "project": "api", "source": "s", "items": [
                  {"title": "Once", "external_ref": "k"}, {"title": "Twice", "external_ref": "k"}, {"title": "Other source", "source": "t", "external_ref": "k"}
                ]}
                """);
        JsonNode r = cli.json("import-findings", "dup.json");
        assertThat(r.get("tasks_created").asInt()).isEqualTo(2);
        assertThat(r.get("skipped_duplicates").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(r.get("skipped_duplicates").get(0).get("ref").asText()).isEqualTo(r.get("created").get(0).asText());
    }

    @Test
    void theFileItselfIsCheckedBeforeAnything() throws IOException {
        assertThat(code("missing.json")).isEqualTo("FILE_NOT_FOUND");
        file("notjson.json", "{\"version\": 1, \"items\": [");
        assertThat(code("notjson.json")).isEqualTo("INVALID_ARGUMENT");
        file("v2.json", "{\"version\": 2, \"items\": []}");
        assertThat(field("v2.json")).isEqualTo("version");
        file("extra.json", "{\"version\": 1, \"items\": [], \"tool\": \"x\"}");
        assertThat(field("extra.json")).isEqualTo("tool");
        file("noitems.json", "{\"version\": 1, \"items\": {}}");
        assertThat(field("noitems.json")).isEqualTo("items");
        StringBuilder many = new StringBuilder("{\"version\": 1, \"project\": \"api\", \"items\": [");
        for (int i = 0; i <= 5000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"title\": \"t").append(i).append("\"}");
        }
        file("many.json", many.append("]}").toString());
        assertThat(code("many.json")).isEqualTo("PAYLOAD_TOO_LARGE");
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[16 * 1024 * 1024 + 1]);
        assertThat(code("huge.json")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(cli.json("task", "list", "-A").get("tasks")).isEmpty();
    }

    private String code(String file) {
        CliRunner.Result r = cli.run("import-findings", file, "-p", "api", "--json");
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.err()).doesNotContain("\tat ");
        return r.errorJson().get("code").asText();
    }

    private String field(String file) {
        CliRunner.Result r = cli.run("import-findings", file, "-p", "api", "--json");
        assertThat(r.exit()).isEqualTo(2);
        return r.errorJson().get("details").get("field").asText();
    }
}
