package dev.backlog.commands;

import dev.backlog.model.Actor;
import dev.backlog.model.ActorKind;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.RecordedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the task decider needs to know about one task: the fold of its stream (rule P1 in log order).
 * {@link #INITIAL} is the state before {@code TaskCreated}. Immutable.
 */
public record TaskState(boolean exists, boolean deleted, String id, long number, String projectId, Map<String, Object> fields,
                        String status, Claim claim, boolean archived, Set<String> blocks, Map<String, String> labels,
                        long version) {

    /** A claim; {@code leaseExpiresAt == null} means it never expires. */
    public record Claim(Actor actor, Instant claimedAt, Instant leaseExpiresAt) {
        public boolean liveAt(Instant now) {
            return leaseExpiresAt == null || now.isBefore(leaseExpiresAt);
        }
    }

    public static final TaskState INITIAL = new TaskState(false, false, null, 0, null, Map.of(), null, null, false, Set.of(),
            Map.of(), 0);

    public String ref() {
        return "TASK-" + number;
    }

    /** The claim if it is live at {@code now}. */
    public Claim liveClaim(Instant now) {
        return claim != null && claim.liveAt(now) ? claim : null;
    }

    public static TaskState fold(List<RecordedEvent> events) {
        TaskState s = INITIAL;
        for (RecordedEvent e : events) {
            s = s.evolve(e);
        }
        return s;
    }

    /** Applies one event of this task's stream. Pure. */
    public TaskState evolve(RecordedEvent e) {
        if (deleted) {
            return this;
        }
        long v = e.streamVersion();
        EventPayload p = e.payload();
        return switch (p) {
            case TaskCreated c -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("title", c.title());
                f.put("description", c.description());
                f.put("type", c.type());
                f.put("priority", c.priority());
                f.put("assignee", c.assignee());
                f.put("due_at", c.dueAt());
                f.put("source", c.source());
                f.put("external_ref", c.externalRef());
                f.put("project_path", c.projectPath());
                yield new TaskState(true, false, c.taskId(), c.number(), c.projectId(), f, c.status(), null, false, Set.of(),
                        Map.of(), v);
            }
            case TaskUpdated u -> {
                Map<String, Object> f = new LinkedHashMap<>(fields);
                f.putAll(u.changes());
                yield with(f, status, claim, archived, blocks, labels, v);
            }
            case TaskStatusChanged s -> with(fields, s.to(), claim, archived, blocks, labels, v);
            case TaskClaimed c -> with(fields, status, new Claim(e.actor(), e.occurredAt(), Timestamps.parse(c.leaseExpiresAt())),
                    archived, blocks, labels, v);
            case TaskReleased r -> with(fields, status, null, archived, blocks, labels, v);
            case TaskLinked l -> {
                Set<String> b = new LinkedHashSet<>(blocks);
                b.add(l.targetTaskId());
                yield with(fields, status, claim, archived, b, labels, v);
            }
            case TaskUnlinked l -> {
                Set<String> b = new LinkedHashSet<>(blocks);
                b.remove(l.targetTaskId());
                yield with(fields, status, claim, archived, b, labels, v);
            }
            case LabelAttached a -> {
                Map<String, String> l = new LinkedHashMap<>(labels);
                l.put(a.labelId(), a.name());
                yield with(fields, status, claim, archived, blocks, l, v);
            }
            case LabelDetached d -> {
                Map<String, String> l = new LinkedHashMap<>(labels);
                l.remove(d.labelId());
                yield with(fields, status, claim, archived, blocks, l, v);
            }
            case TaskArchived a -> with(fields, status, claim, true, blocks, labels, v);
            case TaskRestored r -> with(fields, status, claim, false, blocks, labels, v);
            case TaskDeleted d -> new TaskState(true, true, id, number, projectId, fields, status, claim, archived, blocks, labels, v);
            default -> this;
        };
    }

    private TaskState with(Map<String, Object> f, String st, Claim c, boolean arch, Set<String> b, Map<String, String> l, long v) {
        return new TaskState(exists, false, id, number, projectId, f, st, c, arch, b, l, v);
    }

    static Actor actorOf(String kind, String name) {
        return new Actor(ActorKind.fromWire(kind), name);
    }
}
