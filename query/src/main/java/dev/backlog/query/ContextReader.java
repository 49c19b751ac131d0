package dev.backlog.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.query.Views.*;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans, docs and memory entries with their versions (SPEC §2.5 shapes). Not thread-safe. */
final class ContextReader {
    private static final String VERSION_COLUMNS = "v.version, v.title, v.body, v.change_note, v.actor_kind, v.actor_name, v.created_at, v.event_id";
    private static final String PLAN_COLUMNS = """
            SELECT p.plan_id, p.task_id, t.number, p.current_version, p.source, p.actor_kind, p.actor_name, p.created_at,
                   p.updated_at,\s""" + VERSION_COLUMNS + """
            , pr.project_id, pr.alias
            FROM plans p JOIN tasks t ON t.task_id = p.task_id JOIN projects pr ON pr.project_id = t.project_id
            JOIN versions v ON v.owner_id = p.plan_id AND v.version = coalesce(?, p.current_version)
            """;
    private static final String PLAN = PLAN_COLUMNS + " WHERE p.plan_id = ?";
    private static final String PLANS_OF_TASK = PLAN_COLUMNS + " WHERE p.task_id = ? ORDER BY p.created_at, p.plan_id";
    private static final String PLANS_OF_PROJECT = PLAN_COLUMNS + " WHERE t.project_id = ? ORDER BY p.updated_at DESC, p.plan_id";
    private static final String PLAN_EXISTS = "SELECT current_version FROM plans WHERE plan_id = ?";
    private static final String VERSIONS = "SELECT " + VERSION_COLUMNS + " FROM versions v WHERE v.owner_id = ? ORDER BY v.version";
    private static final String DOC_COLUMNS = """
            SELECT d.doc_id, d.project_id, pr.alias, pr.name, d.current_version, d.actor_kind, d.actor_name, d.created_at,
                   d.updated_at,\s""" + VERSION_COLUMNS + """

            FROM docs d JOIN projects pr ON pr.project_id = d.project_id
            JOIN versions v ON v.owner_id = d.doc_id AND v.version = coalesce(?, d.current_version)
            """;
    private static final String DOC = DOC_COLUMNS + " WHERE d.doc_id = ?";
    private static final String DOCS_OF_PROJECT = DOC_COLUMNS + " WHERE d.project_id = ? ORDER BY d.updated_at DESC, d.doc_id DESC";
    private static final String DOCS = DOC_COLUMNS + " WHERE pr.archived_at IS NULL ORDER BY d.updated_at DESC, d.doc_id DESC";
    private static final String DOC_EXISTS = "SELECT current_version FROM docs WHERE doc_id = ?";
    private static final String MEMORY_COLUMNS = """
            SELECT m.memory_id, m.project_id, pr.alias, pr.name, m.body, m.tags, m.actor_kind, m.actor_name, m.created_at,
                   m.updated_at, m.version
            FROM memory m JOIN projects pr ON pr.project_id = m.project_id
            """;
    private static final String MEMORY = MEMORY_COLUMNS + " WHERE m.memory_id = ?";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Db db;

    ContextReader(Db db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- plans

    /** A plan at {@code version} (null = current); {@code VERSION_NOT_FOUND} for a version it never had. */
    PlanView plan(String id, Long version) {
        long current = db.one(PLAN_EXISTS, rs -> rs.getLong(1), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.PLAN_NOT_FOUND, "id", id, "plan"));
        checkVersion(id, version, current);
        return db.one(PLAN, ContextReader::plan, version, id).orElseThrow();
    }

    List<PlanView> plansOfTask(String taskId) {
        return db.list(PLANS_OF_TASK, ContextReader::plan, null, taskId);
    }

    List<PlanView> plansOfProject(String projectId) {
        return db.list(PLANS_OF_PROJECT, ContextReader::plan, null, projectId);
    }

    VersionList versions(String ownerId) {
        return new VersionList(db.list(VERSIONS, rs -> version(rs, 1), ownerId));
    }

    /** Unified diff of two versions' bodies; defaults: previous to current. */
    PlanDiff planDiff(String id, Long from, Long to) {
        long current = db.one(PLAN_EXISTS, rs -> rs.getLong(1), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.PLAN_NOT_FOUND, "id", id, "plan"));
        Compared c = compare(id, from, to, current, v -> plan(id, v).version());
        return new PlanDiff(id, c.from(), c.to(), c.a().title(), c.b().title(), c.diff());
    }

    /** {@link #planDiff} for a doc's versions. */
    DocDiff docDiff(String id, Long from, Long to) {
        long current = db.one(DOC_EXISTS, rs -> rs.getLong(1), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.DOC_NOT_FOUND, "id", id, "doc"));
        Compared c = compare(id, from, to, current, v -> doc(id, v).version());
        return new DocDiff(id, c.from(), c.to(), c.a().title(), c.b().title(), c.diff());
    }

    private record Compared(long from, long to, VersionView a, VersionView b, String diff) {}

    private static Compared compare(String id, Long from, Long to, long current, java.util.function.LongFunction<VersionView> version) {
        long t = to == null ? current : to;
        long f = from == null ? Math.max(1, t - 1) : from;
        checkVersion(id, f, current);
        checkVersion(id, t, current);
        VersionView a = version.apply(f);
        VersionView b = version.apply(t);
        return new Compared(f, t, a, b, LineDiff.unified("v" + f + " " + a.title(), "v" + t + " " + b.title(), a.body(), b.body()));
    }

    private static void checkVersion(String id, Long version, long current) {
        if (version != null && (version < 1 || version > current)) {
            throw new BacklogException(ErrorCode.VERSION_NOT_FOUND, id + " has no version " + version + " (1.." + current + ")",
                    Map.of("id", id, "version", version, "current_version", current));
        }
    }

    private static PlanView plan(ResultSet rs) throws SQLException {
        return new PlanView(rs.getString(1), rs.getString(2), "TASK-" + rs.getLong(3), new ProjectKey(rs.getString(18), rs.getString(19)),
                rs.getLong(4), rs.getString(5),
                new ActorView(rs.getString(6), rs.getString(7)), rs.getString(8), rs.getString(9), version(rs, 10));
    }

    private static VersionView version(ResultSet rs, int first) throws SQLException {
        return new VersionView(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                new ActorView(rs.getString(first + 4), rs.getString(first + 5)), rs.getString(first + 6), rs.getString(first + 7));
    }

    // ---------------------------------------------------------------- docs

    DocView doc(String id, Long version) {
        long current = db.one(DOC_EXISTS, rs -> rs.getLong(1), id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.DOC_NOT_FOUND, "id", id, "doc"));
        checkVersion(id, version, current);
        return db.one(DOC, ContextReader::doc, version, id).orElseThrow();
    }

    DocList docs(String projectId) {
        return new DocList(projectId == null ? db.list(DOCS, ContextReader::doc, (Object) null)
                : db.list(DOCS_OF_PROJECT, ContextReader::doc, null, projectId));
    }

    private static DocView doc(ResultSet rs) throws SQLException {
        VersionView v = version(rs, 10);
        return new DocView(rs.getString(1), new ProjectRef(rs.getString(2), rs.getString(3), rs.getString(4)), v.title(),
                rs.getLong(5), new ActorView(rs.getString(6), rs.getString(7)), rs.getString(8), rs.getString(9), v);
    }

    // ---------------------------------------------------------------- memory

    MemoryView memory(String id) {
        return db.one(MEMORY, ContextReader::memory, id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.MEMORY_NOT_FOUND, "id", id, "memory entry"));
    }

    /** Newest first; {@code projectId == null} = every live project; {@code tag} matched case-insensitively. */
    MemoryList memories(String projectId, String tag, int limit) {
        StringBuilder sql = new StringBuilder(MEMORY_COLUMNS).append(" WHERE pr.archived_at IS NULL");
        List<Object> args = new ArrayList<>();
        if (projectId != null) {
            sql.append(" AND m.project_id = ?");
            args.add(projectId);
        }
        if (tag != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM memory_tags mt WHERE mt.memory_id = m.memory_id AND mt.tag = ?)");
            args.add(tag.strip());
        }
        sql.append(" ORDER BY m.created_at DESC, m.memory_id DESC");
        if (limit > 0) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        return new MemoryList(db.list(sql.toString(), ContextReader::memory, args.toArray()));
    }

    private static MemoryView memory(ResultSet rs) throws SQLException {
        List<String> tags;
        try {
            tags = Json.MAPPER.readValue(rs.getString(6), STRINGS);
        } catch (JsonProcessingException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "unreadable tags of memory entry " + rs.getString(1), Map.of(), e);
        }
        return new MemoryView(rs.getString(1), new ProjectRef(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString(5),
                tags, new ActorView(rs.getString(7), rs.getString(8)), rs.getString(9), rs.getString(10), rs.getLong(11));
    }
}
