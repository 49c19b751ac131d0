package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.Lookup;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Views.*;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every read of backlog, shared by CLI, HTTP and MCP: answers from the read tables, or from a scratch fold of the
 * events for time travel. Returns the §2.5 documents. Not thread-safe: one instance per connection.
 */
public final class QueryService {
    private static final String WORKSPACE = "SELECT workspace_id, name FROM workspace";
    private static final String PROJECT_ALIAS = "SELECT alias FROM projects WHERE project_id = ?";
    private static final String HEAD_SEQ = "SELECT coalesce(max(seq), 0) FROM events";
    private static final String NEXT_EXPIRY = "SELECT min(lease_expires_at) FROM tasks WHERE lease_expires_at > ?";
    private static final String COMMENT = """
            SELECT c.comment_id, c.task_id, t.number, c.body, c.actor_kind, c.actor_name, c.created_at
            FROM comments c JOIN tasks t ON t.task_id = c.task_id WHERE c.comment_id = ?
            """;
    private final Db db;
    private final Clock clock;
    private final Lookup lookup;
    private final dev.backlog.projector.ContextLookup context;

    public QueryService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.lookup = new Lookup(db);
        this.context = new dev.backlog.projector.ContextLookup(db);
    }

    public Lookup lookup() {
        return lookup;
    }

    /** {@code workspace_id} and {@code name}. */
    public String[] workspace() {
        return db.one(WORKSPACE, rs -> new String[] {rs.getString(1), rs.getString(2)}).orElse(new String[] {null, null});
    }

    public ProjectList projects(boolean includeArchived, boolean archivedOnly) {
        return new ProjectReader(db).list(includeArchived, archivedOnly);
    }

    public ProjectView project(String ref) {
        return new ProjectReader(db).byId(lookup.project(ref));
    }

    public ProjectView projectById(String id) {
        return new ProjectReader(db).byId(id);
    }

    public TaskList tasks(TaskQuery q) {
        return new TaskReader(db).list(q, clock.instant());
    }

    /** {@code task list --at}: the same query over the state folded up to {@code at}. */
    public TaskList tasksAt(TaskQuery q, String at) {
        TimeTravel.Point p = TimeTravel.point(db, at);
        try (TimeTravel.Folded f = TimeTravel.all(db, p)) {
            TaskList l = new TaskReader(f.db()).list(q, p.now());
            return new TaskList(l.tasks(), l.page(), l.scope(), f.asOf());
        }
    }

    public TaskDetail task(String ref) {
        return detail(db, lookup.task(ref), clock.instant(), null);
    }

    public TaskDetail taskById(String id) {
        return detail(db, id, clock.instant(), null);
    }

    public TaskView taskView(String id) {
        return new TaskReader(db).byId(id, clock.instant());
    }

    /** {@code task show --at}: folds only the streams behind this task. */
    public TaskDetail taskAt(String ref, String at) {
        TimeTravel.Point p = TimeTravel.point(db, at);
        String id = TimeTravel.taskId(db, ref);
        try (TimeTravel.Folded f = TimeTravel.task(db, id, p)) {
            try {
                return detail(f.db(), id, p.now(), f.asOf());
            } catch (BacklogException e) {
                if (e.code() == ErrorCode.TASK_NOT_FOUND) {
                    throw BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", ref, "task (at " + at + ")");
                }
                throw e;
            }
        }
    }

    private static TaskDetail detail(Db on, String id, Instant now, AsOf asOf) {
        TaskReader r = new TaskReader(on);
        return new TaskDetail(r.byId(id, now), new ContextReader(on).plansOfTask(id), r.comments(id),
                new AttachmentReader(on).forTarget("task", id), asOf);
    }

    /** {@code task next} without claiming: the best ready candidate or {@code NO_READY_TASK}. */
    public TaskView next(ReadyTasks.Filter filter) {
        Instant now = clock.instant();
        List<String> ids = new ReadyTasks(db).candidates(filter, Timestamps.format(now), 1);
        if (ids.isEmpty()) {
            throw ReadyTasks.none(filter);
        }
        return new TaskReader(db).byId(ids.get(0), now);
    }

    public EventList history(String ref, int limit, List<String> types, Long after) {
        String id = lookup.task(ref);
        return new EventReader(db).list(new EventReader.Filter(null, id, List.of(), types, null, null, null, after, null,
                true, limit, 0), false);
    }

    /** {@code activity}: events newest first (or oldest first with {@code ascending}). */
    public EventList activity(String projectRef, String taskRef, List<String> kinds, List<String> types, String actorKind,
                              String actorName, String since, Long after, Long before, boolean ascending, int limit, int offset) {
        String projectId = projectRef == null ? null : lookup.project(projectRef);
        String taskId = taskRef == null ? null : lookup.task(taskRef);
        return new EventReader(db).list(new EventReader.Filter(projectId, taskId, kinds, types, actorKind, actorName, since,
                after, before, ascending, limit, offset), true);
    }

    /** The event log after {@code after}, oldest first, at most {@code limit} events, no page (HTTP {@code /api/events}, SSE). */
    public EventList events(long after, int limit) {
        return new EventReader(db).list(new EventReader.Filter(null, null, List.of(), List.of(), null, null, null, after, null,
                true, limit, 0), false);
    }

    /** The highest event {@code seq}, {@code 0} for an empty log. */
    public long headSeq() {
        return db.count(HEAD_SEQ);
    }

    /**
     * The earliest claim lease expiring after {@code now} ({@code null}: none). Until then, and while {@link #headSeq}
     * is unchanged, every task's {@code claim.expired} and {@code ready} stay as they are: a cache of reads may keep
     * its results that long.
     */
    public Instant nextLeaseExpiry(Instant now) {
        String t = db.string(NEXT_EXPIRY, Timestamps.format(now));
        return t == null ? null : Instant.parse(t);
    }

    public CommentList comments(String taskRef) {
        return new CommentList(new TaskReader(db).comments(lookup.task(taskRef)));
    }

    public CommentView comment(String id) {
        return db.one(COMMENT, TaskReader::comment, id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.COMMENT_NOT_FOUND, "id", id, "comment"));
    }

    public LabelList labels(String projectRef) {
        return new ProjectReader(db).labels(lookup.project(projectRef));
    }

    public LabelView label(String labelId) {
        return new ProjectReader(db).label(labelId);
    }

    // ---------------------------------------------------------------- plans, docs, memory (SPEC §3.4, §3.6)

    /** Plans of a task ({@code taskRef}) or of a project, each with its current version. */
    public PlanList plans(String taskRef, String projectRef) {
        ContextReader r = new ContextReader(db);
        return new PlanList(taskRef != null ? r.plansOfTask(lookup.task(taskRef)) : r.plansOfProject(lookup.project(projectRef)));
    }

    /** A plan at {@code version} ({@code null} = current). */
    public PlanView plan(String planId, Long version) {
        return new ContextReader(db).plan(context.plan(planId), version);
    }

    public VersionList planHistory(String planId) {
        return new ContextReader(db).versions(context.plan(planId));
    }

    public PlanDiff planDiff(String planId, Long from, Long to) {
        return new ContextReader(db).planDiff(context.plan(planId), from, to);
    }

    /** Docs of one project, or of every live project when {@code projectRef} is null; newest change first. */
    public DocList docs(String projectRef) {
        return new ContextReader(db).docs(projectRef == null ? null : lookup.project(projectRef));
    }

    public DocView doc(String docId, Long version) {
        return new ContextReader(db).doc(context.doc(docId), version);
    }

    public VersionList docHistory(String docId) {
        return new ContextReader(db).versions(context.doc(docId));
    }

    public DocDiff docDiff(String docId, Long from, Long to) {
        return new ContextReader(db).docDiff(context.doc(docId), from, to);
    }

    public MemoryList memories(String projectRef, String tag, int limit) {
        return new ContextReader(db).memories(projectRef == null ? null : lookup.project(projectRef), tag, limit);
    }

    public MemoryView memory(String memoryId) {
        return new ContextReader(db).memory(context.memory(memoryId));
    }

    /** {@code search} (SPEC §7): {@code projectRef == null} searches every project; {@code kinds} empty = all kinds. */
    public SearchResults search(String query, String projectRef, List<String> kinds, boolean includeArchived, int limit, int offset) {
        return new SearchReader(db).search(query, projectRef == null ? null : lookup.project(projectRef), kinds, includeArchived,
                limit, offset);
    }

    // ---------------------------------------------------------------- attachments (SPEC §3.7)

    /**
     * {@code attachment list}: the attachments of a task, a doc or a project (exactly one is given, else {@code USAGE}),
     * newest first.
     */
    public AttachmentList attachments(String taskRef, String docId, String projectRef) {
        int given = (taskRef != null ? 1 : 0) + (docId != null ? 1 : 0) + (projectRef != null ? 1 : 0);
        if (given != 1) {
            throw new BacklogException(ErrorCode.USAGE, given == 0 ? "missing scope: give --task REF, --doc ID or -p PROJECT"
                    : "give only one of --task, --doc and -p", java.util.Map.of("argument", "--task"));
        }
        AttachmentReader r = new AttachmentReader(db);
        if (taskRef != null) {
            return new AttachmentList(r.forTarget("task", lookup.task(taskRef)));
        }
        if (docId != null) {
            return new AttachmentList(r.forTarget("doc", context.doc(docId)));
        }
        return new AttachmentList(r.forProject(lookup.project(projectRef)));
    }

    /** An attachment by id or unique prefix (§2.2). */
    public AttachmentView attachment(String id) {
        return new AttachmentReader(db).byId(lookup.attachment(id));
    }

    /**
     * {@code attachment fetch}: the attachment and the path of its blob, which was just hashed and matched its
     * {@code sha256} ({@code CHECK_FAILED} otherwise). A caller copying the bytes should hash its copy as well.
     */
    public AttachmentReader.Content attachmentContent(String id) {
        return new AttachmentReader(db).content(lookup.attachment(id));
    }

    public VerifyReport verify(String expectHead) {
        return ChainVerifier.verify(db, expectHead);
    }

    /** {@code doctor project}: the lint report of one project; {@code staleAfter} as given (e.g. {@code 7d}). */
    public Views.LintReport projectLint(String projectRef, String staleAfter, int limit) {
        String id = lookup.project(projectRef);
        String alias = db.string(PROJECT_ALIAS, id);
        return new ProjectLint(db).run(id, alias, clock.instant(), staleAfter,
                dev.backlog.model.InputFormats.duration("stale_after", staleAfter), limit);
    }

    /** {@code activity analyze} (SPEC §12.5) of one project; {@code since} as given ({@code 7d}, {@code all}, a date…). */
    public ActivityAnalysis.Report analyze(String projectRef, String since, String staleAfter, int limit) {
        String id = lookup.project(projectRef);
        java.time.Instant now = clock.instant();
        return new ActivityAnalysis(db).run(id, db.string(PROJECT_ALIAS, id), since, Inputs.since(since, now), now, new ProjectLint(db),
                staleAfter, dev.backlog.model.InputFormats.duration("stale_after", staleAfter), limit);
    }

    /**
     * {@code export} (SPEC §12.6) to {@code out}: format {@code json}, {@code csv} or {@code md} ({@code null} = json;
     * anything else is {@code INVALID_ARGUMENT} before a byte is written); {@code projectRef == null} = everything.
     */
    public void export(String format, String projectRef, boolean includeArchived, boolean withAttachments, java.io.OutputStream out) {
        String f = Exporter.format(format);
        String projectId = projectRef == null ? null : lookup.project(projectRef);
        new Exporter(db, this).write(f, new Exporter.Scope(projectId, includeArchived, withAttachments), clock.instant(), out);
    }

    /** Checks an export format name without exporting; see {@link #export}. */
    public static String exportFormat(String format) {
        return Exporter.format(format);
    }

    public CheckReport check(boolean quick) {
        return HealthChecks.run(db, quick);
    }
}
