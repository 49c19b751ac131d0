package dev.backlog.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of SPEC §2.5: what {@code --json} prints, the HTTP API returns and MCP puts in
 * {@code structuredContent}. Field names become snake_case; absent scalars are {@code null}, never omitted.
 */
public interface Views {
    record ActorView(String kind, String name) {
        @Override
        public String toString() {
            return kind + ":" + name;
        }
    }

    record Counts(long todo, long doing, long review, long done) {}

    record ProjectView(String id, String alias, String name, String description, String repoPath, ActorView actor,
                       String createdAt, String updatedAt, String archivedAt, Counts counts, long version) {}

    record ProjectRef(String id, String alias, String name) {}

    record ClaimView(ActorView actor, String claimedAt, String leaseExpiresAt, boolean expired) {}

    record TaskView(String id, String ref, long number, ProjectRef project, String title, String description, String type,
                    String status, int priority, String assignee, String dueAt, List<String> labels, String source,
                    String externalRef, String projectPath, ActorView actor, ClaimView claim, List<String> blockedBy,
                    List<String> blocks, boolean ready, List<String> formerRefs, String createdAt, String updatedAt,
                    String completedAt, String archivedAt, long version) {}

    record CommentView(String id, String taskId, String taskRef, String body, ActorView actor, String createdAt) {}

    /** Task + plans, comments and attachments; {@code as_of} only for time travel. */
    record TaskDetail(@JsonUnwrapped TaskView task, List<PlanView> plans, List<CommentView> comments,
                      List<AttachmentView> attachments, @JsonInclude(JsonInclude.Include.NON_NULL) AsOf asOf) {}

    /** One immutable revision of a plan or doc. */
    record VersionView(long version, String title, String body, String changeNote, ActorView actor, String createdAt,
                       String eventId) {}

    record PlanView(String id, String taskId, String taskRef, ProjectKey project, long currentVersion, String source, ActorView actor,
                    String createdAt, String updatedAt, VersionView version) {}

    record PlanList(List<PlanView> plans) {}

    record VersionList(List<VersionView> versions) {}

    record PlanDiff(String planId, long from, long to, String titleFrom, String titleTo, String diff) {}

    record DocDiff(String docId, long from, long to, String titleFrom, String titleTo, String diff) {}

    record DocView(String id, ProjectRef project, String title, long currentVersion, ActorView actor, String createdAt,
                   String updatedAt, VersionView version) {}

    record DocList(List<DocView> docs) {}

    record MemoryView(String id, ProjectRef project, String body, List<String> tags, ActorView actor, String createdAt,
                      String updatedAt, long version) {}

    record MemoryList(List<MemoryView> entries) {}

    /** {@code ref} is the task ref for task targets, {@code title} the doc title for doc targets (the other is null). */
    record TargetRef(String kind, String id, String ref, String title) {}

    record AttachmentView(String id, String name, String mimeType, long size, String sha256, TargetRef target,
                          ActorView actor, String createdAt) {}

    record AttachmentList(List<AttachmentView> attachments) {}

    record SearchResult(String kind, String id, String ref, String taskId, ProjectKey project, String title, String snippet,
                        double rank, String updatedAt) {}

    record SearchResults(List<SearchResult> results, Page page) {}

    record AsOf(String time, long seq) {}

    record Page(long total, long count, long limit, long offset) {}

    record Scope(String project) {}

    record TaskList(List<TaskView> tasks, Page page, Scope scope, @JsonInclude(JsonInclude.Include.NON_NULL) AsOf asOf) {}

    record ProjectList(List<ProjectView> projects) {}

    record LabelView(String id, String projectId, String name, String color, long taskCount, String createdAt) {}

    record LabelList(List<LabelView> labels) {}

    record CommentList(List<CommentView> comments) {}

    record EntityRef(String kind, String id, String ref) {}

    record ProjectKey(String id, String alias) {}

    /** An event: the §4.1 envelope plus a rendered summary, the entity and its project. */
    record EventView(long seq, String eventId, String stream, long streamVersion, String type, int schemaVersion,
                     String actorKind, String actorName, String occurredAt, String recordedAt, String origin,
                     String correlationId, JsonNode payload, String prevHash, String hash, String summary,
                     EntityRef entity, ProjectKey project) {}

    record EventList(List<EventView> events, @JsonInclude(JsonInclude.Include.NON_NULL) Page page) {}

    record WorkspaceView(String workspaceId, String name, String path, String db) {}

    record VerifyReport(boolean ok, long events, long headSeq, String headHash) {}

    record Check(String name, boolean ok, String detail) {}

    record CheckReport(boolean ok, List<Check> checks) {}

    /** One finding of {@code doctor project}; {@code ref}/{@code task_id} are null for findings not about a task. */
    record LintIssue(String severity, String code, String ref, String taskId, String title, String detail,
                     Map<String, Object> evidence) {}

    /** {@code doctor project} (SPEC §12.4); {@code issues} holds at most the limit, {@code total_detected} all. */
    record LintReport(String project, String generatedAt, String staleAfter, int issueCount, int totalDetected, boolean truncated,
                      List<LintIssue> issues) {}

    /** The command result of deletes and settings (§2.5). */
    record CommandResult(boolean ok, String action, String entity, String id, String ref, String message) {}
}
