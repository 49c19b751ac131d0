package dev.backlog.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Turns one incoming line into at most one outgoing message (SPEC §10): JSON-RPC framing and errors, the legacy
 * handshake, stateless 2026-07-28 requests, and routing to tools, resources and prompts. Holds the agreed protocol
 * version of this stdio session. Not thread-safe: lines are handled one at a time, in order.
 */
final class Dispatcher {
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final McpWorkspace ws;
    private final PrintStream log;
    private final Tools tools;
    private final ToolListing listing;
    private final Resources resources;
    private final Prompts prompts;
    /** The version {@code initialize} agreed; {@code null} before the handshake (requests are then served as 2025-11-25). */
    private String agreed;

    Dispatcher(McpWorkspace ws, PrintStream log) {
        this.ws = ws;
        this.log = log;
        this.tools = new Tools(ws);
        this.listing = new ToolListing(tools, ws.schemas());
        this.resources = new Resources(ws);
        this.prompts = new Prompts(ws);
    }

    /** The response to one line, or {@code null} when nothing is to be sent (notifications, blank lines). */
    JsonNode handle(byte[] line) {
        if (isBlank(line)) {
            return null;
        }
        JsonNode message;
        try {
            message = READER.readTree(line);
        } catch (IOException e) {
            return error(NullNode.instance, RpcException.PARSE_ERROR, "Parse error: " + firstLine(e), null);
        }
        if (message == null || message.isMissingNode()) {
            return null;
        }
        if (message.isArray()) {
            return batch((ArrayNode) message);
        }
        return message(message);
    }

    private JsonNode batch(ArrayNode batch) {
        String version = agreed == null ? Protocol.LEGACY.get(0) : agreed;
        if (!Protocol.batches(version) || batch.isEmpty()) {
            return error(NullNode.instance, RpcException.INVALID_REQUEST,
                    batch.isEmpty() ? "Invalid Request: empty batch" : "Invalid Request: batches are not supported in protocol version " + version, null);
        }
        ArrayNode responses = Json.MAPPER.createArrayNode();
        for (JsonNode m : batch) {
            JsonNode r = message(m);
            if (r != null) {
                responses.add(r);
            }
        }
        return responses.isEmpty() ? null : responses;
    }

    private JsonNode message(JsonNode m) {
        if (!m.isObject()) {
            return error(NullNode.instance, RpcException.INVALID_REQUEST, "Invalid Request: a message is a JSON object", null);
        }
        JsonNode id = m.get("id");
        boolean notification = id == null;
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            return error(NullNode.instance, RpcException.INVALID_REQUEST, "Invalid Request: id must be a string or an integer", null);
        }
        JsonNode method = m.get("method");
        if (method == null && (m.has("result") || m.has("error"))) {
            return null; // a client's response; this server sends no requests
        }
        if (!"2.0".equals(m.path("jsonrpc").asText(null)) || method == null || !method.isTextual()) {
            return notification ? null : error(id, RpcException.INVALID_REQUEST, "Invalid Request: needs jsonrpc \"2.0\" and a method", null);
        }
        if (notification) {
            return null; // notifications/initialized, notifications/cancelled, …: never answered
        }
        try {
            JsonNode params = m.get("params");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: params must be an object");
            }
            ObjectNode p = params instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
            return result(id, call(method.asText(), p));
        } catch (RpcException e) {
            return error(id, e.code, e.getMessage(), e.data);
        } catch (RuntimeException e) {
            log.println("backlog mcp: internal error in " + method.asText() + ": " + e);
            e.printStackTrace(log);
            return error(id, RpcException.INTERNAL_ERROR, "Internal error: " + e.getMessage(), null);
        }
    }

    private ObjectNode call(String method, ObjectNode params) {
        String modern = requestedVersion(params);
        String version = modern != null ? modern : agreed != null ? agreed : Protocol.LEGACY.get(0);
        ObjectNode result = switch (method) {
            case "initialize" -> initialize(params);
            case "server/discover" -> discover();
            case "ping" -> Json.MAPPER.createObjectNode();
            case "tools/list" -> listing.result(version).deepCopy();
            case "tools/call" -> callTool(params);
            case "resources/list" -> resources.list();
            case "resources/templates/list" -> resources.templates();
            case "resources/read" -> resources.read(params, Protocol.MODERN.equals(version));
            case "prompts/list" -> prompts.list();
            case "prompts/get" -> prompts.get(params);
            default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found: " + method);
        };
        if (Protocol.MODERN.equals(version) || method.equals("server/discover")) {
            result.put("resultType", "complete");
            cacheHints(method, result);
        }
        return result;
    }

    /**
     * 2026-07-28 list and discover results say how long a client may cache them: the tool, template and prompt
     * lists never change while this binary runs; discover names the actor; the resource list is live data.
     */
    private static void cacheHints(String method, ObjectNode result) {
        switch (method) {
            case "tools/list", "resources/templates/list", "prompts/list" -> result.put("ttlMs", 300_000).put("cacheScope", "public");
            case "server/discover" -> result.put("ttlMs", 300_000).put("cacheScope", "private");
            case "resources/list" -> result.put("ttlMs", 0).put("cacheScope", "private");
            default -> { }
        }
    }

    /** The version a stateless request names in {@code _meta}; {@code null} when it names none. */
    private static String requestedVersion(ObjectNode params) {
        JsonNode v = params.path("_meta").get(Protocol.META_VERSION);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !Protocol.SUPPORTED.contains(v.asText())) {
            ObjectNode data = Json.MAPPER.createObjectNode();
            data.putArray("supported").addAll(Protocol.SUPPORTED.stream().map(s -> (JsonNode) Json.MAPPER.getNodeFactory().textNode(s)).toList());
            data.set("requested", v);
            throw new RpcException(RpcException.UNSUPPORTED_VERSION, "Unsupported protocol version: " + v, data);
        }
        return v.asText();
    }

    private ObjectNode initialize(ObjectNode params) {
        agreed = Protocol.negotiate(params.path("protocolVersion").asText(""));
        ObjectNode r = Json.MAPPER.createObjectNode().put("protocolVersion", agreed);
        r.set("capabilities", capabilities());
        r.set("serverInfo", serverInfo());
        r.put("instructions", instructions());
        return r;
    }

    private ObjectNode discover() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        ArrayNode versions = r.putArray("supportedVersions");
        Protocol.SUPPORTED.forEach(versions::add);
        r.set("capabilities", capabilities());
        r.set("serverInfo", serverInfo());
        r.put("instructions", instructions());
        return r;
    }

    private static ObjectNode capabilities() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putObject("tools").put("listChanged", false);
        c.putObject("resources");
        c.putObject("prompts");
        return c;
    }

    private ObjectNode serverInfo() {
        return Json.MAPPER.createObjectNode().put("name", "backlog").put("title", "backlog").put("version", ws.version());
    }

    private String instructions() {
        return "backlog is this repository's shared task queue and memory; writes are signed as " + ws.actor()
                + (ws.defaultProject() == null ? "" : " and the default project is " + ws.defaultProject())
                + ". Start with task_next (claim: true) or task_list, read plan_list and memory_list, record a plan with"
                + " plan_add and decisions with memory_add, finish with comment_add and task_move to done. Conflicts such as"
                + " TASK_ALREADY_CLAIMED or STALE_VERSION come back as tool errors carrying the code: re-read and retry.";
    }

    private ObjectNode callTool(ObjectNode params) {
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: tools/call needs the tool name");
        }
        Tools.Tool tool = tools.get(name.asText());
        if (tool == null) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Unknown tool: " + name.asText());
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: arguments must be an object");
        }
        ObjectNode r = Json.MAPPER.createObjectNode();
        try {
            JsonNode document = Json.MAPPER.valueToTree(tools.call(tool, arguments));
            r.putArray("content").addObject().put("type", "text").put("text", document.toString());
            r.set("structuredContent", document);
            r.put("isError", false);
        } catch (BacklogException e) {
            if (e.code() == ErrorCode.INTERNAL) {
                throw e;
            }
            r.putArray("content").addObject().put("type", "text").put("text", e.code().name() + ": " + e.getMessage());
            r.putObject("structuredContent").set("error", errorDocument(e));
            r.put("isError", true);
        }
        return r;
    }

    /** The §2.6 error object: {@code code}, {@code message}, {@code details}. */
    static ObjectNode errorDocument(BacklogException e) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", e.code().name()).put("message", e.getMessage());
        error.set("details", Json.MAPPER.valueToTree(e.details()));
        return error;
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        ObjectNode e = r.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            e.set("data", data);
        }
        return r;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? "invalid JSON" : m.lines().findFirst().orElse("invalid JSON");
    }
}
