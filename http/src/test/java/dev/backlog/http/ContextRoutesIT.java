package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects, comments, plans, labels, memory, docs, attachments, search, activity and the workspace routes. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ContextRoutesIT {
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
    void GET_health_workspace_and_schema() {
        assertThat(s.get("/api/health").json().get("ok").asBoolean()).isTrue();
        JsonNode ws = s.send(s.request("/api/workspace").header("X-Backlog-Actor", "ai:probe")).json();
        assertThat(ws.get("name").asText()).isEqualTo("test");
        assertThat(ws.get("default_project").asText()).isEqualTo("api");
        assertThat(ws.get("actor").get("name").asText()).isEqualTo("probe");
        assertThat(ws.get("limits").get("json_body_bytes").asLong()).isEqualTo(2L << 20);
        assertThat(s.get("/api/schema").json().get("$defs").has("commands/task_add")).isTrue();
    }

    @Test
    void unknown_api_paths_are_404_ROUTE_NOT_FOUND_and_wrong_methods_405_with_Allow() {
        var missing = s.get("/api/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("ROUTE_NOT_FOUND");
        var wrong = s.send(s.request("/api/projects").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrong.header("Allow")).isEqualTo("GET, POST");
        assertThat(wrong.json().at("/error/details/allowed")).hasSize(2);
    }

    @Test
    void projects_create_show_patch_archive_restore_delete() {
        var created = s.post("/api/projects", "{\"alias\":\"web\",\"name\":\"Web\",\"repo_path\":\"/src/web\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("repo_path").asText()).isEqualTo("/src/web");
        assertThat(s.post("/api/projects", "{\"alias\":\"web\"}").status()).isEqualTo(409);
        assertThat(s.post("/api/projects", "{\"alias\":\"web\"}").code()).isEqualTo("DUPLICATE_ALIAS");
        assertThat(s.post("/api/projects", "{\"name\":\"x\"}").json().at("/error/details/field").asText()).isEqualTo("alias");
        var shown = s.get("/api/projects/web");
        assertThat(shown.header("ETag")).isEqualTo("\"" + shown.json().get("version").asLong() + "\"");
        assertThat(s.get("/api/projects/nope").code()).isEqualTo("PROJECT_NOT_FOUND");
        var patched = s.patch("/api/projects/web", "{\"name\":\"Web UI\"}");
        assertThat(patched.json().get("name").asText()).isEqualTo("Web UI");
        var stale = s.send(s.request("/api/projects/web").header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"again\"}")));
        assertThat(stale.status()).isEqualTo(412);
        var active = s.delete("/api/projects/web");
        assertThat(active.status()).isEqualTo(409);
        assertThat(active.code()).isEqualTo("PROJECT_NOT_ARCHIVED");
        assertThat(s.post("/api/projects/web/archive", null).json().get("archived_at").isNull()).isFalse();
        assertThat(s.get("/api/projects").json().get("projects")).noneMatch(p -> p.get("alias").asText().equals("web"));
        assertThat(s.get("/api/projects?archived=true").json().get("projects")).anyMatch(p -> p.get("alias").asText().equals("web"));
        assertThat(s.post("/api/projects/web/restore", null).status()).isEqualTo(200);
        s.post("/api/projects/web/archive", null);
        assertThat(s.delete("/api/projects/web").status()).isEqualTo(204);
        assertThat(s.get("/api/projects/web").status()).isEqualTo(404);
    }

    @Test
    void comments_are_listed_created_with_201_and_deleted_with_204() {
        String ref = s.task("discussed");
        var c = s.post("/api/tasks/" + ref + "/comments", "{\"body\":\"looks good\"}");
        assertThat(c.status()).isEqualTo(201);
        assertThat(c.json().get("task_ref").asText()).isEqualTo(ref);
        assertThat(s.post("/api/tasks/" + ref + "/comments", "{}").json().at("/error/details/field").asText()).isEqualTo("body");
        assertThat(s.get("/api/tasks/" + ref + "/comments").json().get("comments")).hasSize(1);
        assertThat(s.delete("/api/comments/" + c.json().get("id").asText()).status()).isEqualTo(204);
        assertThat(s.get("/api/tasks/" + ref + "/comments").json().get("comments")).isEmpty();
        assertThat(s.delete("/api/comments/01ZZZZZZZZZZZZZZZZZZZZZZZZ").code()).isEqualTo("COMMENT_NOT_FOUND");
    }

    @Test
    void plans_are_created_revised_with_If_Match_diffed_and_deleted() {
        String ref = s.task("planned");
        var p = s.post("/api/tasks/" + ref + "/plans", "{\"title\":\"Plan\",\"body\":\"one\\n\"}");
        assertThat(p.status()).isEqualTo(201);
        String id = p.json().get("id").asText();
        assertThat(s.get("/api/plans/" + id).header("ETag")).isEqualTo("\"1\"");
        var revised = s.send(s.request("/api/plans/" + id).header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"two\\n\",\"change_note\":\"more\"}")));
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.json().get("current_version").asLong()).isEqualTo(2);
        var stale = s.patch("/api/plans/" + id, "{\"body\":\"three\",\"base_version\":1}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("STALE_VERSION");
        assertThat(s.get("/api/plans/" + id + "?version=1").json().at("/version/body").asText()).isEqualTo("one\n");
        assertThat(s.get("/api/plans/" + id + "?version=9").code()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(s.get("/api/plans/" + id + "/history").json().get("versions")).hasSize(2);
        assertThat(s.get("/api/plans/" + id + "/diff").json().get("diff").asText()).contains("-one").contains("+two");
        assertThat(s.get("/api/tasks/" + ref + "/plans").json().get("plans")).hasSize(1);
        assertThat(s.get("/api/plans?task=" + ref).json().get("plans")).hasSize(1);
        JsonNode row = s.get("/api/plans").json().get("plans").get(0);
        assertThat(row.get("task_ref").asText()).isEqualTo(ref);
        assertThat(row.at("/project/alias").asText()).isEqualTo("api");
        assertThat(s.delete("/api/plans/" + id).status()).isEqualTo(204);
        assertThat(s.get("/api/plans/" + id).code()).isEqualTo("PLAN_NOT_FOUND");
    }

    @Test
    void labels_are_created_idempotently_patched_and_deleted() {
        var created = s.post("/api/labels", "{\"project\":\"api\",\"name\":\"perf\",\"color\":\"#f00\"}");
        assertThat(created.status()).isEqualTo(201);
        var again = s.post("/api/labels", "{\"project\":\"api\",\"name\":\"PERF\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(created.json().get("id").asText());
        String id = created.json().get("id").asText();
        assertThat(s.patch("/api/labels/" + id, "{\"color\":\"#00ff00\"}").json().get("color").asText()).isEqualTo("#00ff00");
        assertThat(s.get("/api/labels?project=api").json().get("labels")).anyMatch(l -> l.get("name").asText().equals("perf"));
        assertThat(s.delete("/api/labels/" + id).status()).isEqualTo(204);
        s.defaultProject.set(null);
        try {
            var r = s.get("/api/labels");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("PROJECT_REQUIRED");
        } finally {
            s.defaultProject.set("api");
        }
    }

    @Test
    void memory_entries_are_added_listed_patched_appended_and_deleted() {
        var m = s.post("/api/memory", "{\"body\":\"use WAL\",\"tags\":[\"db\"]}");
        assertThat(m.status()).isEqualTo(201);
        String id = m.json().get("id").asText();
        var shown = s.get("/api/memory/" + id);
        assertThat(shown.header("ETag")).isEqualTo("\"1\"");
        assertThat(s.get("/api/memory?tag=db").json().get("entries")).hasSize(1);
        assertThat(s.post("/api/memory/" + id + "/append", "{\"text\":\"and FULL sync\"}").json().get("body").asText())
                .isEqualTo("use WAL\nand FULL sync");
        var stale = s.send(s.request("/api/memory/" + id).header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(s.patch("/api/memory/" + id, "{\"tags\":[\"sqlite\"]}").json().get("tags").get(0).asText()).isEqualTo("sqlite");
        assertThat(s.delete("/api/memory/" + id).status()).isEqualTo(204);
        assertThat(s.get("/api/memory/" + id).code()).isEqualTo("MEMORY_NOT_FOUND");
    }

    @Test
    void docs_are_added_revised_appended_and_deleted() {
        var d = s.post("/api/docs", "{\"title\":\"Runbook\"}");
        assertThat(d.status()).isEqualTo(201);
        assertThat(d.json().at("/version/body").asText()).isEmpty();
        String id = d.json().get("id").asText();
        assertThat(s.get("/api/docs/" + id).header("ETag")).isEqualTo("\"1\"");
        assertThat(s.patch("/api/docs/" + id, "{\"body\":\"step 1\",\"base_version\":1}").json().get("current_version").asLong()).isEqualTo(2);
        assertThat(s.patch("/api/docs/" + id, "{\"body\":\"step 1\",\"base_version\":1}").status()).isEqualTo(412);
        assertThat(s.post("/api/docs/" + id + "/append", "{\"text\":\"step 2\"}").json().at("/version/body").asText()).isEqualTo("step 1\nstep 2");
        assertThat(s.get("/api/docs/" + id + "/history").json().get("versions")).hasSize(3);
        var diff = s.get("/api/docs/" + id + "/diff?from=2&to=3").json();
        assertThat(diff.get("doc_id").asText()).isEqualTo(id);
        assertThat(diff.get("diff").asText()).contains("+step 2");
        assertThat(s.get("/api/docs/" + id + "/diff?from=9").code()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(s.get("/api/docs").json().get("docs")).isNotEmpty();
        assertThat(s.delete("/api/docs/" + id).status()).isEqualTo(204);
        assertThat(s.get("/api/docs/" + id).code()).isEqualTo("DOC_NOT_FOUND");
    }

    @Test
    void attachments_are_uploaded_as_multipart_listed_downloaded_and_deleted() {
        String ref = s.task("with a file");
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"target_kind\"\r\n\r\ntask\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\n" + ref + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes é.html\"\r\n"
                + "Content-Type: text/html\r\n\r\n<b>hi</b>\r\n--" + boundary + "--\r\n";
        var up = s.send(s.request("/api/attachments").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(up.status()).as(up.text()).isEqualTo(201);
        String id = up.json().get("id").asText();
        assertThat(up.json().get("size").asLong()).isEqualTo(9);
        assertThat(s.get("/api/attachments?task=" + ref).json().get("attachments")).hasSize(1);
        assertThat(s.get("/api/attachments").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/attachments/" + id).json().get("name").asText()).isEqualTo("notes é.html");
        var content = s.get("/api/attachments/" + id + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.text()).isEqualTo("<b>hi</b>");
        assertThat(content.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(content.header("Content-Disposition")).startsWith("attachment; filename=\"notes _.html\"; filename*=UTF-8''notes%20%C3%A9.html");
        var json = s.post("/api/attachments", "{}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(s.delete("/api/attachments/" + id).status()).isEqualTo(204);
        assertThat(s.get("/api/attachments/" + id).code()).isEqualTo("ATTACHMENT_NOT_FOUND");
    }

    @Test
    void GET_search_and_activity_answer_with_results_and_events() {
        s.post("/api/tasks", "{\"title\":\"zebra crossing\"}");
        JsonNode found = s.get("/api/search?q=zebra").json();
        assertThat(found.get("results")).anyMatch(r -> r.get("title").asText().contains("zebra"));
        assertThat(found.has("page")).isTrue();
        assertThat(s.get("/api/search?q=%22open").code()).isEqualTo("SEARCH_SYNTAX");
        assertThat(s.get("/api/search").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/search?q=zebra&kind=planet").code()).isEqualTo("INVALID_ARGUMENT");
        JsonNode act = s.get("/api/activity?limit=3&kind=task").json();
        assertThat(act.get("events")).hasSize(3);
        assertThat(act.get("page").get("limit").asInt()).isEqualTo(3);
        assertThat(s.get("/api/activity?order=sideways").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/activity?actor=robot").code()).isEqualTo("INVALID_ACTOR");
    }

    @Test
    void GET_doctor_project_answers_with_the_lint_report() {
        String ref = s.post("/api/tasks", "{\"title\":\"closed silently\"}").json().get("ref").asText();
        s.post("/api/tasks/" + ref + "/move", "{\"status\":\"done\"}");
        JsonNode report = s.get("/api/doctor/project?stale_after=30d&limit=5").json();
        assertThat(report.get("stale_after").asText()).isEqualTo("30d");
        assertThat(report.get("issues")).anyMatch(i -> i.get("code").asText().equals("done_without_completion_comment")
                && i.get("ref").asText().equals(ref));
        assertThat(s.get("/api/doctor/project?stale_after=soon").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/doctor/project?project=nope").code()).isEqualTo("PROJECT_NOT_FOUND");
    }

    @Test
    void GET_export_downloads_each_format_as_an_attachment() {
        s.post("/api/tasks", "{\"title\":\"exported, with comma\"}");
        var json = s.get("/api/export");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Disposition")).startsWith("attachment; filename=\"backlog-export.json\"");
        assertThat(json.json().get("format").asText()).isEqualTo("backlog-export");
        assertThat(json.json().get("events").size()).isGreaterThan(1);
        var csv = s.get("/api/export?format=csv&project=api");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.text()).startsWith("ref,id,project,").contains("\"exported, with comma\"");
        assertThat(s.get("/api/export?format=md").text()).startsWith("# Backlog Export");
        assertThat(s.get("/api/export?format=xml").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(s.get("/api/export?project=nope").code()).isEqualTo("PROJECT_NOT_FOUND");
    }

    @Test
    void GET_activity_analyze_answers_with_the_flow_report() {
        String ref = s.post("/api/tasks", "{\"title\":\"measured\"}").json().get("ref").asText();
        s.post("/api/tasks/" + ref + "/move", "{\"status\":\"done\"}");
        JsonNode r = s.get("/api/activity/analyze?since=all&limit=3").json();
        assertThat(r.get("since").asText()).isEqualTo("all");
        assertThat(r.at("/tasks/completed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(r.at("/lead_time/count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(s.get("/api/activity/analyze?since=whenever").code()).isEqualTo("INVALID_ARGUMENT");
    }
}
