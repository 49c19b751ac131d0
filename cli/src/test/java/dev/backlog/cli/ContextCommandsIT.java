package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans, docs, memory and search (SPEC §3.4, §3.6, §3.8) through the real CLI. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContextCommandsIT {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void workspace() {
        cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "set-default", "api");
        cli.json("task", "add", "-t", "Ship the parser");
    }

    CliRunner.Result fail(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        CliRunner.Result r = cli.run(all);
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.out()).isEmpty();
        return r;
    }

    long events() {
        return cli.json("activity", "verify").get("events").asLong();
    }

    @Test
    void plan_versions_are_immutable_and_a_stale_base_version_is_refused() {
        String id = cli.json("plan", "add", "--task", "TASK-1", "--title", "Approach", "--content", "a\nb\nc").get("id").asText();
        JsonNode v2 = cli.json("plan", "update", id, "--content", "a\nB\nc\nd", "--change-note", "tighten", "--base-version", "1");
        assertThat(v2.get("current_version").asLong()).isEqualTo(2);
        assertThat(v2.at("/version/title").asText()).isEqualTo("Approach");

        long before = events();
        CliRunner.Result stale = fail("plan", "update", id, "--title", "Other", "--base-version", "1");
        assertThat(stale.exit()).isEqualTo(4);
        assertThat(stale.errorJson().get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(stale.errorJson().at("/details/actual_version").asLong()).isEqualTo(2);
        assertThat(stale.errorJson().at("/details/last_actor/kind").asText()).isEqualTo("human");
        assertThat(events()).isEqualTo(before);

        assertThat(cli.json("plan", "show", id, "--version", "1").at("/version/body").asText()).isEqualTo("a\nb\nc");
        assertThat(fail("plan", "show", id, "--version", "3").errorJson().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(cli.json("plan", "history", id).get("versions")).hasSize(2);
        String diff = cli.json("plan", "diff", id).get("diff").asText();
        assertThat(diff).contains("-b\n", "+B\n", "+d\n", " a\n");
        assertThat(fail("plan", "update", id).errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(cli.json("task", "show", "TASK-1").at("/plans/0/current_version").asLong()).isEqualTo(2);

        long afterV2 = events();
        cli.json("plan", "update", id, "--content", "rewritten");
        JsonNode past = cli.json("task", "show", "TASK-1", "--at", Long.toString(afterV2));
        assertThat(past.at("/plans/0/version/body").asText()).isEqualTo("a\nB\nc\nd");

        cli.json("plan", "delete", id);
        assertThat(fail("plan", "show", id).errorJson().get("code").asText()).isEqualTo("PLAN_NOT_FOUND");
        assertThat(cli.json("doctor", "rebuild").get("identical").asBoolean()).isTrue();
    }

    @Test
    void two_processes_revising_from_the_same_base_version_lose_nothing() throws Exception {
        String id = cli.json("plan", "add", "--task", "TASK-1", "--title", "Race", "--content", "v1").get("id").asText();
        ProcessCli processes = new ProcessCli(dir, dir.resolve(".processes"));
        List<List<String>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(List.of("--as", "ai:writer-" + i, "plan", "update", id, "--content", "from " + i, "--base-version", "1", "--json"));
        }
        List<Integer> exits = new ArrayList<>();
        for (ProcessCli.Running r : processes.startRace(both)) {
            exits.add(r.await().exit());
        }
        assertThat(exits).containsExactlyInAnyOrder(0, 4);
        JsonNode history = cli.json("plan", "history", id);
        assertThat(history.get("versions")).hasSize(2);
    }

    @Test
    void docs_keep_their_body_when_updated_without_content_and_append_adds_a_version() {
        String id = cli.json("doc", "add", "--title", "Brief").get("id").asText();
        assertThat(cli.json("doc", "show", id).at("/version/body").asText()).isEmpty();
        cli.json("doc", "update", id, "--content", "Goal: ship.");
        JsonNode renamed = cli.json("doc", "update", id, "--title", "Project brief");
        assertThat(renamed.at("/version/body").asText()).isEqualTo("Goal: ship.");
        JsonNode appended = cli.json("doc", "append", id, "--content", "Non-goal: rewrite.");
        assertThat(appended.get("current_version").asLong()).isEqualTo(4);
        assertThat(appended.at("/version/body").asText()).isEqualTo("Goal: ship.\nNon-goal: rewrite.");
        assertThat(cli.json("doc", "history", id).get("versions")).hasSize(4);
        JsonNode diff = cli.json("doc", "diff", id);
        assertThat(diff.get("from").asLong()).isEqualTo(3);
        assertThat(diff.get("to").asLong()).isEqualTo(4);
        assertThat(diff.get("diff").asText()).contains("+Non-goal: rewrite.").doesNotContain("-Goal: ship.");
        JsonNode fromStart = cli.json("doc", "diff", id, "--from", "1", "--to", "2");
        assertThat(fromStart.get("diff").asText()).contains("+Goal: ship.");
        assertThat(cli.run("doc", "diff", id, "--to", "5").out()).isEmpty();
        assertThat(fail("doc", "diff", id, "--to", "5").errorJson().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(cli.run("doc", "diff", id, "--from", "1", "--to", "2").out()).contains("+Goal: ship.");
        assertThat(cli.json("doc", "list").get("docs")).hasSize(1);
        cli.json("doc", "delete", id);
        assertThat(fail("doc", "show", id).errorJson().get("code").asText()).isEqualTo("DOC_NOT_FOUND");
    }

    @Test
    void memory_entries_keep_tags_in_order_filter_by_tag_and_check_their_version() {
        JsonNode m = cli.json("memory", "add", "Chose SQLite WAL", "--tag", "decision", "--tag", " Decision ", "--tag", "arch");
        assertThat(m.get("tags")).extracting(JsonNode::asText).containsExactly("decision", "arch");
        String id = m.get("id").asText();
        cli.json("memory", "add", "Unrelated note");
        assertThat(cli.json("memory", "list", "--tag", "DECISION").get("entries")).hasSize(1);
        assertThat(cli.json("memory", "append", id, "Because of many readers.").get("body").asText())
                .isEqualTo("Chose SQLite WAL\nBecause of many readers.");
        CliRunner.Result stale = fail("memory", "update", id, "--body", "x", "--base-version", "1");
        assertThat(stale.errorJson().get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(cli.json("memory", "update", id, "--tag", "decision", "--base-version", "2").get("tags")).hasSize(1);
        assertThat(fail("memory", "add", "  ").errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        cli.json("memory", "delete", id);
        assertThat(fail("memory", "show", id).errorJson().get("code").asText()).isEqualTo("MEMORY_NOT_FOUND");
    }

    @Test
    void a_json_task_add_payload_creates_the_task_its_labels_and_plans_in_one_transaction() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("task.json"),
                "{\"title\":\"From a file\",\"labels\":[\"x\"],\"priority\":2,"
                        + "\"plans\":[{\"title\":\"First\",\"body\":\"do it\",\"change_note\":\"v1\"}]}");
        JsonNode t = cli.json("task", "add", "--from-file", "task.json", "--priority", "P1");
        assertThat(t.get("priority").asInt()).isEqualTo(1);
        assertThat(t.get("labels")).extracting(JsonNode::asText).containsExactly("x");
        assertThat(t.at("/plans/0/version/title").asText()).isEqualTo("First");
        JsonNode events = cli.json("task", "history", t.get("ref").asText());
        List<String> correlations = new ArrayList<>();
        events.get("events").forEach(e -> correlations.add(e.get("correlation_id").asText()));
        assertThat(correlations).hasSizeGreaterThanOrEqualTo(3).containsOnly(correlations.get(0));
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"title\":\"x\",\"plans\":[{\"title\":\"no body\"}]}");
        long before = events();
        assertThat(fail("task", "add", "--from-file", "bad.json").errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void search_spans_every_kind_and_filters_by_kind() {
        cli.json("comment", "add", "parser handles unicode now", "--task", "TASK-1");
        cli.json("plan", "add", "--task", "TASK-1", "--title", "Parser plan", "--content", "write the parser");
        cli.json("doc", "add", "--title", "Parser notes", "--content", "grammar");
        cli.json("memory", "add", "parser lives in query", "--tag", "arch");
        JsonNode all = cli.json("search", "parser");
        List<String> kinds = new ArrayList<>();
        all.get("results").forEach(r -> kinds.add(r.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("task", "comment", "plan", "doc", "memory");
        assertThat(all.at("/page/total").asLong()).isEqualTo(5);
        assertThat(all.at("/results/0/snippet").asText()).contains("«");
        assertThat(cli.json("search", "parser", "--kind", "doc,memory").get("results")).hasSize(2);
        assertThat(fail("search", "parser", "--kind", "bogus").exit()).isEqualTo(2);
        assertThat(fail("search", "(parser").errorJson().get("code").asText()).isEqualTo("SEARCH_SYNTAX");
        assertThat(cli.json("doctor", "check").get("ok").asBoolean()).isTrue();
    }
}
