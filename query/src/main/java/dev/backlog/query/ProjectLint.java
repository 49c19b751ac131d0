package dev.backlog.query;

import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.query.Views.LintIssue;
import dev.backlog.query.Views.LintReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor project} (SPEC §12.4): read-only rules over one project's live tasks, evaluated from typed events
 * and projections, never from summary text. Each rule is one query below. Not thread-safe (one connection).
 */
final class ProjectLint {
    private static final String TASKS = """
            SELECT task_id, number, title, status, claim_kind, claim_name, lease_expires_at, created_at FROM tasks
            WHERE project_id = ? AND archived_at IS NULL""";
    /**
     * The newest event on the task's own streams: the task, its comments, plans and attachments ({@code task_streams}
     * also lists linked tasks, labels and the project, which say nothing about progress on this task).
     */
    private static final String LAST_EVENT = """
            SELECT max(e.occurred_at) FROM events e JOIN task_streams s ON s.stream = e.stream
            WHERE s.task_id = ? AND (s.stream = 'task/' || s.task_id OR s.stream LIKE 'comment/%' OR s.stream LIKE 'plan/%'
                                     OR s.stream LIKE 'attachment/%')""";
    private static final String STATUS_CHANGES = "SELECT count(*) FROM events WHERE stream = ? AND type = 'TaskStatusChanged'";
    private static final String PLANS = "SELECT count(*) FROM plans WHERE task_id = ?";
    /** The seq of the last move to done, and of the last start before it (claim or move to doing). */
    private static final String COMPLETION = """
            SELECT max(seq) FROM events WHERE stream = ? AND type = 'TaskStatusChanged' AND json_extract(payload, '$.to') = 'done'""";
    private static final String LAST_START = """
            SELECT max(seq) FROM events WHERE stream = ? AND seq < ? AND (type = 'TaskClaimed'
                OR (type = 'TaskStatusChanged' AND json_extract(payload, '$.to') = 'doing'))""";
    private static final String COMMENTS_BETWEEN = """
            SELECT count(*) FROM events WHERE type = 'CommentAdded' AND json_extract(payload, '$.task_id') = ? AND seq > ? AND seq < ?""";
    private static final String DANGLING = """
            SELECT l.blocker_id FROM task_links l WHERE l.blocked_id = ? AND l.blocker_id NOT IN (SELECT task_id FROM tasks)""";
    private static final String ARCHIVED_BLOCKERS = """
            SELECT b.number FROM task_links l JOIN tasks b ON b.task_id = l.blocker_id
            WHERE l.blocked_id = ? AND b.archived_at IS NOT NULL AND b.status <> 'done' ORDER BY b.number""";
    private static final String ORPHANS = """
            SELECT attachment_id, name, target_kind, target_id FROM attachments a WHERE a.project_id = ?
            AND NOT EXISTS (SELECT 1 FROM tasks t WHERE a.target_kind = 'task' AND t.task_id = a.target_id)
            AND NOT EXISTS (SELECT 1 FROM docs d WHERE a.target_kind = 'doc' AND d.doc_id = a.target_id) ORDER BY a.created_at""";
    private static final String FINAL_AUDIT_LABEL = """
            SELECT count(*) FROM task_labels tl JOIN labels l ON l.label_id = tl.label_id WHERE tl.task_id = ? AND lower(l.name) = 'final-audit'""";
    /**
     * Tasks of the project created before {@code seq} and not done (nor deleted) at that point: the status then is
     * the last status change before it, else the status the task was created with.
     */
    private static final String OPEN_AT = """
            SELECT s.number FROM streams s JOIN events c ON c.stream = s.stream AND c.type = 'TaskCreated'
            WHERE s.kind = 'task' AND s.project_id = ? AND s.entity_id <> ? AND c.seq < ?
              AND NOT EXISTS (SELECT 1 FROM events d WHERE d.stream = s.stream AND d.type = 'TaskDeleted' AND d.seq < ?)
              AND coalesce((SELECT json_extract(m.payload, '$.to') FROM events m WHERE m.stream = s.stream
                            AND m.type = 'TaskStatusChanged' AND m.seq < ? ORDER BY m.seq DESC LIMIT 1),
                           json_extract(c.payload, '$.status')) <> 'done'
            ORDER BY s.number""";

    private static final Map<String, Integer> SEVERITY = Map.of("error", 0, "warning", 1, "info", 2);

    private record Task(String id, long number, String title, String status, String claimKind, String claimName,
                        String leaseExpiresAt, String createdAt) {
        String ref() {
            return "TASK-" + number;
        }

        String stream() {
            return "task/" + id;
        }
    }

    private final Db db;

    ProjectLint(Db db) {
        this.db = db;
    }

    LintReport run(String projectId, String alias, Instant now, String staleAfterText, java.time.Duration staleAfter, int limit) {
        String cutoff = Timestamps.format(now.minus(staleAfter));
        String nowText = Timestamps.format(now);
        List<LintIssue> found = new ArrayList<>();
        List<Task> tasks = db.list(TASKS, rs -> new Task(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), projectId);
        for (Task t : tasks) {
            boolean liveClaim = t.claimKind() != null && (t.leaseExpiresAt() == null || t.leaseExpiresAt().compareTo(nowText) > 0);
            if (t.status().equals("doing") || t.status().equals("review")) {
                String last = db.string(LAST_EVENT, t.id());
                if (last != null && last.compareTo(cutoff) < 0) {
                    found.add(issue("warning", "stale_" + t.status() + "_task", t, "no event on the task since " + last,
                            evidence("last_event_at", last, "status", t.status())));
                }
            }
            if (t.claimKind() != null && !liveClaim) {
                found.add(issue("warning", "expired_claim", t, "the claim of " + t.claimKind() + ":" + t.claimName() + " expired at "
                        + t.leaseExpiresAt() + " and was not released",
                        evidence("claimed_by", Map.of("kind", t.claimKind(), "name", t.claimName()), "lease_expires_at", t.leaseExpiresAt())));
            }
            if (t.status().equals("doing") && !liveClaim) {
                found.add(issue("info", "doing_without_claim", t, "doing but nobody holds a live claim", evidence("status", "doing")));
            }
            if (t.status().equals("todo") && t.createdAt().compareTo(cutoff) < 0 && db.count(STATUS_CHANGES, t.stream()) == 0) {
                found.add(issue("info", "task_created_never_started", t, "created " + t.createdAt() + " and never started",
                        evidence("created_at", t.createdAt())));
            }
            if (t.status().equals("doing") && db.count(PLANS, t.id()) == 0) {
                found.add(issue("info", "task_without_plan", t, "doing without a plan", evidence("plans", 0)));
            }
            if (t.status().equals("done")) {
                done(t, projectId, found);
            }
            for (String blocker : db.list(DANGLING, rs -> rs.getString(1), t.id())) {
                found.add(issue("warning", "dangling_link", t, "blocked by deleted task " + blocker, evidence("blocker_id", blocker)));
            }
            for (Long n : db.list(ARCHIVED_BLOCKERS, rs -> rs.getLong(1), t.id())) {
                found.add(issue("info", "blocked_by_archived", t, "blocked by archived, unfinished TASK-" + n, evidence("blocker", "TASK-" + n)));
            }
        }
        db.each(ORPHANS, rs -> {
            found.add(new LintIssue("warning", "orphan_attachment", null, null, rs.getString(2),
                    "attachment " + rs.getString(1) + " belongs to a " + rs.getString(3) + " that no longer exists",
                    evidence("attachment_id", rs.getString(1), "target_kind", rs.getString(3), "target_id", rs.getString(4))));
            return null;
        }, projectId);
        found.sort(Comparator.comparing((LintIssue i) -> SEVERITY.get(i.severity()))
                .thenComparing(i -> i.ref() == null ? Long.MAX_VALUE : Long.parseLong(i.ref().substring(5))));
        List<LintIssue> shown = limit > 0 && found.size() > limit ? found.subList(0, limit) : found;
        return new LintReport(alias, nowText, staleAfterText, shown.size(), found.size(), shown.size() < found.size(), List.copyOf(shown));
    }

    private void done(Task t, String projectId, List<LintIssue> found) {
        Long completion = db.one(COMPLETION, rs -> rs.getObject(1) == null ? null : rs.getLong(1), t.stream()).orElse(null);
        if (completion == null) {
            return; // created done: nothing to complete
        }
        Long start = db.one(LAST_START, rs -> rs.getObject(1) == null ? null : rs.getLong(1), t.stream(), completion).orElse(null);
        if (db.count(COMMENTS_BETWEEN, t.id(), start == null ? 0 : start, completion) == 0) {
            found.add(issue("warning", "done_without_completion_comment", t, "completed without a comment saying what was done",
                    evidence("completed_seq", completion, "started_seq", start)));
        }
        boolean finalAudit = t.title().toLowerCase(java.util.Locale.ROOT).contains("final audit") || db.count(FINAL_AUDIT_LABEL, t.id()) > 0;
        if (finalAudit) {
            List<String> open = db.list(OPEN_AT, rs -> "TASK-" + rs.getLong(1), projectId, t.id(), completion, completion, completion);
            if (!open.isEmpty()) {
                found.add(issue("error", "final_audit_closed_with_open_work", t, "closed while " + open.size() + " older task"
                        + (open.size() == 1 ? " was" : "s were") + " still open: " + String.join(", ", open),
                        evidence("completed_seq", completion, "open_tasks", open)));
            }
        }
    }

    private static LintIssue issue(String severity, String code, Task t, String detail, Map<String, Object> evidence) {
        return new LintIssue(severity, code, t.ref(), t.id(), t.title(), detail, evidence);
    }

    private static Map<String, Object> evidence(Object... keyThenValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            m.put((String) keyThenValue[i], keyThenValue[i + 1]);
        }
        return m;
    }
}
