package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5.1–§5.3 across real processes: every contender is its own JVM with its own SQLite connection, released
 * together through {@link ProcessCli#startRace}. Setup and verification run in-process ({@link CliRunner}) for speed.
 * Not covered here: contention with the HTTP and MCP servers (same {@code CommandService}, other suites).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ClaimContentionIT {
    @TempDir
    Path root;
    private Path ws;
    private CliRunner cli;
    private ProcessCli proc;

    @BeforeEach
    void workspace() {
        ws = root.resolve("ws");
        cli = new CliRunner(root);
        cli.json("init", ws.toString());
        // The guarantees under test do not depend on the wait; a long one keeps a heavily loaded CI machine (16
        // JVMs starting on 2 cores) from turning slow lock hand-offs into WORKSPACE_BUSY.
        try {
            java.nio.file.Files.writeString(ws.resolve("backlog.toml"), "\n[store]\nbusy_timeout = \"60s\"\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        cli = new CliRunner(ws);
        cli.json("project", "add", "--alias", "demo");
        proc = new ProcessCli(ws, root.resolve("proc"));
    }

    private void addTasks(int n) {
        for (int i = 1; i <= n; i++) {
            cli.json("task", "add", "-p", "demo", "-t", "task " + i);
        }
    }

    private void assertChainAndProjectionsHold() {
        CliRunner.Result verify = cli.run("activity", "verify", "--json");
        assertThat(verify.exit()).as("activity verify: %s", verify.err()).isZero();
        assertThat(verify.json().path("ok").asBoolean()).isTrue();
        CliRunner.Result check = cli.run("doctor", "check", "--json");
        assertThat(check.exit()).as("doctor check: %s", check.err()).isZero();
        assertThat(check.json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void sixteen_processes_claiming_one_task_give_exactly_one_winner_and_fifteen_TASK_ALREADY_CLAIMED() {
        addTasks(1);
        List<List<String>> claims = IntStream.range(0, 16)
                .mapToObj(i -> List.of("task", "claim", "TASK-1", "--as", "ai:agent-" + i, "--json")).toList();

        List<ProcessCli.Result> results = proc.startRace(claims).stream().map(ProcessCli.Running::await).toList();

        List<ProcessCli.Result> winners = results.stream().filter(r -> r.exit() == 0).toList();
        assertThat(results).as("no process fails with an internal error or WORKSPACE_BUSY")
                .noneMatch(r -> r.exit() == 1 || r.exit() == 5);
        assertThat(winners).as("exactly one claim succeeds: %s", results).hasSize(1);
        List<ProcessCli.Result> losers = results.stream().filter(r -> r.exit() != 0).toList();
        assertThat(losers).hasSize(15).allSatisfy(r -> {
            assertThat(r.exit()).as("%s", r).isEqualTo(4);
            assertThat(r.out()).as("stdout of a failure is empty").isEmpty();
            assertThat(r.errorCode()).as("%s", r).isEqualTo("TASK_ALREADY_CLAIMED");
        });
        ProcessCli.Result winner = winners.get(0);
        String winnerName = winner.args().get(winner.args().indexOf("--as") + 1).substring("ai:".length());
        assertThat(winner.json().path("claim").path("actor").path("name").asText()).isEqualTo(winnerName);
        losers.forEach(r -> assertThat(r.errorJson().path("details").path("claimed_by").path("name").asText())
                .as("every loser names the winner as holder: %s", r).isEqualTo(winnerName));

        JsonNode task = cli.json("task", "show", "TASK-1");
        assertThat(task.path("claim").path("actor").path("kind").asText()).isEqualTo("ai");
        assertThat(task.path("claim").path("actor").path("name").asText()).isEqualTo(winnerName);
        assertThat(task.path("status").asText()).isEqualTo("doing");
        JsonNode claimed = cli.json("activity", "--task", "TASK-1", "--type", "TaskClaimed", "--limit", "100");
        assertThat(claimed.path("events")).as("one TaskClaimed event").hasSize(1);
        assertChainAndProjectionsHold();
    }

    @Test
    void six_processes_running_next_claim_over_four_ready_tasks_claim_four_distinct_tasks_and_two_get_NO_READY_TASK() {
        addTasks(4);

        List<ProcessCli.Result> results = raceNext(6);

        List<ProcessCli.Result> ok = results.stream().filter(r -> r.exit() == 0).toList();
        assertThat(ok).as("%s", results).hasSize(4);
        assertThat(ok.stream().map(r -> r.json().path("ref").asText()).toList())
                .as("distinct refs").containsExactlyInAnyOrder("TASK-1", "TASK-2", "TASK-3", "TASK-4");
        ok.forEach(r -> assertThat(r.json().path("claim").path("actor").path("name").asText())
                .isEqualTo(r.args().get(r.args().indexOf("--as") + 1).substring("ai:".length())));
        assertThat(results.stream().filter(r -> r.exit() != 0).toList()).hasSize(2).allSatisfy(r -> {
            assertThat(r.exit()).as("%s", r).isEqualTo(3);
            assertThat(r.errorCode()).as("%s", r).isEqualTo("NO_READY_TASK");
        });
        assertThat(cli.json("task", "list", "-A", "--ready", "--limit", "0").path("page").path("total").asLong()).isZero();
        assertChainAndProjectionsHold();
    }

    @Test
    void three_processes_running_next_claim_over_five_ready_tasks_claim_three_distinct_tasks() {
        addTasks(5);

        List<ProcessCli.Result> results = raceNext(3);

        assertThat(results).as("%s", results).allSatisfy(r -> assertThat(r.exit()).as("%s", r).isZero());
        Set<String> refs = new HashSet<>();
        results.forEach(r -> refs.add(r.json().path("ref").asText()));
        assertThat(refs).as("the three best-ranked tasks, one each").containsExactlyInAnyOrder("TASK-1", "TASK-2", "TASK-3");
        assertThat(cli.json("task", "list", "-A", "--ready", "--limit", "0").path("page").path("total").asLong()).isEqualTo(2);
        assertChainAndProjectionsHold();
    }

    private List<ProcessCli.Result> raceNext(int n) {
        List<List<String>> next = IntStream.range(0, n)
                .mapToObj(i -> List.of("task", "next", "--claim", "--as", "ai:w" + i, "--json")).toList();
        List<ProcessCli.Result> results = proc.startRace(next).stream().map(ProcessCli.Running::await).toList();
        assertThat(results).as("never TASK_ALREADY_CLAIMED, internal or busy: %s", results)
                .noneMatch(r -> r.exit() == 1 || r.exit() == 4 || r.exit() == 5);
        return results;
    }

    /**
     * 8 concurrent workers, each running 25 {@code task add} processes one after the other: 200 JVMs, at most 8 alive
     * at once. On 2 cores this takes about a minute (JVM start-up dominates).
     */
    @Test
    void eight_concurrent_workers_adding_twenty_five_tasks_each_get_two_hundred_contiguous_numbers() throws Exception {
        int workers = 8;
        int perWorker = 25;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<ProcessCli.Result>>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                List<ProcessCli.Result> mine = new ArrayList<>();
                for (int j = 0; j < perWorker; j++) {
                    mine.add(proc.start("task", "add", "-p", "demo", "-t", "w" + worker + "-" + j, "--as", "ai:adder-" + worker,
                            "--json").await(Duration.ofMinutes(2)));
                }
                return mine;
            }));
        }
        List<ProcessCli.Result> results = new ArrayList<>();
        try {
            for (Future<List<ProcessCli.Result>> f : futures) {
                results.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).hasSize(workers * perWorker)
                .allSatisfy(r -> assertThat(r.exit()).as("%s", r).isZero());
        Set<String> acknowledged = new TreeSet<>();
        results.forEach(r -> acknowledged.add(r.json().path("ref").asText()));
        assertThat(acknowledged).as("every add got its own number").hasSize(200);

        JsonNode list = cli.json("task", "list", "-A", "--limit", "0");
        assertThat(list.path("page").path("total").asLong()).isEqualTo(200);
        Set<String> refs = new HashSet<>();
        Set<Long> numbers = new TreeSet<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode t : list.path("tasks")) {
            refs.add(t.path("ref").asText());
            numbers.add(t.path("number").asLong());
            titles.add(t.path("title").asText());
        }
        Set<String> expectedRefs = new HashSet<>();
        Set<String> expectedTitles = new HashSet<>();
        for (int i = 1; i <= 200; i++) {
            expectedRefs.add("TASK-" + i);
        }
        for (int w = 0; w < workers; w++) {
            for (int j = 0; j < perWorker; j++) {
                expectedTitles.add("w" + w + "-" + j);
            }
        }
        assertThat(refs).isEqualTo(expectedRefs).isEqualTo(acknowledged);
        assertThat(numbers).as("contiguous numbers").hasSize(200).first().isEqualTo(1L);
        assertThat(((TreeSet<Long>) numbers).last()).isEqualTo(200L);
        assertThat(titles).isEqualTo(expectedTitles);
        assertChainAndProjectionsHold();
    }
}
