package dev.backlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.Json;
import dev.backlog.query.Views.ProjectView;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of SPEC §10: a task, a plan, a doc or a project's memory as the JSON document the matching tool
 * returns. {@code resources/list} names each live project's memory; the rest are reached through the templates.
 */
final class Resources {
    private static final String JSON = "application/json";
    private static final Pattern URI = Pattern.compile("backlog://(task|plan|doc)/([^/?#]+)|backlog://project/([^/?#]+)/memory");

    private final McpWorkspace ws;

    Resources(McpWorkspace ws) {
        this.ws = ws;
    }

    ObjectNode list() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        ArrayNode list = r.putArray("resources");
        for (ProjectView p : ws.queries().projects(false, false).projects()) {
            list.addObject().put("uri", "backlog://project/" + p.alias() + "/memory").put("name", p.alias() + "-memory")
                    .put("title", "Memory of " + p.name()).put("mimeType", JSON);
        }
        return r;
    }

    ObjectNode templates() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        ArrayNode list = r.putArray("resourceTemplates");
        template(list, "backlog://task/{ref}", "task", "A task with its plans, comments and attachments");
        template(list, "backlog://plan/{id}", "plan", "A plan at its current version");
        template(list, "backlog://doc/{id}", "doc", "A document at its current version");
        template(list, "backlog://project/{alias}/memory", "project-memory", "A project's memory entries, newest first");
        return r;
    }

    private static void template(ArrayNode list, String uri, String name, String description) {
        list.addObject().put("uriTemplate", uri).put("name", name).put("description", description).put("mimeType", JSON);
    }

    /** {@code resources/read}; an unknown entity is -32002 (legacy) or -32602 (2026-07-28), with the backlog error as data. */
    ObjectNode read(ObjectNode params, boolean modern) {
        JsonNode uriNode = params.get("uri");
        if (uriNode == null || !uriNode.isTextual()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: resources/read needs a uri");
        }
        String uri = uriNode.asText();
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Unknown resource URI: " + uri);
        }
        Object document;
        try {
            document = m.group(1) == null
                    ? ws.queries().memories(decode(m.group(3)), null, Tools.MAX_LIMIT)
                    : switch (m.group(1)) {
                        case "task" -> ws.queries().task(decode(m.group(2)));
                        case "plan" -> ws.queries().plan(decode(m.group(2)), null);
                        default -> ws.queries().doc(decode(m.group(2)), null);
                    };
        } catch (BacklogException e) {
            boolean notFound = e.code().exitStatus() == 3;
            ObjectNode data = Dispatcher.errorDocument(e).put("uri", uri);
            throw new RpcException(notFound && !modern ? RpcException.RESOURCE_NOT_FOUND : RpcException.INVALID_PARAMS,
                    (notFound ? "Resource not found: " : "Invalid resource: ") + e.getMessage(), data);
        }
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.putArray("contents").addObject().put("uri", uri).put("mimeType", JSON).put("text", Json.MAPPER.valueToTree(document).toString());
        return r;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
