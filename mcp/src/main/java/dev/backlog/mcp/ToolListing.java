package dev.backlog.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.projector.Json;
import dev.backlog.query.schema.JsonSchemas;

/**
 * The {@code tools/list} result. Input schemas are the {@code schema commands/<name>} documents without
 * {@code $schema} and {@code description} (2020-12 is MCP's default dialect; the description becomes the tool's);
 * output schemas type only the list key of list results, because the whole listing has a budget of 16,000
 * characters (SPEC §13).
 * Built once per flavour and then shared; immutable after construction.
 */
final class ToolListing {
    private final ObjectNode withOutput;
    private final ObjectNode withoutOutput;

    ToolListing(Tools tools, JsonSchemas schemas) {
        withOutput = build(tools, schemas, true);
        withoutOutput = build(tools, schemas, false);
    }

    /** The result for a protocol version; callers must not modify it. */
    ObjectNode result(String version) {
        return Protocol.structuredOutput(version) ? withOutput : withoutOutput;
    }

    private static ObjectNode build(Tools tools, JsonSchemas schemas, boolean output) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("tools");
        for (Tools.Tool t : tools.all()) {
            ObjectNode input = schemas.schema("commands/" + t.name()).orElseThrow();
            input.remove("$schema");
            String description = input.remove("description").asText();
            ObjectNode tool = list.addObject().put("name", t.name()).put("title", t.title()).put("description", description);
            tool.set("inputSchema", input);
            if (output) {
                // No "required": an isError result carries {"error": …} as structuredContent, and clients validate
                // every structuredContent against this schema (the v1 TypeScript SDK does), so the keys are typed only.
                ObjectNode out = tool.putObject("outputSchema").put("type", "object");
                if (!t.resultKeys().isEmpty()) {
                    ObjectNode properties = out.putObject("properties");
                    t.resultKeys().forEach((key, type) -> properties.putObject(key).put("type", type));
                }
            }
            // Only hints that differ from MCP's defaults (readOnly false, destructive true, idempotent false).
            ObjectNode hints = tool.putObject("annotations");
            if (t.effect() == Tools.Effect.READ) {
                hints.put("readOnlyHint", true);
            } else {
                hints.put("destructiveHint", false);
                if (t.effect() == Tools.Effect.IDEMPOTENT_WRITE) {
                    hints.put("idempotentHint", true);
                }
            }
        }
        return result;
    }
}
