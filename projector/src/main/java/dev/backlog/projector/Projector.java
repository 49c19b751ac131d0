package dev.backlog.projector;

import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.RecordedEvent;

/**
 * Folds events into the read tables (SPEC §4.3). The same code serves incremental apply (inside each command's
 * write transaction), {@code doctor rebuild} and time travel into a scratch database. DML only.
 * Not thread-safe: one instance per {@link Db}.
 */
public final class Projector {
    private final Db db;
    private final Tombstones tombstones;
    private final ProjectProjection projects;
    private final TaskProjection tasks;
    private final LabelProjection labels;
    private final CommentProjection comments;
    private final StreamIndex streams;
    private final VersionedProjection versioned;
    private final MemoryProjection memory;
    private final AttachmentProjection attachments;

    /** A projector applying new events to up-to-date read tables (the incremental path of every command). */
    public Projector(Db db) {
        this(db, false);
    }

    /** @param replaying the read tables are empty and every event of the log will come through this instance */
    public Projector(Db db, boolean replaying) {
        this.db = db;
        this.tombstones = new Tombstones(db, replaying);
        SearchProjection search = new SearchProjection(db);
        this.projects = new ProjectProjection(db, search);
        this.tasks = new TaskProjection(db, search, tombstones);
        this.labels = new LabelProjection(db, tombstones);
        this.comments = new CommentProjection(db, search);
        this.streams = new StreamIndex(db, replaying);
        this.attachments = new AttachmentProjection(db);
        this.versioned = new VersionedProjection(db, search, attachments);
        this.memory = new MemoryProjection(db, search);
    }

    public Db db() {
        return db;
    }

    /** Applies one event; events of a tombstoned stream are kept in the log but ignored here (rule P3). */
    public void apply(RecordedEvent e) {
        if (tombstones.isDead(e.stream())) {
            return;
        }
        streams.record(e);
        EventPayload p = e.payload();
        switch (p) {
            case WorkspaceCreated w -> db.update(WORKSPACE, w.workspaceId(), w.name(), w.appVersion(), ts(e));
            case ProjectCreated c -> projects.created(e, c);
            case ProjectUpdated u -> projects.updated(e, u);
            case ProjectArchived a -> projects.archived(e, true);
            case ProjectRestored r -> projects.archived(e, false);
            case ProjectDeleted d -> {
                projects.deleted(e);
                tombstones.bury(e);
            }
            case TaskCreated c -> tasks.created(e, c);
            case TaskUpdated u -> tasks.updated(e, u);
            case TaskStatusChanged s -> tasks.statusChanged(e, s);
            case TaskClaimed c -> tasks.claimed(e, c);
            case TaskReleased r -> tasks.released(e);
            case TaskLinked l -> tasks.linked(e, l.targetTaskId(), true);
            case TaskUnlinked l -> tasks.linked(e, l.targetTaskId(), false);
            case LabelAttached a -> tasks.labelled(e, a.labelId(), true);
            case LabelDetached d -> tasks.labelled(e, d.labelId(), false);
            case TaskArchived a -> tasks.archived(e, true);
            case TaskRestored r -> tasks.archived(e, false);
            case TaskDeleted d -> {
                tasks.deleted(e);
                tombstones.bury(e);
            }
            case CommentAdded c -> comments.added(e, c);
            case CommentDeleted d -> {
                comments.deleted(e);
                tombstones.bury(e);
            }
            case LabelCreated c -> labels.created(e, c);
            case LabelUpdated u -> labels.updated(e, u);
            case LabelDeleted d -> {
                labels.deleted(e);
                tombstones.bury(e);
            }
            case PlanAdded a -> versioned.planAdded(e, a.planId(), a.taskId(), a.title(), a.body(), a.source(), a.changeNote());
            case PlanRevised r -> versioned.revised(e, true, r.title(), r.body(), r.changeNote());
            case PlanDeleted d -> {
                versioned.deleted(e, true);
                tombstones.bury(e);
            }
            case DocAdded a -> versioned.docAdded(e, a.docId(), a.projectId(), a.title(), a.body(), a.changeNote());
            case DocRevised r -> versioned.revised(e, false, r.title(), r.body(), r.changeNote());
            case DocDeleted d -> {
                versioned.deleted(e, false);
                tombstones.bury(e);
            }
            case MemoryAdded m -> memory.added(e, m);
            case MemoryAppended a -> memory.appended(e, a.text());
            case MemoryUpdated u -> {
                if (u.changes().containsKey("body")) {
                    memory.body(e, (String) u.changes().get("body"));
                }
                if (u.changes().containsKey("tags")) {
                    @SuppressWarnings("unchecked")
                    java.util.List<String> tags = (java.util.List<String>) u.changes().get("tags");
                    memory.tags(e, tags);
                }
            }
            case MemoryDeleted d -> {
                memory.deleted(e);
                tombstones.bury(e);
            }
            case AttachmentAdded a -> attachments.added(e, a);
            case AttachmentRemoved r -> {
                attachments.removed(e);
                tombstones.bury(e);
            }
        }
    }

    private static final String WORKSPACE = """
            INSERT OR IGNORE INTO workspace (workspace_id, name, app_version, created_at) VALUES (?, ?, ?, ?)
            """;

    static String ts(RecordedEvent e) {
        return dev.backlog.model.Timestamps.format(e.occurredAt());
    }
}
