package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backlog sync} and {@code backlog.json} (SPEC §12.7). */
class SyncIT {
    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void workspace() {
        cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "API", "--alias", "api", "--description", "the service");
    }

    private void manifest(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }

    private long events() {
        return cli.json("activity", "--limit", "1").get("page").get("total").asLong();
    }

    @Test
    void missingProjectsAreCreatedInOneCommandAndExistingOnesAreOnlyReported() throws IOException {
        assertThat(cli.json("sync").get("added")).as("no backlog.json: nothing to do").isEmpty();
        manifest("backlog.json", """
                {"version": 1, "name": "demo", "description": "the demo", "projects": [
                  {"alias": "api", "name": "API v2", "description": "the service"},
                  {"alias": "web", "name": "Web", "description": "front end", "repo_path": "web/"},
                  {"alias": "ops", "name": "Ops"}
                ]}
                """);
        long before = events();
        JsonNode dry = cli.json("sync", "--dry-run");
        assertThat(dry.get("added")).extracting(JsonNode::asText).containsExactly("web", "ops");
        assertThat(events()).isEqualTo(before);

        JsonNode r = cli.json("sync");
        assertThat(r.get("added")).extracting(JsonNode::asText).containsExactly("web", "ops");
        assertThat(r.get("existing")).extracting(JsonNode::asText).containsExactly("api");
        assertThat(r.get("differs").get(0).get("alias").asText()).isEqualTo("api");
        assertThat(r.get("differs").get(0).get("fields")).extracting(JsonNode::asText).containsExactly("name");
        assertThat(cli.json("project", "show", "api").get("name").asText()).as("never changed").isEqualTo("API");
        JsonNode web = cli.json("project", "show", "web");
        assertThat(web.get("description").asText()).isEqualTo("front end");
        assertThat(web.get("repo_path").asText()).isEqualTo("web/");
        JsonNode activity = cli.json("activity", "--limit", "2");
        Set<String> correlations = new HashSet<>();
        activity.get("events").forEach(e -> correlations.add(e.get("correlation_id").asText()));
        assertThat(correlations).as("one command, one correlation id").hasSize(1);

        long after = events();
        JsonNode again = cli.json("sync");
        assertThat(again.get("added")).isEmpty();
        assertThat(again.get("existing")).hasSize(3);
        assertThat(events()).isEqualTo(after);
    }

    @Test
    void aNamedFileMustExistAndAnInvalidManifestWritesNothing() throws IOException {
        CliRunner.Result missing = cli.run("sync", "--file", "nope.json", "--json");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.errorJson().get("code").asText()).isEqualTo("FILE_NOT_FOUND");
        long before = events();
        String[][] bad = {
            {"{\"version\": 2, \"projects\": []}", "version"},
            {"{\"version\": 1, \"projects\": [{\"alias\": \"x\", \"name\": \"X\", \"owner\": \"me\"}]}", "projects.owner"},
            {"{\"version\": 1, \"projects\": [{\"alias\": \"Bad Alias\", \"name\": \"X\"}]}", "alias"},
            {"{\"version\": 1, \"projects\": [{\"alias\": \"ok\", \"name\": \"A\"}, {\"alias\": \"ok\", \"name\": \"B\"}]}", "projects.alias"},
            {"{\"version\": 1, \"projects\": [{\"alias\": \"fine\", \"name\": \"F\"}, {\"name\": \"no alias\"}]}", "projects.alias"},
            {"{\"version\": 1, \"projects\": {}}", "projects"},
        };
        for (String[] b : bad) {
            manifest("m.json", b[0]);
            CliRunner.Result r = cli.run("sync", "--file", "m.json", "--json");
            assertThat(r.exit()).as(b[0]).isEqualTo(2);
            assertThat(r.errorJson().get("details").get("field").asText()).as(b[0]).isEqualTo(b[1]);
        }
        manifest("m.json", "{\"version\": 1, \"projects\": [");
        assertThat(cli.run("sync", "--file", "m.json", "--json").errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(events()).isEqualTo(before);
        assertThat(cli.json("project", "list").get("projects")).hasSize(1);
    }
}
