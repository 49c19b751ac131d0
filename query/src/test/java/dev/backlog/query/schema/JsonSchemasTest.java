package dev.backlog.query.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventTypes;
import dev.backlog.projector.Json;
import dev.backlog.query.Views;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The schemas against what {@link Json#MAPPER} really writes: every event payload and entity is instantiated with
 * placeholder values, serialised and checked against its schema by a small validator (the keywords the schemas use).
 * Command schemas are exercised with local request records and annotations; the real request records of
 * {@code commands} are checked by the CLI's {@code SchemaCommandTest}, since this module does not import them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JsonSchemasTest {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Must {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
    @interface Says {
        String value();
    }

    @Says("Create a widget.")
    record AddWidget(@Must @Says("Its name") String name, String note, Object priority, List<String> tags,
                     List<Object> priorities, Boolean force, Long baseVersion, Integer limit, List<Part> parts) {
        record Part(@Must String title, String body) {}
    }

    @Says("Check the line.")
    record Ping() {}

    private static final Map<String, Class<? extends Record>> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("widget_add", AddWidget.class);
        TOOLS.put("ping", Ping.class);
    }

    private final JsonSchemas schemas = JsonSchemas.of(new RequestTypes(TOOLS, c -> c.isAnnotationPresent(Must.class),
            e -> e.isAnnotationPresent(Says.class) ? e.getAnnotation(Says.class).value() : null));

    private ObjectNode schema(String name) {
        return schemas.schema(name).orElseThrow(() -> new AssertionError("no schema " + name));
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void every_event_type_has_a_schema_that_its_serialised_payload_satisfies() {
        for (String type : EventTypes.names()) {
            ObjectNode schema = schema("events/" + type);
            JsonNode payload = Json.MAPPER.valueToTree(blank(EventTypes.byName(type)));
            assertThat(keys(schema.get("properties"))).as(type).isEqualTo(keys(payload));
            assertThat(violations(schema, payload, type)).isEmpty();
        }
    }

    @Test
    void nulls_and_empty_lists_satisfy_the_output_schemas() {
        Map<String, Class<?>> outputs = new LinkedHashMap<>();
        EventTypes.names().forEach(t -> outputs.put("events/" + t, EventTypes.byName(t)));
        outputs.put("entities/Task", Views.TaskView.class);
        outputs.put("entities/Project", Views.ProjectView.class);
        outputs.put("entities/Event", Views.EventView.class);
        outputs.put("entities/Claim", Views.ClaimView.class);
        outputs.forEach((name, type) -> {
            JsonNode value = Json.MAPPER.valueToTree(blank(type, true));
            assertThat(violations(schema(name), value, name)).isEmpty();
        });
    }

    @Test
    void event_payload_properties_are_snake_case_and_all_required() {
        ObjectNode created = schema("events/TaskCreated");
        assertThat(texts(created.get("required"))).contains("task_id", "project_id", "due_at", "external_ref", "project_path");
        assertThat(created.at("/properties/number/type").asText()).isEqualTo("integer");
        assertThat(texts(created.at("/properties/description/type"))).containsExactly("string", "null");
        assertThat(texts(schema("events/TaskClaimed").at("/properties/superseded/type"))).containsExactly("object", "null");
        assertThat(schema("events/ProjectArchived").get("properties")).isEmpty();
    }

    @Test
    void the_schema_of_entities_Task_has_exactly_the_keys_of_a_serialised_TaskView() {
        JsonNode task = Json.MAPPER.valueToTree(blank(Views.TaskView.class));
        ObjectNode schema = schema("entities/Task");
        assertThat(keys(schema.get("properties"))).isEqualTo(keys(task)).contains("blocked_by", "former_refs", "claim");
        assertThat(violations(schema, task, "Task")).isEmpty();
    }

    @Test
    void entities_TaskDetail_merges_the_unwrapped_task_and_leaves_as_of_optional() {
        JsonNode detail = Json.MAPPER.valueToTree(blank(Views.TaskDetail.class));
        ObjectNode schema = schema("entities/TaskDetail");
        assertThat(keys(schema.get("properties"))).isEqualTo(keys(detail)).contains("ref", "plans", "as_of").doesNotContain("task");
        assertThat(texts(schema.get("required"))).contains("ref", "comments").doesNotContain("as_of");
        assertThat(violations(schema, detail, "TaskDetail")).isEmpty();
    }

    @Test
    void every_entity_is_satisfied_by_its_serialised_view() {
        Map<String, Class<?>> views = Map.of("Project", Views.ProjectView.class, "Comment", Views.CommentView.class,
                "Label", Views.LabelView.class, "Event", Views.EventView.class, "Claim", Views.ClaimView.class,
                "Actor", Views.ActorView.class);
        views.forEach((name, type) -> {
            ObjectNode schema = schema("entities/" + name);
            JsonNode value = Json.MAPPER.valueToTree(blank(type));
            assertThat(keys(schema.get("properties"))).as(name).isEqualTo(keys(value));
            assertThat(violations(schema, value, name)).isEmpty();
        });
    }

    @Test
    void command_schemas_are_closed_objects_with_the_annotated_required_arguments() {
        ObjectNode add = schema("commands/widget_add");
        assertThat(add.get("type").asText()).isEqualTo("object");
        assertThat(add.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(texts(add.get("required"))).containsExactly("name");
        assertThat(add.get("description").asText()).isEqualTo("Create a widget.");
        assertThat(keys(add.get("properties"))).containsExactlyInAnyOrder("name", "note", "priority", "tags", "priorities",
                "force", "base_version", "limit", "parts");
        ObjectNode ping = schema("commands/ping");
        assertThat(ping.has("required")).isFalse();
        assertThat(ping.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void command_arguments_map_to_the_documented_types() {
        JsonNode p = schema("commands/widget_add").get("properties");
        assertThat(p.get("name").get("type").asText()).isEqualTo("string");
        assertThat(p.get("name").get("description").asText()).isEqualTo("Its name");
        assertThat(p.get("note").get("type").asText()).isEqualTo("string");
        assertThat(texts(p.get("priority").get("type"))).containsExactly("integer", "string");
        assertThat(p.at("/tags/type").asText()).isEqualTo("array");
        assertThat(p.at("/tags/items/type").asText()).isEqualTo("string");
        assertThat(texts(p.at("/priorities/items/type"))).containsExactly("integer", "string");
        assertThat(p.at("/force/type").asText()).isEqualTo("boolean");
        assertThat(p.at("/base_version/type").asText()).isEqualTo("integer");
        assertThat(p.at("/limit/type").asText()).isEqualTo("integer");
        assertThat(p.at("/parts/items/type").asText()).isEqualTo("object");
        assertThat(texts(p.at("/parts/items/required"))).containsExactly("title");
        assertThat(p.at("/parts/items/additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void the_error_schema_enumerates_every_error_code() {
        ObjectNode error = schema("error");
        assertThat(texts(error.get("required"))).containsExactly("error");
        assertThat(texts(error.at("/properties/error/required"))).containsExactly("code", "message", "details");
        assertThat(texts(error.at("/properties/error/properties/code/enum")))
                .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void the_envelope_lists_the_stored_columns_and_every_event_type() {
        ObjectNode envelope = schema("envelope");
        assertThat(texts(envelope.get("required"))).containsExactly("seq", "event_id", "stream", "stream_version", "type",
                "schema_version", "actor_kind", "actor_name", "occurred_at", "recorded_at", "origin", "correlation_id",
                "payload", "prev_hash", "hash");
        List<String> types = new ArrayList<>();
        EventTypes.names().forEach(types::add);
        assertThat(texts(envelope.at("/properties/type/enum"))).containsExactlyElementsOf(types);
    }

    @Test
    void names_come_in_listing_order_and_the_document_holds_them_all() {
        List<String> names = schemas.names();
        assertThat(names.get(0)).isEqualTo("events/WorkspaceCreated");
        assertThat(names).containsSubsequence("events/LabelDeleted", "envelope", "commands/widget_add", "commands/ping",
                "entities/Task", "entities/Actor", "error");
        assertThat(names.get(names.size() - 1)).isEqualTo("error");
        assertThat(schemas.entries()).extracting(JsonSchemas.Entry::name).containsExactlyElementsOf(names);
        ObjectNode doc = schemas.document();
        assertThat(doc.get("$schema").asText()).isEqualTo(JsonSchemas.DIALECT);
        assertThat(new ArrayList<>(keys(doc.get("$defs")))).containsExactlyInAnyOrderElementsOf(names);
        assertThat(doc.get("$defs").get("error").has("$schema")).isFalse();
    }

    @Test
    void a_single_schema_is_a_standalone_document_and_a_copy() {
        ObjectNode one = schema("commands/ping");
        assertThat(one.get("$schema").asText()).isEqualTo(JsonSchemas.DIALECT);
        one.put("type", "string");
        assertThat(schema("commands/ping").get("type").asText()).isEqualTo("object");
        assertThat(schemas.schema("commands/nope")).isEmpty();
    }

    @Test
    void every_listed_schema_has_a_kind_and_a_description() {
        assertThat(schemas.entries()).allSatisfy(e -> {
            assertThat(e.kind()).isIn("event", "envelope", "command", "entity", "error");
            assertThat(e.description()).isNotBlank();
            assertThat(schema(e.name()).get("description").asText()).isEqualTo(e.description());
        });
    }

    private static Object blank(Class<?> type) {
        return blank(type, false);
    }

    /**
     * An instance with placeholder values: nested records filled in, lists with one element, scalars non-null; or,
     * when {@code sparse}, every reference {@code null} except lists (empty) and maps, primitives zero.
     */
    private static Object blank(Class<?> type, boolean sparse) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getGenericType(), sparse);
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object value(Type type, boolean sparse) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (sparse) {
            return raw == int.class ? 0 : raw == long.class ? 0L : raw == boolean.class ? false
                    : raw == List.class ? List.of() : raw == Map.class ? Map.of() : null;
        }
        if (raw == String.class) {
            return "x";
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == List.class) {
            return List.of(value(((ParameterizedType) type).getActualTypeArguments()[0], false));
        }
        if (raw == Map.class) {
            return Map.of("title", "x");
        }
        if (raw == JsonNode.class) {
            return Json.MAPPER.createObjectNode().put("title", "x");
        }
        if (raw == Object.class) {
            return Map.of();
        }
        if (raw.isRecord()) {
            return blank(raw, false);
        }
        throw new AssertionError("no placeholder for " + type);
    }

    /** Checks the keywords the schemas use: type, properties, required, additionalProperties, items, enum. */
    private static List<String> violations(JsonNode schema, JsonNode value, String path) {
        List<String> out = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> allowed = type.isArray() ? texts(type) : List.of(type.asText());
            if (!allowed.contains(typeOf(value))) {
                out.add(path + ": " + typeOf(value) + " is not " + allowed);
                return out;
            }
        }
        if (schema.has("enum") && !texts(schema.get("enum")).contains(value.asText())) {
            out.add(path + ": " + value + " not in enum");
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    out.add(path + ": missing " + r.asText());
                }
            });
            value.fieldNames().forEachRemaining(k -> {
                if (properties.has(k)) {
                    out.addAll(violations(properties.get(k), value.get(k), path + "." + k));
                } else if (!schema.path("additionalProperties").asBoolean(true)) {
                    out.add(path + ": unexpected " + k);
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                out.addAll(violations(schema.get("items"), value.get(i), path + "[" + i + "]"));
            }
        }
        return out;
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }
}
