package dev.backlog.commands.requests;

import java.lang.reflect.AnnotatedElement;
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
}
