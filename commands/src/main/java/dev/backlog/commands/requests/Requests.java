package dev.backlog.commands.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.Json;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request records of every MCP tool (SPEC §10), keyed by tool name in the order of the Tools table. MCP lists
 * its tools from here and HTTP binds its bodies to the same records, so both accept exactly these snake_case
 * arguments. Add a record here when adding a tool; nothing scans the classpath.
 */
public final class Requests {
    /** Tool name → request record, in table order. Unmodifiable. */
    public static final Map<String, Class<? extends Record>> ALL;

    static {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("project_list", ListProjects.class);
        m.put("project_add", AddProject.class);
        m.put("task_add", AddTask.class);
        m.put("task_list", ListTasks.class);
        m.put("task_show", ShowTask.class);
        m.put("task_update", UpdateTask.class);
        m.put("task_move", MoveTask.class);
        m.put("task_claim", ClaimTask.class);
        m.put("task_release", ReleaseTask.class);
        m.put("task_next", NextTask.class);
        m.put("task_link", LinkTask.class);
        m.put("task_unlink", UnlinkTask.class);
        m.put("task_archive", ArchiveTask.class);
        m.put("task_restore", RestoreTask.class);
        m.put("task_history", ShowTaskHistory.class);
        m.put("plan_add", AddPlan.class);
        m.put("plan_update", UpdatePlan.class);
        m.put("plan_show", ShowPlan.class);
        m.put("plan_history", ShowPlanHistory.class);
        m.put("plan_list", ListPlans.class);
        m.put("comment_add", AddComment.class);
        m.put("comment_list", ListComments.class);
        m.put("label_attach", AttachLabel.class);
        m.put("label_detach", DetachLabel.class);
        m.put("label_list", ListLabels.class);
        m.put("memory_add", AddMemory.class);
        m.put("memory_list", ListMemory.class);
        m.put("memory_append", AppendMemory.class);
        m.put("doc_add", AddDoc.class);
        m.put("doc_show", ShowDoc.class);
        m.put("doc_update", UpdateDoc.class);
        m.put("doc_list", ListDocs.class);
        m.put("search", Search.class);
        m.put("activity", ShowActivity.class);
        ALL = Collections.unmodifiableMap(m);
    }

    private Requests() {
    }

    /** Whether an argument carries {@link Required}; pass as the schema builder's required-predicate. */
    public static boolean required(RecordComponent component) {
        return component.isAnnotationPresent(Required.class);
    }

    /** The {@link Doc} text of a request record or argument, or {@code null} when it has none. */
    public static String doc(AnnotatedElement element) {
        Doc d = element.getAnnotation(Doc.class);
        return d == null ? null : d.value();
    }

    /**
     * Binds the JSON arguments of a tool call or HTTP body to its request record ({@code null} = no arguments).
     * Unknown, mistyped and missing required arguments are {@code INVALID_ARGUMENT} naming the {@code field} (SPEC
     * §14: where the CLI says {@code USAGE}, MCP and HTTP say {@code INVALID_ARGUMENT}), so callers can fix them.
     */
    public static <T extends Record> T bind(JsonNode arguments, Class<T> type) {
        T request;
        try {
            request = Json.MAPPER.treeToValue(arguments == null || arguments.isNull() ? Json.MAPPER.createObjectNode() : arguments, type);
        } catch (UnrecognizedPropertyException e) {
            throw BacklogException.invalid(e.getPropertyName(), null, "unknown argument '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "arguments"
                    : e.getPath().get(0).getFieldName();
            throw BacklogException.invalid(field, null, "invalid value for '" + field + "': expected " + expected(type, field));
        } catch (JsonProcessingException e) {
            throw BacklogException.invalid("arguments", null, "invalid arguments: " + e.getOriginalMessage());
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (required(c) && value(c, request) == null) {
                String field = name(c);
                throw BacklogException.invalid(field, null, "missing required argument '" + field + "'");
            }
        }
        return request;
    }

    private static String name(RecordComponent c) {
        return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(c.getName());
    }

    /** What a mistyped argument should have been, in JSON terms. */
    private static String expected(Class<?> type, String field) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (name(c).equals(field)) {
                Class<?> t = c.getType();
                return t == String.class ? "a string"
                        : t == Integer.class || t == Long.class ? "an integer"
                        : t == Boolean.class ? "true or false"
                        : java.util.List.class.isAssignableFrom(t) ? "an array"
                        : t == Object.class ? "an integer or a string" : "an object";
            }
        }
        return "an object of named arguments";
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("request record accessor failed: " + c, e);
        }
    }
}
