package dev.backlog.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.ContextService;
import dev.backlog.commands.Settings;
import dev.backlog.commands.requests.Requests;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import dev.backlog.query.schema.JsonSchemas;
import dev.backlog.query.schema.RequestTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The stdio server driven over its streams: framing, both protocol eras, every tool, resources, prompts, errors. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class McpServerTest {
    private static final JsonSchemas SCHEMAS = JsonSchemas.of(new RequestTypes(Requests.ALL, Requests::required, Requests::doc));
    private static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}";

    private Db db;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void workspace() {
        db = WorkspaceDatabase.create("jdbc:sqlite::memory:", 1000);
        CommandService.initialize(db, "test", Actor.parse("human:setup"), Clock.systemUTC(), "test");
        server("human:setup", null);
        call(server("human:setup", null), "project_add", "{\"alias\":\"api\",\"name\":\"API\"}");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private McpWorkspace server(String actor, String defaultProject) {
        Actor a = Actor.parse(actor);
        Settings s = Settings.defaults();
        return new McpWorkspace(new CommandService(db, s, Clock.systemUTC(), a), new ContextService(db, s, Clock.systemUTC(), a),
                new QueryService(db, Clock.systemUTC()), a, defaultProject, "9.9.9", SCHEMAS);
    }

    /** Feeds {@code lines} to a fresh server and returns what it wrote, one JSON document per line. */
    private List<JsonNode> exchange(McpWorkspace ws, String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int status = new McpServer(ws, new PrintStream(log, true, StandardCharsets.UTF_8)).serve(new ByteArrayInputStream(in), out);
        assertThat(status).isZero();
        List<JsonNode> replies = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                replies.add(parse(line));
            }
        }
        return replies;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String toolCall(int id, String tool, String arguments) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    /** One tools/call on its own connection; returns the result object. */
    private JsonNode call(McpWorkspace ws, String tool, String arguments) {
        List<JsonNode> r = exchange(ws, toolCall(1, tool, arguments));
        assertThat(r).hasSize(1);
        assertThat(r.get(0).has("error")).as(r.get(0).toString()).isFalse();
        return r.get(0).get("result");
    }

    private JsonNode ok(McpWorkspace ws, String tool, String arguments) {
        JsonNode result = call(ws, tool, arguments);
        assertThat(result.get("isError").asBoolean()).as(tool + " " + result).isFalse();
        assertThat(parse(result.at("/content/0/text").asText())).isEqualTo(result.get("structuredContent"));
        return result.get("structuredContent");
    }

    private JsonNode failure(McpWorkspace ws, String tool, String arguments, String code) {
        JsonNode result = call(ws, tool, arguments);
        assertThat(result.get("isError").asBoolean()).as(tool + " " + result).isTrue();
        assertThat(result.at("/structuredContent/error/code").asText()).isEqualTo(code);
        assertThat(result.at("/content/0/text").asText()).startsWith(code + ": ");
        return result.at("/structuredContent/error");
    }

    @Test
    void initialize_agrees_the_clients_version_when_supported_and_its_newest_otherwise() {
        for (String v : List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "1999-01-01")) {
            JsonNode r = exchange(server("ai:a", "api"), request(1, "initialize", "{\"protocolVersion\":\"" + v + "\",\"capabilities\":{}}"))
                    .get(0).get("result");
            assertThat(r.get("protocolVersion").asText()).isEqualTo(v.startsWith("1999") ? "2025-11-25" : v);
            assertThat(r.at("/capabilities/tools/listChanged").asBoolean(true)).isFalse();
            assertThat(r.at("/capabilities/resources").isObject()).isTrue();
            assertThat(r.at("/capabilities/prompts").isObject()).isTrue();
            assertThat(r.at("/serverInfo/name").asText()).isEqualTo("backlog");
            assertThat(r.at("/serverInfo/version").asText()).isEqualTo("9.9.9");
            assertThat(r.get("instructions").asText()).contains("ai:a").contains("task_next");
            assertThat(r.has("resultType")).isFalse();
        }
    }

    @Test
    void server_discover_and_modern_requests_are_served_without_a_handshake() {
        List<JsonNode> r = exchange(server("ai:a", "api"), request(1, "server/discover", "{" + MODERN_META + "}"),
                request(2, "tools/list", "{" + MODERN_META + "}"), request(3, "ping", "{" + MODERN_META + "}"),
                request(4, "tools/list", "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2030-01-01\"}}"));
        JsonNode discover = r.get(0).get("result");
        assertThat(texts(discover.get("supportedVersions"))).containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
        assertThat(discover.get("resultType").asText()).isEqualTo("complete");
        assertThat(discover.at("/serverInfo/name").asText()).isEqualTo("backlog");
        assertThat(discover.has("capabilities")).isTrue();
        assertThat(discover.get("instructions").asText()).isNotBlank();
        assertThat(r.get(1).at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(r.get(1).at("/result/tools/0").has("outputSchema")).isTrue();
        assertThat(r.get(1).at("/result/ttlMs").isNumber()).isTrue();
        assertThat(r.get(1).at("/result/cacheScope").asText()).isEqualTo("public");
        assertThat(r.get(2).at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(r.get(3).at("/error/code").asInt()).isEqualTo(-32022);
        assertThat(texts(r.get(3).at("/error/data/supported"))).hasSize(5).contains("2026-07-28", "2024-11-05");
    }

    @Test
    void tools_list_has_every_tool_with_the_schema_command_input_schema_and_stays_within_budget() {
        List<JsonNode> r = exchange(server("ai:a", "api"), request(1, "initialize", "{\"protocolVersion\":\"2025-11-25\"}"),
                request(2, "tools/list", null));
        JsonNode tools = r.get(1).at("/result/tools");
        List<String> names = new ArrayList<>();
        for (JsonNode t : tools) {
            String name = t.get("name").asText();
            names.add(name);
            assertThat(t.get("title").asText()).isNotBlank();
            assertThat(t.get("description").asText()).isNotBlank().endsWith(".");
            ObjectNode expected = SCHEMAS.schema("commands/" + name).orElseThrow();
            expected.remove("$schema");
            assertThat(expected.remove("description").asText()).isEqualTo(t.get("description").asText());
            assertThat(t.get("inputSchema")).isEqualTo(expected);
            assertThat(t.at("/inputSchema/additionalProperties").asBoolean(true)).isFalse();
            assertThat(t.at("/outputSchema/type").asText()).isEqualTo("object");
            assertThat(t.get("annotations").isObject()).isTrue();
        }
        assertThat(names).containsExactlyElementsOf(Requests.ALL.keySet()).hasSize(34);
        assertThat(tools.get(names.indexOf("task_list")).at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(tools.get(names.indexOf("task_move")).at("/annotations/idempotentHint").asBoolean()).isTrue();
        assertThat(tools.get(names.indexOf("task_add")).at("/annotations/destructiveHint").asBoolean(true)).isFalse();
        assertThat(r.get(1).get("result").toString().length()).isLessThanOrEqualTo(16_000);
        JsonNode modern = exchange(server("ai:a", "api"), request(1, "tools/list", "{" + MODERN_META + "}")).get(0).get("result");
        assertThat(modern.toString().length()).isLessThanOrEqualTo(16_000);
        JsonNode old = exchange(server("ai:a", "api"), request(1, "initialize", "{\"protocolVersion\":\"2025-03-26\"}"),
                request(2, "tools/list", null)).get(1).at("/result/tools/0");
        assertThat(old.has("outputSchema")).isFalse();
    }

    @Test
    void every_tool_runs_and_its_result_has_the_keys_its_output_schema_types() {
        McpWorkspace ws = server("ai:agent", "api");
        JsonNode tools = exchange(ws, request(1, "tools/list", null)).get(0).at("/result/tools");
        Set<String> called = new HashSet<>();
        java.util.function.BiFunction<String, String, JsonNode> run = (tool, args) -> {
            JsonNode doc = ok(ws, tool, args);
            for (JsonNode t : tools) {
                if (t.get("name").asText().equals(tool)) {
                    t.at("/outputSchema/properties").fields().forEachRemaining(key ->
                            assertThat(doc.get(key.getKey()).getNodeType().name()).as(tool + " result key " + key.getKey())
                                    .isEqualToIgnoringCase(key.getValue().get("type").asText()));
                }
            }
            called.add(tool);
            return doc;
        };
        assertThat(run.apply("project_add", "{\"alias\":\"web\",\"repo_path\":\"/src/web\"}").get("alias").asText()).isEqualTo("web");
        assertThat(run.apply("project_list", "{}").get("projects")).hasSize(2);
        JsonNode t1 = run.apply("task_add", "{\"title\":\"Ship it\",\"priority\":\"P1\",\"labels\":[\"ui\"],"
                + "\"plans\":[{\"title\":\"Plan\",\"body\":\"Steps\"}]}");
        assertThat(t1.get("ref").asText()).isEqualTo("TASK-1");
        assertThat(t1.at("/project/alias").asText()).isEqualTo("api");
        assertThat(t1.get("priority").asInt()).isEqualTo(1);
        assertThat(t1.get("plans")).hasSize(1);
        run.apply("task_add", "{\"title\":\"Second\",\"priority\":3,\"project\":\"web\"}");
        assertThat(run.apply("task_list", "{\"status\":[\"todo\"],\"sort\":\"priority\",\"limit\":10}").get("tasks")).hasSize(1);
        assertThat(run.apply("task_list", "{\"project\":\"\"}").get("tasks")).hasSize(2);
        assertThat(run.apply("task_show", "{\"ref\":\"1\"}").get("title").asText()).isEqualTo("Ship it");
        assertThat(run.apply("task_update", "{\"ref\":\"TASK-1\",\"description\":\"Now\"}").get("description").asText()).isEqualTo("Now");
        assertThat(run.apply("task_claim", "{\"ref\":\"TASK-1\",\"lease\":\"2h\"}").at("/claim/actor/name").asText()).isEqualTo("agent");
        assertThat(run.apply("task_move", "{\"ref\":\"TASK-1\",\"status\":\"review\"}").get("status").asText()).isEqualTo("review");
        assertThat(run.apply("task_release", "{\"ref\":\"TASK-1\"}").get("claim").isNull()).isTrue();
        assertThat(run.apply("task_next", "{\"project\":\"web\"}").get("ref").asText()).isEqualTo("TASK-2");
        assertThat(run.apply("task_link", "{\"ref\":\"TASK-2\",\"blocks\":\"TASK-1\"}").get("blocks").get(0).asText()).isEqualTo("TASK-1");
        assertThat(run.apply("task_unlink", "{\"ref\":\"TASK-1\",\"blocked_by\":\"TASK-2\"}").get("blocked_by")).isEmpty();
        assertThat(run.apply("task_archive", "{\"ref\":\"TASK-2\"}").get("archived_at").isNull()).isFalse();
        assertThat(run.apply("task_restore", "{\"ref\":\"TASK-2\"}").get("archived_at").isNull()).isTrue();
        assertThat(run.apply("task_history", "{\"ref\":\"TASK-1\",\"limit\":3}").get("events")).hasSize(3);
        String planId = run.apply("plan_add", "{\"task\":\"TASK-1\",\"title\":\"B\",\"body\":\"one\"}").get("id").asText();
        assertThat(run.apply("plan_update", "{\"plan_id\":\"" + planId + "\",\"body\":\"two\",\"base_version\":1}")
                .get("current_version").asInt()).isEqualTo(2);
        assertThat(run.apply("plan_show", "{\"plan_id\":\"" + planId + "\",\"version\":1}").at("/version/body").asText()).isEqualTo("one");
        assertThat(run.apply("plan_history", "{\"plan_id\":\"" + planId + "\"}").get("versions")).hasSize(2);
        assertThat(run.apply("plan_list", "{\"task\":\"TASK-1\"}").get("plans")).hasSize(2);
        assertThat(run.apply("comment_add", "{\"task\":\"TASK-1\",\"body\":\"Done: shipped\"}").get("task_ref").asText()).isEqualTo("TASK-1");
        assertThat(run.apply("comment_list", "{\"task\":\"TASK-1\"}").get("comments")).hasSize(1);
        assertThat(run.apply("label_attach", "{\"task\":\"TASK-1\",\"name\":\"backend\"}").get("labels")).hasSize(2);
        assertThat(run.apply("label_detach", "{\"task\":\"TASK-1\",\"name\":\"ui\"}").get("labels")).hasSize(1);
        assertThat(run.apply("label_list", "{}").get("labels")).hasSize(2);
        String memoryId = run.apply("memory_add", "{\"body\":\"Use WAL\",\"tags\":[\"db\"]}").get("id").asText();
        assertThat(run.apply("memory_append", "{\"memory_id\":\"" + memoryId + "\",\"text\":\"always\"}").get("body").asText()).contains("always");
        assertThat(run.apply("memory_list", "{\"tag\":\"db\"}").get("entries")).hasSize(1);
        String docId = run.apply("doc_add", "{\"title\":\"Runbook\",\"body\":\"Restart\"}").get("id").asText();
        assertThat(run.apply("doc_update", "{\"doc_id\":\"" + docId + "\",\"body\":\"Restart twice\"}").get("current_version").asInt()).isEqualTo(2);
        assertThat(run.apply("doc_show", "{\"doc_id\":\"" + docId + "\",\"version\":1}").at("/version/body").asText()).isEqualTo("Restart");
        assertThat(run.apply("doc_list", "{}").get("docs")).hasSize(1);
        assertThat(run.apply("search", "{\"query\":\"restart\",\"kind\":[\"doc\"]}").get("results")).hasSize(1);
        assertThat(run.apply("activity", "{\"task\":\"TASK-1\",\"type\":[\"TaskClaimed\"],\"actor\":\"ai:agent\"}").get("events")).hasSize(1);
        assertThat(called).containsExactlyInAnyOrderElementsOf(Requests.ALL.keySet());
    }

    @Test
    void domain_failures_are_tool_errors_carrying_the_code() {
        McpWorkspace alice = server("ai:alice", "api");
        McpWorkspace bob = server("ai:bob", "api");
        ok(alice, "task_add", "{\"title\":\"Contested\"}");
        ok(alice, "task_claim", "{\"ref\":\"TASK-1\"}");
        JsonNode claimed = failure(bob, "task_claim", "{\"ref\":\"TASK-1\"}", "TASK_ALREADY_CLAIMED");
        assertThat(claimed.at("/details/claimed_by/name").asText()).isEqualTo("alice");
        failure(bob, "task_update", "{\"ref\":\"TASK-1\",\"title\":\"x\",\"base_version\":1,\"force\":true}", "STALE_VERSION");
        failure(bob, "task_next", "{\"claim\":true}", "NO_READY_TASK");
        failure(bob, "task_show", "{\"ref\":\"TASK-99\"}", "TASK_NOT_FOUND");
        assertThat(failure(bob, "task_add", "{}", "INVALID_ARGUMENT").at("/details/field").asText()).isEqualTo("title");
        assertThat(failure(bob, "task_add", "{\"title\":\"x\",\"colour\":\"red\"}", "INVALID_ARGUMENT").at("/details/field").asText()).isEqualTo("colour");
        assertThat(failure(bob, "task_list", "{\"limit\":5000}", "INVALID_ARGUMENT").at("/details/field").asText()).isEqualTo("limit");
        failure(bob, "task_list", "{\"search\":\"\\\"unbalanced\"}", "SEARCH_SYNTAX");
        failure(bob, "task_link", "{\"ref\":\"TASK-1\"}", "INVALID_ARGUMENT");
        failure(server("ai:bob", null), "memory_add", "{\"body\":\"x\"}", "PROJECT_REQUIRED");
        String planId = ok(alice, "plan_add", "{\"task\":\"TASK-1\",\"title\":\"P\",\"body\":\"a\"}").get("id").asText();
        ok(alice, "plan_update", "{\"plan_id\":\"" + planId + "\",\"body\":\"b\",\"base_version\":1}");
        failure(bob, "plan_update", "{\"plan_id\":\"" + planId + "\",\"body\":\"c\",\"base_version\":1}", "STALE_VERSION");
        assertThat(ok(alice, "plan_show", "{\"plan_id\":\"" + planId + "\"}").at("/version/body").asText()).isEqualTo("b");
    }

    @Test
    void protocol_errors_get_their_json_rpc_codes_and_the_connection_continues() {
        char[] big = new char[McpServer.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(big, 'x');
        List<JsonNode> r = exchange(server("ai:a", "api"),
                "this is not json",
                "{\"jsonrpc\":\"2.0\",\"id\":2}",
                "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}",
                request(5, "no/such/method", null),
                toolCall(6, "no_such_tool", "{}"),
                toolCall(7, "task_list", "[1,2]"),
                request(8, "tools/call", "{}"),
                "[" + request(9, "ping", null) + "]",
                new String(big),
                "",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"made/up\"}",
                request(10, "ping", null),
                request(11, "resources/read", "{\"uri\":\"backlog://nothing/here\"}"));
        assertThat(r).extracting(m -> m.at("/error/code").asInt(0))
                .containsExactly(-32700, -32600, -32600, -32600, -32601, -32602, -32602, -32602, -32600, -32600, 0, -32602);
        assertThat(r.get(0).get("id").isNull()).isTrue();
        assertThat(r.get(2).get("id").asInt()).isEqualTo(3);
        assertThat(r.get(3).get("id").isNull()).isTrue();
        assertThat(r.get(5).at("/error/message").asText()).contains("no_such_tool");
        assertThat(r.get(10).get("id").asInt()).isEqualTo(10);
        assertThat(r.get(10).get("result").isEmpty()).isTrue();
    }

    @Test
    void batches_are_processed_only_under_2025_03_26_and_answered_in_order() {
        List<JsonNode> r = exchange(server("ai:a", "api"), request(1, "initialize", "{\"protocolVersion\":\"2025-03-26\"}"),
                "[" + request(2, "ping", null) + ",{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}," + toolCall(3, "task_list", "{}") + "]");
        assertThat(r).hasSize(2);
        assertThat(r.get(1).isArray()).isTrue();
        assertThat(r.get(1)).extracting(m -> m.get("id").asInt()).containsExactly(2, 3);
        assertThat(r.get(1).get(1).at("/result/isError").asBoolean()).isFalse();
    }

    @Test
    void resources_show_tasks_plans_docs_and_memory_as_json_documents() {
        McpWorkspace ws = server("ai:a", "api");
        ok(ws, "task_add", "{\"title\":\"Readable\"}");
        String planId = ok(ws, "plan_add", "{\"task\":\"TASK-1\",\"title\":\"P\",\"body\":\"steps\"}").get("id").asText();
        String docId = ok(ws, "doc_add", "{\"title\":\"Guide\",\"body\":\"text\"}").get("id").asText();
        ok(ws, "memory_add", "{\"body\":\"remember\"}");
        List<JsonNode> r = exchange(ws, request(1, "resources/list", null), request(2, "resources/templates/list", null),
                request(3, "resources/read", "{\"uri\":\"backlog://task/TASK-1\"}"),
                request(4, "resources/read", "{\"uri\":\"backlog://plan/" + planId + "\"}"),
                request(5, "resources/read", "{\"uri\":\"backlog://doc/" + docId + "\"}"),
                request(6, "resources/read", "{\"uri\":\"backlog://project/api/memory\"}"),
                request(7, "resources/read", "{\"uri\":\"backlog://task/TASK-42\"}"),
                request(8, "resources/read", "{\"uri\":\"backlog://task/TASK-42\"," + MODERN_META + "}"));
        assertThat(r.get(0).at("/result/resources/0/uri").asText()).isEqualTo("backlog://project/api/memory");
        assertThat(r.get(1).at("/result/resourceTemplates")).extracting(t -> t.get("uriTemplate").asText())
                .containsExactly("backlog://task/{ref}", "backlog://plan/{id}", "backlog://doc/{id}", "backlog://project/{alias}/memory");
        assertThat(r.get(2).at("/result/contents/0/mimeType").asText()).isEqualTo("application/json");
        assertThat(parse(r.get(2).at("/result/contents/0/text").asText()).get("title").asText()).isEqualTo("Readable");
        assertThat(parse(r.get(3).at("/result/contents/0/text").asText()).at("/version/body").asText()).isEqualTo("steps");
        assertThat(parse(r.get(4).at("/result/contents/0/text").asText()).get("title").asText()).isEqualTo("Guide");
        assertThat(parse(r.get(5).at("/result/contents/0/text").asText()).get("entries")).hasSize(1);
        assertThat(r.get(6).at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(r.get(6).at("/error/data/code").asText()).isEqualTo("TASK_NOT_FOUND");
        assertThat(r.get(7).at("/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void prompts_are_built_from_live_data() {
        McpWorkspace ws = server("ai:a", "api");
        ok(ws, "task_add", "{\"title\":\"Wire the cache\",\"priority\":1}");
        List<JsonNode> r = exchange(ws, request(1, "prompts/list", null),
                request(2, "prompts/get", "{\"name\":\"next-task\",\"arguments\":{\"project\":\"api\"}}"),
                request(3, "prompts/get", "{\"name\":\"plan-task\",\"arguments\":{\"ref\":\"TASK-1\"}}"),
                request(4, "prompts/get", "{\"name\":\"plan-task\",\"arguments\":{}}"),
                request(5, "prompts/get", "{\"name\":\"nope\"}"));
        assertThat(r.get(0).at("/result/prompts")).extracting(p -> p.get("name").asText()).containsExactly("next-task", "plan-task");
        assertThat(r.get(1).at("/result/messages/0/content/text").asText()).contains("TASK-1").contains("Wire the cache").contains("task_claim");
        assertThat(r.get(2).at("/result/messages/0/role").asText()).isEqualTo("user");
        assertThat(r.get(2).at("/result/messages/0/content/text").asText()).contains("TASK-1").contains("plan_add");
        assertThat(r.get(3).at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.get(4).at("/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void end_of_input_without_a_final_newline_still_answers_the_last_request() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new McpServer(server("ai:a", "api"), new PrintStream(log)).serve(
                new ByteArrayInputStream(request(1, "ping", null).getBytes(StandardCharsets.UTF_8)), out);
        assertThat(status).isZero();
        assertThat(parse(out.toString(StandardCharsets.UTF_8).strip()).get("id").asInt()).isEqualTo(1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
