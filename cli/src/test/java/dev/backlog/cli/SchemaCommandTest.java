package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.requests.Requests;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventTypes;
import dev.backlog.projector.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backlog schema} in a directory without a workspace, with the real request records of {@code commands}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SchemaCommandTest {
    @TempDir
    Path dir;

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void schema_json_prints_one_document_with_every_schema_under_defs() {
        JsonNode doc = new CliRunner(dir).json("schema");
        assertThat(doc.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        List<String> names = keys(doc.get("$defs"));
        for (String type : EventTypes.names()) {
            assertThat(names).contains("events/" + type);
        }
        for (String tool : Requests.ALL.keySet()) {
            assertThat(names).contains("commands/" + tool);
        }
        assertThat(names).contains("envelope", "entities/Task", "entities/TaskDetail", "entities/Project", "entities/Comment",
                "entities/Label", "entities/Event", "entities/Claim", "entities/Actor", "error");
    }

    @Test
    void schema_in_text_mode_lists_name_kind_and_description() {
        CliRunner.Result r = new CliRunner(dir).run("schema");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("NAME +KIND +DESCRIPTION");
        assertThat(lines).anyMatch(l -> l.matches("commands/task_add +command +Create a task.*"))
                .anyMatch(l -> l.matches("events/TaskCreated +event +Payload of the TaskCreated event\\."))
                .anyMatch(l -> l.matches("error +error +.*"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void schema_NAME_prints_that_schema_as_json_in_both_modes() throws Exception {
        CliRunner cli = new CliRunner(dir);
        JsonNode json = cli.json("schema", "commands/task_move");
        CliRunner.Result text = cli.run("schema", "commands/task_move");
        assertThat(text.exit()).isZero();
        assertThat(Json.MAPPER.readTree(text.out())).isEqualTo(json);
        assertThat(json.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(json.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(texts(json.get("required"))).containsExactly("ref", "status");
    }

    @Test
    void every_command_schema_is_closed_and_requires_the_bold_arguments() {
        JsonNode defs = new CliRunner(dir).json("schema").get("$defs");
        for (String tool : Requests.ALL.keySet()) {
            JsonNode s = defs.get("commands/" + tool);
            assertThat(s.get("type").asText()).as(tool).isEqualTo("object");
            assertThat(s.get("additionalProperties").asBoolean(true)).as(tool).isFalse();
            assertThat(s.get("description").asText()).as(tool).isNotBlank();
        }
        assertThat(texts(defs.at("/commands~1task_add/required"))).containsExactly("title");
        assertThat(texts(defs.at("/commands~1task_show/required"))).containsExactly("ref");
        assertThat(texts(defs.at("/commands~1comment_add/required"))).containsExactly("task", "body");
        assertThat(defs.get("commands/task_list").has("required")).isFalse();
        assertThat(texts(defs.at("/commands~1task_add/properties/priority/type"))).containsExactly("integer", "string");
        assertThat(texts(defs.at("/commands~1task_add/properties/plans/items/required"))).containsExactly("title", "body");
        assertThat(defs.at("/commands~1task_list/properties/status/items/type").asText()).isEqualTo("string");
    }

    @Test
    void an_unknown_name_is_INVALID_ARGUMENT_with_the_allowed_names() {
        CliRunner.Result r = new CliRunner(dir).run("schema", "commands/nope", "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        JsonNode error = r.errorJson();
        assertThat(error.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.at("/details/field").asText()).isEqualTo("name");
        assertThat(error.at("/details/value").asText()).isEqualTo("commands/nope");
        assertThat(texts(error.at("/details/allowed"))).contains("commands/task_add", "error");
    }

    @Test
    void it_needs_no_workspace_and_creates_none() throws Exception {
        CliRunner.Result r = new CliRunner(dir).run("schema", "error", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.json().at("/properties/error/properties/code/enum").size()).isEqualTo(ErrorCode.values().length);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(".home"::equals);
        }
    }
}
