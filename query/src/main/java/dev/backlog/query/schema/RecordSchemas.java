package dev.backlog.query.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.projector.Json;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Derives the JSON Schema of a record from its components, named as {@link Json#MAPPER} names them (snake_case,
 * {@code @JsonProperty}, {@code @JsonUnwrapped}, {@code @JsonIgnore}, {@code @JsonInclude}). Two modes:
 * <ul>
 *   <li>{@link #output()} for what the program writes (events, entities): every property is present, reference
 *       types may be {@code null} except lists and maps, and {@code Object}/{@code JsonNode} is any value;</li>
 *   <li>{@link #request} for what callers send: only annotated arguments are required, optional arguments are
 *       simply left out (binders also take {@code null} as absent), and an {@code Object} argument is an integer or
 *       a string (priorities: {@code 2} or "P2").</li>
 * </ul>
 * Types without a mapping fail with {@link IllegalArgumentException}, so a new kind of field is noticed at once.
 */
final class RecordSchemas {
    private static final PropertyNamingStrategy NAMING = Json.MAPPER.getSerializationConfig().getPropertyNamingStrategy();

    private final boolean request;
    private final Predicate<RecordComponent> required;
    private final Function<AnnotatedElement, String> doc;

    private RecordSchemas(boolean request, Predicate<RecordComponent> required, Function<AnnotatedElement, String> doc) {
        this.request = request;
        this.required = required;
        this.doc = doc;
    }

    static RecordSchemas output() {
        return new RecordSchemas(false, c -> true, e -> null);
    }

    static RecordSchemas request(Predicate<RecordComponent> required, Function<AnnotatedElement, String> doc) {
        return new RecordSchemas(true, required, doc);
    }

    /** {@code type: object} with the record's properties, {@code required} and {@code additionalProperties: false}. */
    ObjectNode object(Class<?> type) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        String description = doc.apply(type);
        if (description != null) {
            schema.put("description", description);
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode requiredNames = Json.MAPPER.createArrayNode();
        addProperties(type, "", "", properties, requiredNames);
        if (!requiredNames.isEmpty()) {
            schema.set("required", requiredNames);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private void addProperties(Class<?> type, String prefix, String suffix, ObjectNode properties, ArrayNode requiredNames) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("not a record: " + type.getName());
        }
        for (RecordComponent c : type.getRecordComponents()) {
            JsonIgnore ignore = annotation(c, JsonIgnore.class);
            if (ignore != null && ignore.value()) {
                continue;
            }
            JsonUnwrapped unwrapped = annotation(c, JsonUnwrapped.class);
            if (unwrapped != null && unwrapped.enabled()) {
                addProperties(c.getType(), prefix + unwrapped.prefix(), unwrapped.suffix() + suffix, properties, requiredNames);
                continue;
            }
            String name = prefix + name(c) + suffix;
            boolean omittedWhenNull = omittedWhenNull(c);
            boolean isRequired = request ? required.test(c) : !omittedWhenNull;
            // Requests advertise no null: absent means "not given" and keeps every tools/list compact (SPEC §13).
            boolean nullable = !request && !omittedWhenNull && mayBeNull(c.getType());
            ObjectNode property = schema(c.getGenericType(), nullable);
            String description = doc.apply(c);
            if (description != null) {
                ObjectNode described = Json.MAPPER.createObjectNode().put("description", description);
                described.setAll(property);
                property = described;
            }
            properties.set(name, property);
            if (isRequired) {
                requiredNames.add(name);
            }
        }
    }

    private ObjectNode schema(Type type, boolean nullable) {
        if (type instanceof WildcardType w) {
            return schema(w.getUpperBounds()[0], nullable);
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return typed("string", nullable);
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class
                || raw == Integer.class || raw == Long.class || raw == Short.class || raw == Byte.class) {
            return typed("integer", nullable);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean", nullable);
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            return typed("number", nullable);
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return Json.MAPPER.createObjectNode();
        }
        if (raw == Object.class) {
            if (!request) {
                return Json.MAPPER.createObjectNode();
            }
            ObjectNode scalar = Json.MAPPER.createObjectNode();
            scalar.putArray("type").add("integer").add("string");
            return scalar;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = typed("array", nullable);
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            array.set("items", schema(item, false));
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return typed("object", nullable);
        }
        if (raw.isRecord()) {
            ObjectNode object = object(raw);
            if (nullable) {
                object.putArray("type").add("object").add("null");
            }
            return object;
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + type.getTypeName());
    }

    private static ObjectNode typed(String type, boolean nullable) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (nullable) {
            node.putArray("type").add(type).add("null");
        } else {
            node.put("type", type);
        }
        return node;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + type.getTypeName());
    }

    /** Values the mapper may write as {@code null}: anything but primitives, collections and maps. */
    private static boolean mayBeNull(Class<?> type) {
        return !type.isPrimitive() && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type);
    }

    private static String name(RecordComponent c) {
        JsonProperty explicit = annotation(c, JsonProperty.class);
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return NAMING instanceof PropertyNamingStrategies.NamingBase n ? n.translate(c.getName()) : c.getName();
    }

    private static boolean omittedWhenNull(RecordComponent c) {
        JsonInclude include = annotation(c, JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }

    /**
     * A Jackson annotation of a component. Javac copies an annotation written on a component to the field, the
     * accessor or the constructor parameter according to its {@code @Target}, so all three places are checked.
     */
    private static <A extends Annotation> A annotation(RecordComponent c, Class<A> type) {
        A a = c.getAnnotation(type);
        if (a == null) {
            a = c.getAccessor().getAnnotation(type);
        }
        if (a == null) {
            try {
                Field f = c.getDeclaringRecord().getDeclaredField(c.getName());
                a = f.getAnnotation(type);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("record component without field: " + c, e);
            }
        }
        return a;
    }
}
