package dev.backlog.query.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventTypes;
import dev.backlog.projector.Json;
import dev.backlog.query.Views;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema 2020-12 documents of {@code backlog schema} (SPEC §3.12): {@code events/<Type>} for every payload,
 * {@code envelope}, {@code commands/<tool>} for every request record, {@code entities/<Name>} for the JSON shapes
 * of §2.5 and {@code error}. Schemas are derived from the records themselves (listed explicitly, never scanned),
 * so they cannot drift from what the program reads and writes. Every schema is self-contained: nested records
 * are inlined, no {@code $ref}.
 *
 * <p>Build one with {@link #of} and keep it; it is immutable and thread-safe, and every accessor returns a copy.
 * MCP's {@code inputSchema} of a tool must be {@link #schema(String) schema("commands/" + tool)}.
 */
public final class JsonSchemas {
    /** The dialect of every document. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** One schema of the listing: {@code kind} is {@code event}, {@code envelope}, {@code command}, {@code entity} or {@code error}. */
    public record Entry(String name, String kind, String description) {}

    private static final String ULID = "^[0-9A-HJKMNP-TV-Z]{26}$";
    private static final String HASH = "^[0-9a-f]{64}$";

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();

    private JsonSchemas(RequestTypes requests) {
        RecordSchemas output = RecordSchemas.output();
        for (String type : EventTypes.names()) {
            add("events/" + type, "event", "Payload of the " + type + " event.", output.object(EventTypes.byName(type)));
        }
        add("envelope", "envelope", "One stored event: the envelope around a payload (SPEC §4.1).", envelope());
        RecordSchemas input = RecordSchemas.request(requests.required(), requests.doc());
        for (Map.Entry<String, Class<? extends Record>> tool : requests.tools().entrySet()) {
            ObjectNode schema = input.object(tool.getValue());
            add("commands/" + tool.getKey(), "command", schema.path("description").asText(null), schema);
        }
        entity("Task", Views.TaskView.class, "A task as lists show it.", output);
        entity("TaskDetail", Views.TaskDetail.class, "A task with its plans, comments and attachments.", output);
        entity("Project", Views.ProjectView.class, "A project with its task counts.", output);
        entity("Comment", Views.CommentView.class, "A comment on a task.", output);
        entity("Label", Views.LabelView.class, "A label of a project.", output);
        entity("Event", Views.EventView.class, "An event as activity and history show it: envelope, summary, entity.", output);
        entity("Claim", Views.ClaimView.class, "A live or expired claim on a task.", output);
        entity("Actor", Views.ActorView.class, "The author of a write, also the claim identity.", output);
        add("error", "error", "The error document of every interface (SPEC §2.4).", error());
    }

    /** Builds every schema; fails with {@link IllegalArgumentException} when a record has a field without a mapping. */
    public static JsonSchemas of(RequestTypes requests) {
        return new JsonSchemas(requests);
    }

    /** Every schema in listing order: events, envelope, commands, entities, error. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every schema name in listing order. */
    public List<String> names() {
        return List.copyOf(schemas.keySet());
    }

    /** The named schema as a standalone document (with {@code $schema}), or empty when no schema has that name. */
    public Optional<ObjectNode> schema(String name) {
        ObjectNode schema = schemas.get(name);
        if (schema == null) {
            return Optional.empty();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode().put("$schema", DIALECT);
        doc.setAll(schema.deepCopy());
        return Optional.of(doc);
    }

    /** One document holding every schema under {@code $defs}, keyed by name. */
    public ObjectNode document() {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("$schema", DIALECT);
        ObjectNode defs = doc.putObject("$defs");
        schemas.forEach((name, schema) -> defs.set(name, schema.deepCopy()));
        return doc;
    }

    private void entity(String name, Class<?> type, String description, RecordSchemas output) {
        add("entities/" + name, "entity", description, output.object(type));
    }

    private void add(String name, String kind, String description, ObjectNode schema) {
        if (!schema.has("description") && description != null) {
            ObjectNode described = Json.MAPPER.createObjectNode().put("description", description);
            described.setAll(schema);
            schema = described;
        }
        entries.add(new Entry(name, kind, description));
        schemas.put(name, schema);
    }

    /** The §4.1 envelope, written out by hand: it is a table row, not one of the records. */
    private static ObjectNode envelope() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode p = schema.putObject("properties");
        p.putObject("seq").put("type", "integer").put("minimum", 1);
        p.putObject("event_id").put("type", "string").put("pattern", ULID);
        p.putObject("stream").put("type", "string")
                .put("pattern", "^(workspace|project|task|plan|comment|label|memory|doc|attachment)/[0-9A-HJKMNP-TV-Z]{26}$");
        p.putObject("stream_version").put("type", "integer").put("minimum", 1);
        ArrayNode types = p.putObject("type").put("type", "string").putArray("enum");
        EventTypes.names().forEach(types::add);
        p.putObject("schema_version").put("type", "integer").put("minimum", 1);
        p.putObject("actor_kind").put("type", "string").putArray("enum").add("human").add("ai");
        p.putObject("actor_name").put("type", "string").put("pattern", "^[A-Za-z0-9._@-]{1,64}$");
        p.putObject("occurred_at").put("type", "string").put("format", "date-time");
        p.putObject("recorded_at").put("type", "string").put("format", "date-time");
        p.putObject("origin").put("type", "string").put("pattern", ULID);
        p.putObject("correlation_id").put("type", "string").put("pattern", ULID);
        p.putObject("payload").put("description", "Per type: see events/<type>.").put("type", "object");
        p.putObject("prev_hash").put("type", "string").put("pattern", HASH);
        p.putObject("hash").put("type", "string").put("pattern", HASH);
        ArrayNode required = schema.putArray("required");
        p.fieldNames().forEachRemaining(required::add);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** {@code {"error":{"code","message","details"}}}, {@code code} one of the {@link ErrorCode} names. */
    private static ObjectNode error() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode p = body.putObject("properties");
        ArrayNode codes = p.putObject("code").put("type", "string").putArray("enum");
        for (ErrorCode c : ErrorCode.values()) {
            codes.add(c.name());
        }
        p.putObject("message").put("type", "string");
        p.putObject("details").put("type", "object");
        body.putArray("required").add("code").add("message").add("details");
        body.put("additionalProperties", false);
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties").set("error", body);
        schema.putArray("required").add("error");
        schema.put("additionalProperties", false);
        return schema;
    }
}
