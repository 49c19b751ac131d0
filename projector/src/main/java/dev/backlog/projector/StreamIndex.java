package dev.backlog.projector;

import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.RecordedEvent;

/** Records, at creation, which project and task each stream belongs to (kept after deletes). */
final class StreamIndex {
    private static final String INSERT = """
            INSERT OR IGNORE INTO streams (stream, kind, entity_id, project_id, task_id, number, name)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String TASK_PROJECT = "SELECT project_id FROM streams WHERE stream = 'task/' || ?";
    private static final String DOC_PROJECT = "SELECT project_id FROM streams WHERE stream = 'doc/' || ?";
    private final Db db;
    /**
     * Task stream → project, remembered during a whole-log replay only: a stream's row is written once, at
     * creation, and never changes, and a replay asks for it once per comment (82,000 statements on the benchmark).
     */
    private final java.util.Map<String, String> taskProjects;

    StreamIndex(Db db, boolean replaying) {
        this.db = db;
        this.taskProjects = replaying ? new java.util.HashMap<>() : null;
    }

    private String taskProject(String taskId) {
        if (taskProjects == null) {
            return db.string(TASK_PROJECT, taskId);
        }
        String project = taskProjects.get(taskId);
        if (project == null) {
            project = db.string(TASK_PROJECT, taskId);
            if (project != null) {
                taskProjects.put(taskId, project);
            }
        }
        return project;
    }

    void record(RecordedEvent e) {
        EventPayload p = e.payload();
        switch (p) {
            case WorkspaceCreated w -> db.update(INSERT, e.stream(), "workspace", w.workspaceId(), null, null, null, w.name());
            case ProjectCreated c -> db.update(INSERT, e.stream(), "project", c.projectId(), c.projectId(), null, null, c.alias());
            case TaskCreated c -> db.update(INSERT, e.stream(), "task", c.taskId(), c.projectId(), c.taskId(), c.number(), c.title());
            case LabelCreated c -> db.update(INSERT, e.stream(), "label", c.labelId(), c.projectId(), null, null, c.name());
            case CommentAdded c -> db.update(INSERT, e.stream(), "comment", c.commentId(), taskProject(c.taskId()),
                    c.taskId(), null, null);
            case PlanAdded a -> db.update(INSERT, e.stream(), "plan", a.planId(), taskProject(a.taskId()), a.taskId(), null, a.title());
            case DocAdded a -> db.update(INSERT, e.stream(), "doc", a.docId(), a.projectId(), null, null, a.title());
            case MemoryAdded m -> db.update(INSERT, e.stream(), "memory", m.memoryId(), m.projectId(), null, null, null);
            case AttachmentAdded a -> db.update(INSERT, e.stream(), "attachment", a.attachmentId(),
                    "task".equals(a.targetKind()) ? taskProject(a.targetId()) : db.string(DOC_PROJECT, a.targetId()),
                    "task".equals(a.targetKind()) ? a.targetId() : null, null, a.name());
            default -> {
            }
        }
    }
}
