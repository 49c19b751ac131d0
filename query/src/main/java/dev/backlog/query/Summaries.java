package dev.backlog.query;

import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import java.util.function.Function;

/** Renders the human summary of an event from its typed payload (SPEC §4.2); never parsed back. */
final class Summaries {
    private Summaries() {
    }

    /**
     * @param ref    the entity's display reference (TASK-N for tasks and comments, alias for projects, name for labels)
     * @param refOf  resolves another task id to its TASK-N
     */
    static String of(EventPayload p, String actor, String ref, Function<String, String> refOf) {
        return switch (p) {
            case WorkspaceCreated w -> "Created workspace \"" + w.name() + "\"";
            case ProjectCreated c -> "Created project \"" + c.name() + "\" (" + c.alias() + ")";
            case ProjectUpdated u -> "Updated project " + ref + ": " + String.join(", ", u.changes().keySet());
            case ProjectArchived a -> "Archived project " + ref;
            case ProjectRestored r -> "Restored project " + ref;
            case ProjectDeleted d -> "Deleted project " + ref;
            case TaskCreated c -> "Created " + ref + " \"" + c.title() + "\"";
            case TaskUpdated u -> "Updated " + ref + ": " + String.join(", ", u.changes().keySet());
            case TaskStatusChanged s -> ref + " " + s.from() + " → " + s.to();
            case TaskClaimed c -> actor + " claimed " + ref;
            case TaskReleased r -> ref + " released (" + r.reason() + ")";
            case TaskLinked l -> ref + " blocks " + refOf.apply(l.targetTaskId());
            case TaskUnlinked l -> ref + " no longer blocks " + refOf.apply(l.targetTaskId());
            case LabelAttached a -> "Label \"" + a.name() + "\" attached to " + ref;
            case LabelDetached d -> "Label \"" + d.name() + "\" detached from " + ref;
            case TaskArchived a -> "Archived " + ref;
            case TaskRestored r -> "Restored " + ref;
            case TaskDeleted d -> "Deleted " + ref;
            case CommentAdded c -> "Commented on " + ref;
            case CommentDeleted d -> "Deleted a comment on " + ref;
            case LabelCreated c -> "Created label \"" + c.name() + "\"";
            case LabelUpdated u -> "Updated label \"" + ref + "\"";
            case LabelDeleted d -> "Deleted label \"" + ref + "\"";
            case PlanAdded a -> "Added plan \"" + a.title() + "\" to " + ref;
            case PlanRevised r -> "Revised plan \"" + r.title() + "\"";
            case PlanDeleted d -> "Deleted plan on " + ref;
            case MemoryAdded m -> "Added memory entry [" + String.join(", ", m.tags() == null ? java.util.List.of() : m.tags()) + "]";
            case MemoryAppended a -> "Appended to memory entry";
            case MemoryUpdated u -> "Updated memory entry";
            case MemoryDeleted d -> "Deleted memory entry";
            case DocAdded a -> "Created doc \"" + a.title() + "\"";
            case DocRevised r -> "Revised doc \"" + r.title() + "\"";
            case DocDeleted d -> "Deleted doc \"" + ref + "\"";
            case AttachmentAdded a -> "Attached \"" + a.name() + "\" to " + ref;
            case AttachmentRemoved r -> "Removed attachment \"" + ref + "\"";
        };
    }
}
