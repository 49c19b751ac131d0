package dev.backlog.commands;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Limits;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.model.event.Stream;
import dev.backlog.projector.ContextLookup;
import dev.backlog.projector.Db;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The agent-context writes (SPEC §3.4, §3.6): versioned plans and docs, memory entries. Same rules as
 * {@link CommandService}: validate, take the write lock, read current state, append with projections, return what
 * to render. Optimistic {@code baseVersion}s are checked inside the lock. Not thread-safe.
 */
public final class ContextService {
    public static final int DOC_BODY_BYTES = 1 << 20;
    public static final int TAGS_PER_ENTRY = 20;
    private static final String PLAN_ROW = """
            SELECT p.task_id, p.current_version, v.title, v.body FROM plans p
            JOIN versions v ON v.owner_id = p.plan_id AND v.version = p.current_version WHERE p.plan_id = ?
            """;
    private static final String DOC_ROW = """
            SELECT d.project_id, d.current_version, v.title, v.body FROM docs d
            JOIN versions v ON v.owner_id = d.doc_id AND v.version = d.current_version WHERE d.doc_id = ?
            """;
    private static final String MEMORY_ROW = "SELECT body, tags, version FROM memory WHERE memory_id = ?";
    private static final String PROJECT_ARCHIVED = "SELECT alias, archived_at FROM projects WHERE project_id = ?";
    private static final String TASK_NUMBER = "SELECT number FROM tasks WHERE task_id = ?";

    private final WriteContext ctx;
    private final ContextLookup ids;

    public ContextService(Db db, Settings settings, Clock clock, Actor actor) {
        this.ctx = new WriteContext(db, settings, clock, actor);
        this.ids = new ContextLookup(db);
    }

    private record Versioned(String ownerId, long current, String title, String body) {}

    // ---------------------------------------------------------------- plans

    public Written addPlan(String taskRef, String title, String body, String source, String changeNote) {
        String t = Limits.title("title", title);
        String b = requiredBody(body);
        String src = Limits.shortText("source", source);
        String note = note(changeNote);
        return ctx.write(() -> {
            String taskId = ctx.lookup.task(taskRef);
            String id = Ids.next();
            return new Written("plan", id, ref(taskId), ctx.append(new NewEvent(Stream.of("plan", id), 0,
                    new PlanAdded(id, taskId, t, b, src, note))));
        });
    }

    /** A new version; omitted title/body keep the current ones; no change at all is {@code INVALID_ARGUMENT}. */
    public Written revisePlan(String planId, String title, String body, String changeNote, Long baseVersion) {
        String t = title == null ? null : Limits.title("title", title);
        String b = body == null ? null : requiredBody(body);
        String note = note(changeNote);
        return ctx.write(() -> {
            String id = ids.plan(planId);
            Versioned v = ctx.db.one(PLAN_ROW, rs -> new Versioned(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), id)
                    .orElseThrow();
            Written w = revise("plan", id, v, t, b, note, baseVersion, (base, nt, nb) -> new PlanRevised(base, nt, nb, note));
            return new Written("plan", id, ref(v.ownerId()), w.events());
        });
    }

    public Written deletePlan(String planId) {
        return ctx.write(() -> {
            String id = ids.plan(planId);
            String taskId = ctx.db.one(PLAN_ROW, rs -> rs.getString(1), id).orElseThrow();
            String stream = Stream.of("plan", id);
            return new Written("plan", id, ref(taskId), ctx.append(new NewEvent(stream, ctx.store.version(stream), new PlanDeleted())));
        });
    }

    // ---------------------------------------------------------------- docs

    /** A doc's body may be empty ({@code ""}, never null). */
    public Written addDoc(String project, String title, String body, String changeNote) {
        String t = Limits.title("title", title);
        String b = body == null ? "" : docBody(body);
        String note = note(changeNote);
        return ctx.write(() -> {
            String projectId = liveProject(project);
            String id = Ids.next();
            return new Written("doc", id, null, ctx.append(new NewEvent(Stream.of("doc", id), 0, new DocAdded(id, projectId, t, b, note))));
        });
    }

    /** A new version; omitted fields keep their current values, so an update never wipes the body. */
    public Written reviseDoc(String docId, String title, String body, String changeNote, Long baseVersion) {
        String t = title == null ? null : Limits.title("title", title);
        String b = body == null ? null : docBody(body);
        String note = note(changeNote);
        return ctx.write(() -> {
            String id = ids.doc(docId);
            Versioned v = doc(id);
            return revise("doc", id, v, t, b, note, baseVersion, (base, nt, nb) -> new DocRevised(base, nt, nb, note));
        });
    }

    /** A new version whose body is the current body, a line break and {@code text}. */
    public Written appendDoc(String docId, String text, String changeNote) {
        if (text == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing --content or --from-file", Map.of("argument", "--content"));
        }
        if (text.isEmpty()) {
            throw BacklogException.invalid("content", text, "nothing to append");
        }
        String note = note(changeNote);
        return ctx.write(() -> {
            String id = ids.doc(docId);
            Versioned v = doc(id);
            String body = docBody(v.body().isEmpty() ? text : v.body() + "\n" + text);
            return revise("doc", id, v, null, body, note, null, (base, nt, nb) -> new DocRevised(base, nt, nb, note));
        });
    }

    public Written deleteDoc(String docId) {
        return ctx.write(() -> {
            String id = ids.doc(docId);
            String stream = Stream.of("doc", id);
            return new Written("doc", id, doc(id).title(), ctx.append(new NewEvent(stream, ctx.store.version(stream), new DocDeleted())));
        });
    }

    private Versioned doc(String id) {
        return ctx.db.one(DOC_ROW, rs -> new Versioned(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.DOC_NOT_FOUND, "id", id, "doc"));
    }

    private interface Revision {
        EventPayload of(long baseVersion, String title, String body);
    }

    private Written revise(String kind, String id, Versioned v, String title, String body, String note, Long baseVersion, Revision r) {
        String stream = Stream.of(kind, id);
        if (baseVersion != null && baseVersion != v.current()) {
            throw ctx.stale(stream, baseVersion, v.current(), kind + " " + id + " is at version " + v.current() + ", not " + baseVersion);
        }
        String newTitle = title == null ? v.title() : title;
        String newBody = body == null ? v.body() : body;
        if (newTitle.equals(v.title()) && newBody.equals(v.body()) && note == null) {
            throw BacklogException.invalid("changes", null, "nothing to change: the title and body equal version " + v.current());
        }
        List<RecordedEvent> events = ctx.append(new NewEvent(stream, ctx.store.version(stream), r.of(v.current(), newTitle, newBody)));
        return new Written(kind, id, null, events);
    }

    // ---------------------------------------------------------------- memory

    public Written addMemory(String project, String body, List<String> tags) {
        String b = memoryBody(body);
        List<String> t = tags(tags);
        return ctx.write(() -> {
            String projectId = liveProject(project);
            String id = Ids.next();
            return new Written("memory", id, null, ctx.append(new NewEvent(Stream.of("memory", id), 0, new MemoryAdded(id, projectId, b, t))));
        });
    }

    /** Appends {@code text} on a new line. */
    public Written appendMemory(String memoryId, String text) {
        if (text == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing text to append", Map.of("argument", "TEXT"));
        }
        if (text.isBlank()) {
            throw BacklogException.invalid("text", text, "nothing to append");
        }
        return ctx.write(() -> {
            String id = ids.memory(memoryId);
            String current = ctx.db.one(MEMORY_ROW, rs -> rs.getString(1), id).orElseThrow();
            Limits.text("body", current + "\n" + text);
            String stream = Stream.of("memory", id);
            return new Written("memory", id, null, ctx.append(new NewEvent(stream, ctx.store.version(stream), new MemoryAppended(text))));
        });
    }

    /** Replaces the body and/or the tags; {@code null} keeps them. */
    public Written updateMemory(String memoryId, String body, List<String> tags, Long baseVersion) {
        if (body == null && tags == null) {
            throw BacklogException.invalid("changes", null, "nothing to change: give --body, --from-file or --tag");
        }
        String b = body == null ? null : memoryBody(body);
        List<String> t = tags == null ? null : tags(tags);
        return ctx.write(() -> {
            String id = ids.memory(memoryId);
            String stream = Stream.of("memory", id);
            Object[] row = ctx.db.one(MEMORY_ROW, rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}, id).orElseThrow();
            long version = (Long) row[2];
            if (baseVersion != null && baseVersion != version) {
                throw ctx.stale(stream, baseVersion, version, "memory entry is at version " + version + ", not " + baseVersion);
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            if (b != null && !b.equals(row[0])) {
                changes.put("body", b);
            }
            if (t != null && !Objects.equals(dev.backlog.projector.Json.canonical(dev.backlog.projector.Json.MAPPER.valueToTree(t)), row[1])) {
                changes.put("tags", t);
            }
            if (changes.isEmpty()) {
                return new Written("memory", id, null, List.of());
            }
            return new Written("memory", id, null, ctx.append(new NewEvent(stream, version, new MemoryUpdated(changes))));
        });
    }

    public Written deleteMemory(String memoryId) {
        return ctx.write(() -> {
            String id = ids.memory(memoryId);
            String stream = Stream.of("memory", id);
            return new Written("memory", id, null, ctx.append(new NewEvent(stream, ctx.store.version(stream), new MemoryDeleted())));
        });
    }

    // ---------------------------------------------------------------- validation and plumbing

    /** Tags trimmed, de-duplicated case-insensitively (first spelling and order kept), at most 20 of 64 characters. */
    static List<String> tags(List<String> raw) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String r : raw == null ? List.<String>of() : raw) {
            String t = Limits.labelName("tag", r);
            byKey.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
        }
        if (byKey.size() > TAGS_PER_ENTRY) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "at most " + TAGS_PER_ENTRY + " tags per entry",
                    Map.of("field", "tags", "limit", TAGS_PER_ENTRY, "actual", byKey.size()));
        }
        return new ArrayList<>(byKey.values());
    }

    private String liveProject(String project) {
        if (project == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass -p/--project or set a default project");
        }
        String id = ctx.lookup.project(project);
        String[] row = ctx.db.one(PROJECT_ARCHIVED, rs -> new String[] {rs.getString(1), rs.getString(2)}, id).orElseThrow();
        if (row[1] != null) {
            throw new BacklogException(ErrorCode.PROJECT_ARCHIVED, "project " + row[0] + " is archived", Map.of("alias", row[0]));
        }
        return id;
    }

    private String ref(String taskId) {
        return "TASK-" + ctx.db.count(TASK_NUMBER, taskId);
    }

    private static String requiredBody(String body) {
        if (body == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing --content or --from-file", Map.of("argument", "--content"));
        }
        if (body.isBlank()) {
            throw BacklogException.invalid("body", body, "plan body must not be empty");
        }
        return docBody(body);
    }

    private static String docBody(String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DOC_BODY_BYTES) {
            throw Limits.tooLarge("body", DOC_BODY_BYTES, bytes);
        }
        return body;
    }

    private static String memoryBody(String body) {
        if (body == null) {
            throw new BacklogException(ErrorCode.USAGE, "missing memory body", Map.of("argument", "BODY"));
        }
        if (body.isBlank()) {
            throw BacklogException.invalid("body", body, "memory body must not be empty");
        }
        return Limits.text("body", body);
    }

    private static String note(String changeNote) {
        return changeNote == null || changeNote.isBlank() ? null : Limits.text("change_note", changeNote.strip());
    }
}
