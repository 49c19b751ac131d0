package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code task list --search} (SPEC §3.3, §7) through the real CLI and FTS5 index. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TaskSearchIT {
    CliRunner cli;

    @BeforeAll
    void workspace(@TempDir Path dir) {
        cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "set-default", "api");
        cli.json("task", "add", "-t", "Sign-on flow broken", "-d", "Users bounce between pages");   // TASK-1
        cli.json("task", "add", "-t", "Cache headers", "-d", "The sign-on page is cached");       // TASK-2
        cli.json("task", "add", "-t", "C++ build flags", "-d", "compiler upgrade");               // TASK-3
        cli.json("task", "add", "-t", "Old idea about signatures");                               // TASK-4
        cli.json("task", "archive", "TASK-4");
        cli.json("comment", "add", "Root cause: the tokenizer", "--task", "TASK-3");
    }

    List<String> refs(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "task";
        all[1] = "list";
        System.arraycopy(args, 0, all, 2, args.length);
        JsonNode r = cli.json(all);
        List<String> out = new ArrayList<>();
        r.get("tasks").forEach(t -> out.add(t.get("ref").asText()));
        assertThat(r.at("/page/total").asLong()).isEqualTo(out.size());
        return out;
    }

    @Test
    void a_title_match_ranks_before_a_body_match() {
        assertThat(refs("--search", "sign-on")).containsExactly("TASK-1", "TASK-2");
    }

    @Test
    void prefixes_phrases_booleans_and_columns_work() {
        assertThat(refs("--search", "sig*")).containsExactly("TASK-1", "TASK-2");
        assertThat(refs("--search", "\"between pages\"")).containsExactly("TASK-1");
        assertThat(refs("--search", "cache OR compiler", "--sort", "ref")).containsExactly("TASK-2", "TASK-3");
        assertThat(refs("--search", "sign NOT cached")).containsExactly("TASK-1");
        assertThat(refs("--search", "title:cache")).containsExactly("TASK-2");
    }

    @Test
    void punctuation_and_comments_match_their_task() {
        assertThat(refs("--search", "c++")).containsExactly("TASK-3");
        assertThat(refs("--search", "tokenizer")).containsExactly("TASK-3");
    }

    @Test
    void archived_tasks_match_only_when_asked_for() {
        assertThat(refs("--search", "signatures")).isEmpty();
        assertThat(refs("--search", "signatures", "--include-archived")).containsExactly("TASK-4");
    }

    @Test
    void an_exact_ref_is_returned_first() {
        assertThat(refs("--search", "TASK-3").get(0)).isEqualTo("TASK-3");
        assertThat(refs("--search", "2")).containsExactly("TASK-2");
        cli.json("task", "add", "-t", "Mentions itself", "-d", "see TASK-5 for the plan");   // TASK-5
        assertThat(refs("--search", "TASK-5")).containsExactly("TASK-5");
    }

    @Test
    void a_broken_query_is_a_coded_error_with_a_position() {
        CliRunner.Result r = cli.run("task", "list", "--search", "\"unbalanced", "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errorJson().get("code").asText()).isEqualTo("SEARCH_SYNTAX");
        assertThat(r.errorJson().at("/details/position").asInt()).isZero();
    }
}
