package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task routes of §8.3 against a real server: shapes, statuses and error codes. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TaskRoutesIT {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() {
        s = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void POST_tasks_returns_201_with_the_task_detail_and_its_ETag() {
        var r = s.post("/api/tasks", """
                {"title":"Write docs","priority":"P2","labels":["docs"],"plans":[{"title":"Plan","body":"steps"}]}""");
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(t.get("ref").asText()).startsWith("TASK-");
        assertThat(t.get("priority").asInt()).isEqualTo(2);
        assertThat(t.get("labels").get(0).asText()).isEqualTo("docs");
        assertThat(t.get("plans").get(0).path("version").path("title").asText()).isEqualTo("Plan");
        assertThat(t.get("project").get("alias").asText()).isEqualTo("api");
        assertThat(t.get("actor").get("name").asText()).isEqualTo("tester");
        assertThat(r.header("ETag")).isEqualTo("\"" + t.get("version").asLong() + "\"");
    }

    @Test
    void POST_tasks_without_title_returns_400_INVALID_ARGUMENT_naming_the_field() {
        var r = s.post("/api/tasks", "{\"description\":\"x\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.json().at("/error/details/field").asText()).isEqualTo("title");
    }

    @Test
    void POST_tasks_with_an_unknown_field_returns_400_INVALID_ARGUMENT() {
        var r = s.post("/api/tasks", "{\"title\":\"x\",\"colour\":\"red\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.json().at("/error/details/field").asText()).isEqualTo("colour");
    }

    @Test
    void POST_tasks_with_malformed_JSON_or_a_wrong_type_returns_400() {
        assertThat(s.post("/api/tasks", "{\"title\":").code()).isEqualTo("INVALID_ARGUMENT");
        var r = s.post("/api/tasks", "{\"title\":\"x\",\"labels\":\"a\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(s.post("/api/tasks", "[1]").code()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void POST_tasks_in_an_unknown_project_returns_404_and_without_a_default_project_400_PROJECT_REQUIRED() {
        assertThat(s.post("/api/tasks", "{\"title\":\"x\",\"project\":\"nope\"}").code()).isEqualTo("PROJECT_NOT_FOUND");
        s.defaultProject.set(null);
        try {
            var r = s.post("/api/tasks", "{\"title\":\"x\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("PROJECT_REQUIRED");
        } finally {
            s.defaultProject.set("api");
        }
    }

    @Test
    void POST_tasks_in_an_archived_project_returns_409_PROJECT_ARCHIVED() {
        assertThat(s.post("/api/projects", "{\"alias\":\"old\"}").status()).isEqualTo(201);
        assertThat(s.post("/api/projects/old/archive", null).status()).isEqualTo(200);
        var r = s.post("/api/tasks", "{\"title\":\"x\",\"project\":\"old\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("PROJECT_ARCHIVED");
    }

    @Test
    void GET_tasks_lists_with_page_and_scope_and_filters() {
        s.post("/api/tasks", "{\"title\":\"filtered one\",\"type\":\"bug\"}");
        var r = s.get("/api/tasks?type=bug&limit=5&status=todo,doing");
        assertThat(r.status()).isEqualTo(200);
        JsonNode l = r.json();
        assertThat(l.get("scope").get("project").asText()).isEqualTo("api");
        assertThat(l.get("page").get("limit").asInt()).isEqualTo(5);
        assertThat(l.get("tasks")).allSatisfy(t -> assertThat(t.get("type").asText()).isEqualTo("bug"));
        assertThat(l.get("tasks")).isNotEmpty();
        assertThat(s.get("/api/tasks?project=").json().get("scope").get("project").isNull()).isTrue();
    }

    @Test
    void GET_tasks_rejects_bad_values_with_400() {
        assertThat(s.get("/api/tasks?status=nope").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/tasks?limit=1001").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/tasks?ready=maybe").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/tasks?sort=colour").code()).isEqualTo("INVALID_ARGUMENT");
        var r = s.get("/api/tasks?search=%22unclosed");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("SEARCH_SYNTAX");
    }

    @Test
    void GET_task_returns_the_detail_with_ETag_and_404_for_an_unknown_ref() {
        String ref = s.task("show me");
        var r = s.get("/api/tasks/" + ref);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("ref").asText()).isEqualTo(ref);
        assertThat(r.json().has("comments")).isTrue();
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        var missing = s.get("/api/tasks/TASK-99999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("TASK_NOT_FOUND");
    }

    @Test
    void GET_task_at_a_seq_returns_the_past_state_with_as_of() {
        String ref = s.task("before");
        long seq = s.get("/api/events?after=0&limit=5000").json().get("last_seq").asLong();
        s.patch("/api/tasks/" + ref, "{\"title\":\"after\"}");
        var r = s.get("/api/tasks/" + ref + "?at=" + seq);
        assertThat(r.json().get("title").asText()).isEqualTo("before");
        assertThat(r.json().get("as_of").get("seq").asLong()).isEqualTo(seq);
    }

    @Test
    void PATCH_task_with_a_stale_If_Match_returns_412_STALE_VERSION_and_writes_nothing() {
        String ref = s.task("versioned");
        var ok = s.send(s.request("/api/tasks/" + ref).header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"v2\"}")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("title").asText()).isEqualTo("v2");
        assertThat(ok.header("ETag")).isEqualTo("\"2\"");
        var stale = s.send(s.request("/api/tasks/" + ref).header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"v3\"}")));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("STALE_VERSION");
        assertThat(stale.json().at("/error/details/actual_version").asLong()).isEqualTo(2);
        assertThat(s.get("/api/tasks/" + ref).json().get("title").asText()).isEqualTo("v2");
        var star = s.send(s.request("/api/tasks/" + ref).header("Content-Type", "application/json").header("If-Match", "*")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"v3\"}")));
        assertThat(star.status()).isEqualTo(200);
        assertThat(s.patch("/api/tasks/" + ref, "{}").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.patch("/api/tasks/" + ref, "{\"ref\":\"TASK-1\"}").code()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void POST_claim_returns_409_with_TASK_ALREADY_CLAIMED_for_another_actor() {
        String ref = s.task("claim me");
        var first = s.send(s.request("/api/tasks/" + ref + "/claim").header("X-Backlog-Actor", "ai:one")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"lease\":\"1h\"}")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().at("/claim/actor/name").asText()).isEqualTo("one");
        assertThat(first.json().get("status").asText()).isEqualTo("doing");
        var second = s.send(s.request("/api/tasks/" + ref + "/claim").header("X-Backlog-Actor", "ai:two")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("TASK_ALREADY_CLAIMED");
        assertThat(second.json().at("/error/details/claimed_by/name").asText()).isEqualTo("one");
        var release = s.send(s.request("/api/tasks/" + ref + "/release").header("X-Backlog-Actor", "ai:two")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(release.status()).isEqualTo(409);
        assertThat(release.code()).isEqualTo("NOT_CLAIM_HOLDER");
        var moved = s.send(s.request("/api/tasks/" + ref + "/move").header("X-Backlog-Actor", "ai:two").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"review\"}")));
        assertThat(moved.code()).isEqualTo("TASK_ALREADY_CLAIMED");
        var forced = s.send(s.request("/api/tasks/" + ref + "/release").header("X-Backlog-Actor", "ai:two").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"force\":true}")));
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("claim").isNull()).isTrue();
    }

    @Test
    void POST_claim_of_a_done_task_returns_409_TASK_NOT_CLAIMABLE() {
        String ref = s.task("finished");
        assertThat(s.post("/api/tasks/" + ref + "/move", "{\"status\":\"done\"}").status()).isEqualTo(200);
        var r = s.post("/api/tasks/" + ref + "/claim", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("TASK_NOT_CLAIMABLE");
    }

    @Test
    void POST_move_without_status_returns_400_naming_status_and_with_stale_If_Match_412() {
        String ref = s.task("mover");
        assertThat(s.post("/api/tasks/" + ref + "/move", "{}").json().at("/error/details/field").asText()).isEqualTo("status");
        var stale = s.send(s.request("/api/tasks/" + ref + "/move").header("Content-Type", "application/json").header("If-Match", "\"7\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"review\"}")));
        assertThat(stale.status()).isEqualTo(412);
    }

    @Test
    void GET_next_and_POST_next_claim_pick_the_ready_task_and_404_NO_READY_TASK_when_none() {
        s.post("/api/projects", "{\"alias\":\"nxt\"}");
        assertThat(s.get("/api/tasks/next?project=nxt").code()).isEqualTo("NO_READY_TASK");
        assertThat(s.get("/api/tasks/next?project=nxt").status()).isEqualTo(404);
        s.post("/api/tasks", "{\"title\":\"urgent\",\"project\":\"nxt\",\"priority\":1}");
        s.post("/api/tasks", "{\"title\":\"later\",\"project\":\"nxt\",\"priority\":4}");
        assertThat(s.get("/api/tasks/next?project=nxt").json().get("title").asText()).isEqualTo("urgent");
        var claimed = s.post("/api/tasks/next/claim", "{\"project\":\"nxt\",\"lease\":\"30m\"}");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("title").asText()).isEqualTo("urgent");
        assertThat(claimed.json().get("claim").isNull()).isFalse();
        assertThat(s.get("/api/tasks/next?project=nxt").json().get("title").asText()).isEqualTo("later");
    }

    @Test
    void links_labels_archive_restore_history_and_delete() {
        String a = s.task("blocker");
        String b = s.task("blocked");
        var linked = s.post("/api/tasks/" + a + "/links", "{\"blocks\":\"" + b + "\"}");
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.json().get("blocks").get(0).asText()).isEqualTo(b);
        var cycle = s.post("/api/tasks/" + b + "/links", "{\"blocks\":\"" + a + "\"}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.code()).isEqualTo("LINK_CYCLE");
        assertThat(s.post("/api/tasks/" + a + "/links", "{}").code()).isEqualTo("INVALID_ARGUMENT");
        var unlinked = s.delete("/api/tasks/" + a + "/links?blocks=" + b);
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().get("blocks")).isEmpty();

        var labelled = s.post("/api/tasks/" + a + "/labels", "{\"name\":\"ux\"}");
        assertThat(labelled.json().get("labels").get(0).asText()).isEqualTo("ux");
        assertThat(s.delete("/api/tasks/" + a + "/labels/ux").json().get("labels")).isEmpty();
        var unknown = s.delete("/api/tasks/" + a + "/labels/nolabel");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("LABEL_NOT_FOUND");

        assertThat(s.post("/api/tasks/" + a + "/archive", null).json().get("archived_at").isNull()).isFalse();
        assertThat(s.post("/api/tasks/" + a + "/restore", null).json().get("archived_at").isNull()).isTrue();
        assertThat(s.post("/api/tasks/" + a + "/archive", "{\"x\":1}").code()).isEqualTo("INVALID_ARGUMENT");

        JsonNode history = s.get("/api/tasks/" + a + "/history?limit=100").json();
        assertThat(history.get("events").get(0).get("type").asText()).isEqualTo("TaskCreated");
        assertThat(s.get("/api/tasks/" + a + "/history?type=TaskArchived").json().get("events")).hasSize(1);

        var deleted = s.delete("/api/tasks/" + a);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(s.get("/api/tasks/" + a).status()).isEqualTo(404);
    }
}
