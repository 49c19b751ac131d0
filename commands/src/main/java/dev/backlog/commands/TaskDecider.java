package dev.backlog.commands;

import static dev.backlog.commands.Decision.accept;
import static dev.backlog.commands.Decision.reject;

import dev.backlog.model.Actor;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Limits;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The claim and status rules of SPEC §5.2 and §14 as a pure function of a command and a task's state. */
public final class TaskDecider {
    private TaskDecider() {
    }

    public static Decision decide(TaskCommand command, TaskState state) {
        if (!state.exists() || state.deleted()) {
            return reject(ErrorCode.TASK_NOT_FOUND, "task not found", Map.of("ref", String.valueOf(state.ref())));
        }
        return switch (command) {
            case TaskCommand.Claim c -> claim(c, state);
            case TaskCommand.Release r -> release(r, state);
            case TaskCommand.Move m -> {
                Decision stale = staleCheck(m.baseVersion(), state);
                yield stale != null ? stale : move(m.at(), m.by(), m.status(), m.force(), m.lease(), state, new ArrayList<>());
            }
            case TaskCommand.Update u -> update(u, state);
            case TaskCommand.Link l -> link(l, state);
            case TaskCommand.Label l -> label(l, state);
            case TaskCommand.Archive a -> archive(a, state);
            case TaskCommand.Delete d -> accept(new TaskDeleted());
        };
    }

    private static Decision claim(TaskCommand.Claim c, TaskState s) {
        if ("done".equals(s.status()) || s.archived()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ref", s.ref());
            d.put("status", s.status());
            d.put("archived_at", s.archived() ? "archived" : null);
            return reject(ErrorCode.TASK_NOT_CLAIMABLE, s.ref() + " cannot be claimed: it is " + (s.archived() ? "archived" : "done"), d);
        }
        TaskState.Claim live = s.liveClaim(c.at());
        if (live != null && !live.actor().equals(c.by())) {
            return alreadyClaimed(s, live);
        }
        List<EventPayload> events = new ArrayList<>();
        events.add(claimed(c.at(), c.by(), c.lease(), s));
        if ("todo".equals(s.status())) {
            events.add(new TaskStatusChanged("todo", "doing", false));
        }
        return accept(events);
    }

    private static TaskClaimed claimed(Instant at, Actor by, Optional<Duration> lease, TaskState s) {
        String expires = lease.map(d -> Timestamps.format(Timestamps.truncate(at).plus(d))).orElse(null);
        TaskState.Claim old = s.claim();
        boolean renewal = old != null && old.actor().equals(by);
        Superseded superseded = old != null && !renewal
                ? new Superseded(old.actor().kind().wire(), old.actor().name(), Timestamps.format(old.leaseExpiresAt()))
                : null;
        return new TaskClaimed(expires, renewal, superseded);
    }

    private static Decision release(TaskCommand.Release r, TaskState s) {
        if (s.claim() == null) {
            return accept();
        }
        Actor holder = s.claim().actor();
        boolean isHolder = holder.equals(r.by());
        if (!isHolder && !r.force()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ref", s.ref());
            d.put("claimed_by", actor(holder));
            return reject(ErrorCode.NOT_CLAIM_HOLDER, s.ref() + " is claimed by " + holder + "; use --force to release it", d);
        }
        List<EventPayload> events = new ArrayList<>();
        events.add(new TaskReleased(isHolder ? "released" : "forced", new Holder(holder.kind().wire(), holder.name())));
        String to = r.status() != null ? r.status() : ("doing".equals(s.status()) ? "todo" : null);
        if (to != null && !to.equals(s.status())) {
            events.add(new TaskStatusChanged(s.status(), to, !isHolder));
        }
        return accept(events);
    }

    /** A status change with its claim consequences; appends to {@code events} (which may hold a TaskUpdated). */
    private static Decision move(Instant at, Actor by, String to, boolean force, Optional<Duration> lease, TaskState s,
                                 List<EventPayload> events) {
        if (to.equals(s.status())) {
            return accept(events);
        }
        TaskState.Claim live = s.liveClaim(at);
        boolean othersClaim = live != null && !live.actor().equals(by);
        if (othersClaim && !force) {
            return alreadyClaimed(s, live);
        }
        Holder holder = s.claim() == null ? null : new Holder(s.claim().actor().kind().wire(), s.claim().actor().name());
        if (othersClaim) {
            events.add(new TaskReleased("forced", holder));
            events.add(new TaskStatusChanged(s.status(), to, true));
            if ("doing".equals(to) && !s.archived()) {
                events.add(new TaskClaimed(expiry(at, lease), false, null));
            }
            return accept(events);
        }
        events.add(new TaskStatusChanged(s.status(), to, false));
        if (s.claim() != null && ("done".equals(to) || "todo".equals(to))) {
            events.add(new TaskReleased("done".equals(to) ? "completed" : "returned", holder));
        } else if ("doing".equals(to) && live == null && !s.archived()) {
            events.add(claimed(at, by, lease, s));
        }
        return accept(events);
    }

    private static String expiry(Instant at, Optional<Duration> lease) {
        return lease.map(d -> Timestamps.format(Timestamps.truncate(at).plus(d))).orElse(null);
    }

    private static Decision update(TaskCommand.Update u, TaskState s) {
        Decision stale = staleCheck(u.baseVersion(), s);
        if (stale != null) {
            return stale;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : u.changes().entrySet()) {
            if (!Objects.equals(s.fields().get(e.getKey()), e.getValue())) {
                changes.put(e.getKey(), e.getValue());
            }
        }
        List<EventPayload> events = new ArrayList<>();
        if (!changes.isEmpty()) {
            events.add(new TaskUpdated(changes));
        }
        if (u.status() == null) {
            return accept(events);
        }
        return move(u.at(), u.by(), u.status(), u.force(), u.lease(), s, events);
    }

    private static Decision link(TaskCommand.Link l, TaskState s) {
        boolean present = s.blocks().contains(l.targetId());
        if (present == l.linked()) {
            return accept();
        }
        if (l.linked() && s.blocks().size() >= Limits.LINKS_PER_TASK) {
            return reject(ErrorCode.INVALID_ARGUMENT, s.ref() + " already has " + Limits.LINKS_PER_TASK + " links",
                    Map.of("field", "blocks", "limit", Limits.LINKS_PER_TASK, "actual", s.blocks().size() + 1));
        }
        return accept(l.linked() ? new TaskLinked("blocks", l.targetId()) : new TaskUnlinked("blocks", l.targetId()));
    }

    private static Decision label(TaskCommand.Label l, TaskState s) {
        boolean present = s.labels().containsKey(l.labelId());
        if (present == l.attached()) {
            return accept();
        }
        if (l.attached() && s.labels().size() >= Limits.LABELS_PER_TASK) {
            return reject(ErrorCode.INVALID_ARGUMENT, s.ref() + " already has " + Limits.LABELS_PER_TASK + " labels",
                    Map.of("field", "labels", "limit", Limits.LABELS_PER_TASK, "actual", s.labels().size() + 1));
        }
        return accept(l.attached() ? new LabelAttached(l.labelId(), l.name()) : new LabelDetached(l.labelId(), l.name()));
    }

    private static Decision archive(TaskCommand.Archive a, TaskState s) {
        if (s.archived() == a.archived()) {
            return accept();
        }
        if (!a.archived()) {
            return accept(new TaskRestored());
        }
        if (s.claim() != null) {
            Actor h = s.claim().actor();
            return accept(new TaskReleased("archived", new Holder(h.kind().wire(), h.name())), new TaskArchived());
        }
        return accept(new TaskArchived());
    }

    private static Decision staleCheck(Long baseVersion, TaskState s) {
        if (baseVersion == null || baseVersion == s.version()) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stream", "task/" + s.id());
        d.put("expected_version", baseVersion);
        d.put("actual_version", s.version());
        return reject(ErrorCode.STALE_VERSION, s.ref() + " is at version " + s.version() + ", not " + baseVersion, d);
    }

    private static Decision alreadyClaimed(TaskState s, TaskState.Claim live) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ref", s.ref());
        d.put("claimed_by", actor(live.actor()));
        d.put("claimed_at", Timestamps.format(live.claimedAt()));
        d.put("lease_expires_at", Timestamps.format(live.leaseExpiresAt()));
        return reject(ErrorCode.TASK_ALREADY_CLAIMED, s.ref() + " is already claimed by " + live.actor(), d);
    }

    static Map<String, Object> actor(Actor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind().wire());
        m.put("name", a.name());
        return m;
    }
}
