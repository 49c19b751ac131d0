package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.query.Views.LintIssue;
import dev.backlog.query.Views.LintReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@code doctor project} (SPEC §12.4): each rule fires on its case and stays quiet on the near miss. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoctorProjectIT extends OnClockedWorkspace {
    private LintReport lint() {
        return w.queries().projectLint("api", "7d", 0);
    }

    private static List<String> codes(LintReport r, String ref) {
        return r.issues().stream().filter(i -> ref.equals(i.ref())).map(LintIssue::code).toList();
    }

    @Test
    void claims_that_expired_and_doing_without_a_live_claim_are_reported() {
        String t = w.add("Leased", null);
        as("ai:a").claimTask(t, "1m");
        as("ai:a").moveTask(t, "doing", false, null);
        w.context("ai:a").addPlan(t, "Plan", "steps", null, null);
        assertThat(codes(lint(), t)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        LintReport r = lint();
        assertThat(codes(r, t)).containsExactlyInAnyOrder("expired_claim", "doing_without_claim");
        LintIssue expired = r.issues().stream().filter(i -> i.code().equals("expired_claim")).findFirst().orElseThrow();
        assertThat(expired.severity()).isEqualTo("warning");
        assertThat(expired.evidence()).containsEntry("claimed_by", Map.of("kind", "ai", "name", "a"));
    }

    @Test
    void work_with_no_event_for_the_stale_period_is_stale_and_untouched_todo_was_never_started() {
        String doing = w.add("Doing", null);
        String review = w.add("Review", null);
        String todo = w.add("Todo", null);
        String touched = w.add("Touched", null);
        as("ai:a").claimTask(doing, "never");
        as("ai:b").claimTask(review, "never");
        as("ai:b").moveTask(review, "review", false, null);
        clock.advance(Duration.ofDays(6));
        as("ai:a").moveTask(touched, "doing", false, null);
        as("ai:a").moveTask(touched, "todo", false, null);
        assertThat(codes(lint(), doing)).doesNotContain("stale_doing_task");
        clock.advance(Duration.ofDays(2));
        as("human:alice").addComment(review, "still looking");
        LintReport r = lint();
        assertThat(codes(r, doing)).contains("stale_doing_task");
        assertThat(codes(r, review)).doesNotContain("stale_review_task");
        assertThat(codes(r, todo)).containsExactly("task_created_never_started");
        assertThat(codes(r, touched)).isEmpty();
        clock.advance(Duration.ofDays(8));
        assertThat(codes(lint(), review)).contains("stale_review_task");
    }

    @Test
    void done_needs_a_comment_between_its_last_start_and_its_completion() {
        String silent = w.add("Silent", null);
        String early = w.add("Commented before starting", null);
        String good = w.add("Commented while working", null);
        String direct = w.add("Never started, commented", null);
        for (String t : List.of(silent, early, good)) {
            if (t.equals(early)) {
                as("ai:a").addComment(t, "plan: do it");
            }
            as("ai:a").claimTask(t, null);
            if (t.equals(good)) {
                as("ai:a").addComment(t, "Done: shipped with tests");
            }
            as("ai:a").moveTask(t, "done", false, null);
        }
        as("human:alice").addComment(direct, "obsolete, closing");
        as("human:alice").moveTask(direct, "done", false, null);
        LintReport r = lint();
        assertThat(codes(r, silent)).containsExactly("done_without_completion_comment");
        assertThat(codes(r, early)).containsExactly("done_without_completion_comment");
        assertThat(codes(r, good)).isEmpty();
        assertThat(codes(r, direct)).isEmpty();
    }

    @Test
    void doing_without_a_plan_and_blocked_by_archived_unfinished_work() {
        String blocker = w.add("Blocker", null);
        String blocked = w.add("Blocked", null);
        String finished = w.add("Finished blocker", null);
        String blocked2 = w.add("Blocked by finished", null);
        as("human:alice").linkTasks(blocker, blocked, true, true);
        as("human:alice").linkTasks(finished, blocked2, true, true);
        as("human:alice").moveTask(finished, "done", false, null);
        as("human:alice").archiveTask(blocker, true);
        as("human:alice").archiveTask(finished, true);
        as("ai:a").claimTask(blocked2, null);
        LintReport r = lint();
        assertThat(codes(r, blocked)).containsExactly("blocked_by_archived");
        assertThat(codes(r, blocked2)).containsExactly("task_without_plan");
        assertThat(codes(r, blocker)).isEmpty();
    }

    @Test
    void a_final_audit_closed_while_older_work_was_open_is_an_error() {
        String older = w.add("Older work", null);
        String audit = w.add("Final audit", null);
        as("ai:a").addComment(audit, "audit notes");
        as("ai:a").moveTask(audit, "done", false, null);
        String later = w.add("Created after the audit", null);
        LintReport r = lint();
        LintIssue issue = r.issues().get(0);
        assertThat(issue.code()).isEqualTo("final_audit_closed_with_open_work");
        assertThat(issue.severity()).isEqualTo("error");
        assertThat(issue.ref()).isEqualTo(audit);
        assertThat(issue.evidence().get("open_tasks")).isEqualTo(List.of(older));
        assertThat(later).isNotIn(issue.evidence().get("open_tasks"));

        String labelled = w.add("Release check", null);
        as("ai:a").labelTask(labelled, "Final-Audit", true);
        as("ai:a").moveTask(older, "done", false, null);
        as("ai:a").moveTask(later, "done", false, null);
        as("ai:a").addComment(labelled, "all done");
        as("ai:a").moveTask(labelled, "done", false, null);
        assertThat(codes(lint(), labelled)).isEmpty();
    }

    @Test
    void the_cli_prints_the_report_limits_it_and_fails_on_the_chosen_severity() {
        cli.run("task", "add", "-t", "Silent");
        cli.run("task", "move", "TASK-1", "done");
        cli.run("task", "add", "-t", "Second silent");
        cli.run("task", "move", "TASK-2", "done");
        CliRunner.Result text = cli.run("doctor", "project");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("- [WARNING] TASK-1 done_without_completion_comment: ");
        JsonNode limited = cli.run("doctor", "project", "--limit", "1", "--json").json();
        assertThat(limited.get("project").asText()).isEqualTo("api");
        assertThat(limited.get("stale_after").asText()).isEqualTo("7d");
        assertThat(limited.get("issue_count").asInt()).isEqualTo(1);
        assertThat(limited.get("total_detected").asInt()).isEqualTo(2);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(limited.get("generated_at").asText()).isNotBlank();
        assertThat(cli.run("doctor", "project", "--fail-on", "error", "--json").exit()).isZero();
        CliRunner.Result failed = cli.run("doctor", "project", "--fail-on", "warning", "--json");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.errorJson().get("code").asText()).isEqualTo("CHECK_FAILED");
        assertThat(failed.errorJson().at("/details/issues")).hasSize(2);
        CliRunner.Result bad = cli.run("doctor", "project", "--fail-on", "info", "--json");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(cli.run("doctor", "project", "--stale-after", "soon", "--json").errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(cli.run("doctor", "project", "-p", "nope", "--json").errorJson().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
    }
}
