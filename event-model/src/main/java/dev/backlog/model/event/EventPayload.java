package dev.backlog.model.event;

import java.util.List;
import java.util.Map;

/**
 * The typed payload of one event (SPEC §4.2). Records hold facts only, no logic. A stored type name never changes;
 * {@link EventTypes} maps names to records explicitly (no classpath scanning).
 */
public sealed interface EventPayload {

    record WorkspaceCreated(String workspaceId, String name, String appVersion) implements EventPayload {}

    record ProjectCreated(String projectId, String alias, String name, String description, String repoPath) implements EventPayload {}

    /** Only the changed fields; a {@code null} value means cleared. */
    record ProjectUpdated(Map<String, Object> changes) implements EventPayload {}

    record ProjectArchived() implements EventPayload {}

    record ProjectRestored() implements EventPayload {}

    record ProjectDeleted() implements EventPayload {}

    record TaskCreated(String taskId, long number, String projectId, String title, String description, String type,
                       String status, int priority, String assignee, String dueAt, String source, String externalRef,
                       String projectPath) implements EventPayload {}

    /** Only the changed fields; a {@code null} value means cleared. */
    record TaskUpdated(Map<String, Object> changes) implements EventPayload {}

    record TaskStatusChanged(String from, String to, boolean forced) implements EventPayload {}

    record Superseded(String actorKind, String actorName, String leaseExpiresAt) {}

    record TaskClaimed(String leaseExpiresAt, boolean renewal, Superseded superseded) implements EventPayload {}

    record Holder(String kind, String name) {}

    record TaskReleased(String reason, Holder holder) implements EventPayload {}

    record TaskLinked(String kind, String targetTaskId) implements EventPayload {}

    record TaskUnlinked(String kind, String targetTaskId) implements EventPayload {}

    record LabelAttached(String labelId, String name) implements EventPayload {}

    record LabelDetached(String labelId, String name) implements EventPayload {}

    record TaskArchived() implements EventPayload {}

    record TaskRestored() implements EventPayload {}

    record TaskDeleted() implements EventPayload {}

    record CommentAdded(String commentId, String taskId, String body) implements EventPayload {}

    record CommentDeleted() implements EventPayload {}

    record LabelCreated(String labelId, String projectId, String name, String color) implements EventPayload {}

    /** Only the changed fields ({@code name}, {@code color}). */
    record LabelUpdated(Map<String, Object> changes) implements EventPayload {}

    record LabelDeleted() implements EventPayload {}

    record PlanAdded(String planId, String taskId, String title, String body, String source, String changeNote) implements EventPayload {}

    /** A new version of a plan; {@code baseVersion} is the version the author revised (kept for audit). */
    record PlanRevised(long baseVersion, String title, String body, String changeNote) implements EventPayload {}

    record PlanDeleted() implements EventPayload {}

    record MemoryAdded(String memoryId, String projectId, String body, List<String> tags) implements EventPayload {}

    record MemoryAppended(String text) implements EventPayload {}

    /** Only the changed fields ({@code body}, {@code tags}). */
    record MemoryUpdated(Map<String, Object> changes) implements EventPayload {}

    record MemoryDeleted() implements EventPayload {}

    record DocAdded(String docId, String projectId, String title, String body, String changeNote) implements EventPayload {}

    record DocRevised(long baseVersion, String title, String body, String changeNote) implements EventPayload {}

    record DocDeleted() implements EventPayload {}

    record AttachmentAdded(String attachmentId, String targetKind, String targetId, String name, String mimeType, long size,
                           String sha256) implements EventPayload {}

    record AttachmentRemoved() implements EventPayload {}

    /** Release reasons of {@link TaskReleased}. */
    List<String> RELEASE_REASONS = List.of("released", "completed", "returned", "archived", "forced");
}
