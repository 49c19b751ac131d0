package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of a common term with many equal ranks (SPEC §7): search and {@code task list --search} cut the page from
 * the best hits only, so every page must agree with the whole list, before and after something is archived
 * (which takes the filtered path).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SearchPagingIT {

    @Test
    void pages_of_tied_hits_add_up_to_the_whole_list_with_and_without_archived_rows(@TempDir Path dir) {
        CliRunner cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "add", "--alias", "web");
        cli.json("project", "set-default", "api");
        for (int i = 1; i <= 9; i++) {
            cli.json("task", "add", "-t", "Rotate token", "-d", i % 3 == 0 ? "token token" : "the token", "-p", i % 2 == 0 ? "web" : "api");
            cli.json("comment", "add", "token seen again", "--task", "TASK-" + i);
        }
        List<String> search = keys(cli, "search", "results", "id");
        List<String> tasks = keys(cli, "task list", "tasks", "ref");
        assertThat(search).hasSize(18);
        assertThat(tasks).hasSize(9);

        cli.json("task", "archive", "TASK-4");
        List<String> searchAfter = keys(cli, "search", "results", "id");
        List<String> tasksAfter = keys(cli, "task list", "tasks", "ref");
        assertThat(tasksAfter).containsExactlyElementsOf(tasks.stream().filter(r -> !r.equals("TASK-4")).toList());
        assertThat(searchAfter).hasSize(16).isSubsetOf(search);
        assertThat(cli.json("search", "token", "-p", "web", "--limit", "0").at("/page/total").asLong()).isEqualTo(6);
        assertThat(cli.json("task", "list", "--search", "token", "--limit", "2").at("/page/total").asLong()).isEqualTo(5);
    }

    /** The whole list, checked against pages of 4 and a page past the end; returns the keys in order. */
    private static List<String> keys(CliRunner cli, String command, String array, String key) {
        List<String> all = read(cli, command, array, key, 0, 0);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 4) {
            paged.addAll(read(cli, command, array, key, 4, offset));
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(read(cli, command, array, key, 4, all.size() + 4)).isEmpty();
        return all;
    }

    private static List<String> read(CliRunner cli, String command, String array, String key, int limit, int offset) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of(command.equals("search") ? "token" : "--search", "-A", "--limit", Integer.toString(limit), "--offset",
                Integer.toString(offset)));
        if (!command.equals("search")) {
            args.add(args.indexOf("--search") + 1, "token");
        }
        JsonNode r = cli.json(args.toArray(String[]::new));
        List<String> out = new ArrayList<>();
        r.get(array).forEach(n -> out.add(n.get(key).asText()));
        JsonNode whole = cli.json(command.equals("search") ? new String[] {"search", "token", "-A", "--limit", "0"}
                : new String[] {"task", "list", "--search", "token", "-A", "--limit", "0"});
        assertThat(r.at("/page/total").asLong()).isEqualTo(whole.get(array).size());
        return out;
    }
}
