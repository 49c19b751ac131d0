package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every command of the README's tour, in order, and checks what the README says about them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadmeTourIT {
    @TempDir
    Path dir;

    static List<String[]> tour() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("<!-- tour:start -->"), readme.indexOf("<!-- tour:end -->"));
        List<String[]> commands = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.startsWith("backlog ")) {
                commands.add(Shell.split(line.substring("backlog ".length())));
            }
        }
        return commands;
    }

    @Test
    void every_tour_command_succeeds_and_does_what_the_readme_says() throws IOException {
        CliRunner cli = new CliRunner(dir);
        List<String[]> tour = tour();
        assertThat(tour).hasSizeGreaterThan(10);
        for (String[] args : tour) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exit()).as("backlog %s\n%s", String.join(" ", args), r.err()).isZero();
            assertThat(r.err()).as("stderr of backlog %s", String.join(" ", args)).isEmpty();
        }
        JsonNode next = cli.json("task", "show", "TASK-2");
        assertThat(next.at("/claim/actor/name").asText()).isEqualTo("claude-2");
        JsonNode ready = cli.json("task", "list", "--ready");
        assertThat(ready.get("tasks")).extracting(t -> t.get("ref").asText()).containsExactly("TASK-3");
        JsonNode past = cli.json("task", "show", "TASK-1", "--at", "5");
        assertThat(past.get("labels")).extracting(JsonNode::asText).containsExactly("auth");
        assertThat(past.get("status").asText()).isEqualTo("todo");
        assertThat(past.at("/as_of/seq").asLong()).isEqualTo(5);
    }
}
