package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.ContextService;
import dev.backlog.projector.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@code activity analyze} (SPEC §12.5): every metric from a history written on a controlled clock. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ActivityAnalyzeIT extends OnClockedWorkspace {
    private JsonNode analyze(String since) {
        return Json.MAPPER.valueToTree(w.queries().analyze("api", since, "7d", 10));
    }

    @Test
    void lead_and_cycle_time_throughput_and_closes_come_from_the_status_events() {
        String old = w.add("Before the window", "task");
        as("human:pm").moveTask(old, "done", false, null);
        clock.advance(Duration.ofDays(30));
        String a = w.add("Feature", "feature");
        String b = w.add("Crash on save", "bug");
        clock.advance(Duration.ofHours(2));
        as("ai:one").claimTask(a, null);
        as("ai:one").moveTask(a, "doing", false, null);
        clock.advance(Duration.ofHours(4));
        as("ai:one").moveTask(a, "review", false, null);
        clock.advance(Duration.ofHours(2));
        as("human:pm").releaseTask(a, "review", true);
        as("human:pm").moveTask(a, "done", false, null);
        as("ai:two").claimTask(b, null);
        clock.advance(Duration.ofDays(1));
        as("ai:two").moveTask(b, "done", false, null);
        as("human:pm").moveTask(b, "todo", false, null);

        JsonNode r = analyze("7d");
        assertThat(r.at("/tasks/created").asInt()).isEqualTo(2);
        assertThat(r.at("/tasks/completed").asInt()).isEqualTo(2);
        assertThat(r.at("/tasks/todo").asInt()).isEqualTo(1);
        assertThat(r.at("/tasks/done").asInt()).isEqualTo(2);
        assertThat(r.at("/lead_time/count").asInt()).isEqualTo(2);
        assertThat(r.at("/lead_time_by_type")).extracting(t -> t.get("type").asText()).containsExactly("bug", "feature");
        JsonNode feature = r.at("/lead_time_by_type/1");
        assertThat(feature.get("avg_ms").asLong()).isEqualTo(Duration.ofHours(8).toMillis());
        assertThat(feature.get("avg").asText()).isEqualTo("8h");
        assertThat(r.at("/cycle_time_by_type/1/avg_ms").asLong()).isEqualTo(Duration.ofHours(6).toMillis());
        assertThat(r.at("/cycle_time_by_type/0/avg").asText()).isEqualTo("1d");
        assertThat(r.at("/throughput/0/count").asInt()).isEqualTo(2);
        assertThat(r.at("/throughput/0/week").asText()).matches("\\d{4}-W\\d{2}");
        assertThat(r.at("/closes_by_actor_kind/human").asInt()).isEqualTo(1);
        assertThat(r.at("/closes_by_actor_kind/ai").asInt()).isEqualTo(1);
        assertThat(r.at("/closes_by_actor_kind/ai_ratio").asDouble()).isEqualTo(0.5);
        assertThat(r.at("/status_latency/doing_review/avg_ms").asLong()).isEqualTo(Duration.ofHours(4).toMillis());
        assertThat(r.at("/status_latency/review_done/avg").asText()).isEqualTo("2h");
        assertThat(r.at("/reopened")).extracting(x -> x.get("ref").asText()).containsExactly(b);
        assertThat(r.at("/bug_followups")).extracting(x -> x.get("ref").asText()).containsExactly(b);
        assertThat(r.at("/claims/made").asInt()).isEqualTo(2);
        assertThat(r.at("/claims/forced_releases").asInt()).isEqualTo(1);
        assertThat(r.at("/no_completion_evidence")).extracting(x -> x.get("ref").asText()).contains(a);
        JsonNode all = analyze("all");
        assertThat(all.at("/tasks/created").asInt()).isEqualTo(3);
        assertThat(all.at("/lead_time/count").asInt()).isEqualTo(3);
    }

    @Test
    void wip_claims_duplicates_and_label_churn() {
        String a = w.add("One", null);
        String b = w.add("Two", null);
        as("ai:one").claimTask(a, "1h");
        as("ai:one").claimTask(a, "2h");
        as("ai:two").moveTask(b, "doing", false, null);
        clock.advance(Duration.ofHours(3));
        as("ai:three").claimTask(a, null);
        as("human:pm").labelTask(a, "ui", true);
        as("human:pm").labelTask(a, "ui", false);
        as("human:pm").labelTask(a, "ui", true);
        as("human:pm").createLabel("api", "UX", null);
        as("ai:one").addComment(b, "same text");
        as("ai:two").addComment(b, "same text");
        ContextService plans = w.context("ai:two");
        plans.addPlan(b, "Approach", "x", null, null);
        plans.addPlan(b, "approach", "y", null, null);
        JsonNode r = analyze("all");
        assertThat(r.at("/claims/made").asInt()).isEqualTo(3);
        assertThat(r.at("/claims/renewed").asInt()).isEqualTo(1);
        assertThat(r.at("/claims/superseded_after_expiry").asInt()).isEqualTo(1);
        assertThat(r.at("/wip_by_actor")).extracting(w -> w.at("/actor/name").asText()).containsExactlyInAnyOrder("two", "three");
        assertThat(r.at("/label_churn/0/label").asText()).isEqualTo("ui");
        assertThat(r.at("/label_churn/0/attached").asInt()).isEqualTo(2);
        assertThat(r.at("/label_churn/0/detached").asInt()).isEqualTo(1);
        assertThat(r.at("/duplicates")).extracting(d -> d.get("kind").asText()).contains("comment", "plan_title");
    }

    @Test
    void the_cli_prints_the_report_and_rejects_bad_windows() {
        cli.run("task", "add", "-t", "Ship");
        cli.run("task", "move", "TASK-1", "done");
        JsonNode r = cli.run("activity", "analyze", "--json").json();
        assertThat(r.get("project").asText()).isEqualTo("api");
        assertThat(r.get("since").asText()).isEqualTo("7d");
        for (String key : List.of("tasks", "lead_time", "lead_time_by_type", "cycle_time", "cycle_time_by_type", "throughput",
                "status_latency", "closes_by_actor_kind", "wip_by_actor", "claims", "reopened", "stale_doing", "no_completion_evidence",
                "bug_followups", "duplicates", "label_churn")) {
            assertThat(r.has(key)).as(key).isTrue();
        }
        assertThat(cli.run("activity", "analyze").out()).contains("1 completed");
        assertThat(cli.run("activity", "analyze", "--since", "yesterday-ish", "--json").errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(cli.run("activity", "analyze", "-p", "nope", "--json").errorJson().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
    }
}
