package dev.backlog.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventPayload;
import dev.backlog.projector.Db;
import dev.backlog.projector.EventCodec;
import dev.backlog.projector.Json;
import dev.backlog.query.Views.*;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events as the activity log: filtered listings and per-task history, each with its rendered summary. */
final class EventReader {
    private static final String SELECT = """
            SELECT e.seq, e.event_id, e.stream, e.stream_version, e.type, e.schema_version, e.actor_kind, e.actor_name,
                   e.occurred_at, e.recorded_at, e.origin, e.correlation_id, e.payload, e.prev_hash, e.hash,
                   s.kind, s.entity_id, s.project_id, s.number, s.name, coalesce(p.alias, ps.name), ts.number
            FROM events e
            LEFT JOIN streams s ON s.stream = e.stream
            LEFT JOIN projects p ON p.project_id = s.project_id
            LEFT JOIN streams ps ON ps.stream = 'project/' || s.project_id
            LEFT JOIN streams ts ON ts.stream = 'task/' || s.task_id
            """;
    private static final String COUNT = """
            SELECT count(*) FROM events e LEFT JOIN streams s ON s.stream = e.stream
            """;
    private static final String TASK_NUMBER = "SELECT number FROM streams WHERE stream = 'task/' || ?";
    private static final String LABEL_NAME = "SELECT name FROM labels WHERE label_id = ?";

    /** Filters of {@code activity} and {@code task history}; {@code null}/empty = any. */
    record Filter(String projectId, String taskId, List<String> kinds, List<String> types, String actorKind, String actorName,
                  String since, Long after, Long before, boolean ascending, int limit, int offset) {}

    private final Db db;

    EventReader(Db db) {
        this.db = db;
    }

    EventList list(Filter f, boolean paged) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.projectId() != null) {
            where.append(" AND s.project_id = ?");
            args.add(f.projectId());
        }
        if (f.taskId() != null) {
            where.append(" AND s.task_id = ?");
            args.add(f.taskId());
        }
        dev.backlog.projector.ReadyTasks.in(where, args, "substr(e.stream, 1, instr(e.stream, '/') - 1)", f.kinds());
        dev.backlog.projector.ReadyTasks.in(where, args, "e.type", f.types());
        if (f.actorKind() != null) {
            where.append(" AND e.actor_kind = ?");
            args.add(f.actorKind());
        }
        if (f.actorName() != null) {
            where.append(" AND e.actor_name = ?");
            args.add(f.actorName());
        }
        if (f.since() != null) {
            where.append(" AND e.occurred_at >= ?");
            args.add(f.since());
        }
        if (f.after() != null) {
            where.append(" AND e.seq > ?");
            args.add(f.after());
        }
        if (f.before() != null) {
            where.append(" AND e.seq < ?");
            args.add(f.before());
        }
        long total = paged ? db.count(COUNT + where, args.toArray()) : 0;
        String order = f.ascending() ? " ORDER BY e.seq ASC" : " ORDER BY e.seq DESC";
        List<Object> all = new ArrayList<>(args);
        String limit = "";
        if (f.limit() > 0) {
            limit = " LIMIT ? OFFSET ?";
            all.add(f.limit());
            all.add(f.offset());
        }
        List<EventView> events = db.list(SELECT + where + order + limit, this::view, all.toArray());
        return new EventList(events, paged ? new Page(total, events.size(), f.limit(), f.offset()) : null);
    }

    private EventView view(ResultSet rs) throws SQLException {
        String type = rs.getString(5);
        String payloadText = rs.getString(13);
        EventPayload payload = EventCodec.decode(type, rs.getInt(6), payloadText);
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(payloadText);
        } catch (JsonProcessingException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "unreadable payload of event " + rs.getLong(1), Map.of(), e);
        }
        String stream = rs.getString(3);
        String kind = rs.getString(16) != null ? rs.getString(16) : stream.substring(0, stream.indexOf('/'));
        String entityId = stream.substring(stream.indexOf('/') + 1);
        String ref = switch (kind) {
            case "task" -> rs.getObject(19) == null ? null : "TASK-" + rs.getLong(19);
            case "comment", "plan", "attachment" -> rs.getObject(22) == null ? rs.getString(20) : "TASK-" + rs.getLong(22);
            case "doc" -> rs.getString(20);
            case "project" -> rs.getString(21);
            case "label" -> labelName(entityId, rs.getString(20));
            default -> null;
        };
        String projectId = rs.getString(18);
        ProjectKey project = projectId == null ? null : new ProjectKey(projectId, rs.getString(21));
        String actor = rs.getString(7) + ":" + rs.getString(8);
        String summary = Summaries.of(payload, actor, ref, this::taskRef);
        return new EventView(rs.getLong(1), rs.getString(2), stream, rs.getLong(4), type, rs.getInt(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), tree,
                rs.getString(14), rs.getString(15), summary, new EntityRef(kind, entityId, ref), project);
    }

    private String labelName(String labelId, String atCreation) {
        String current = db.string(LABEL_NAME, labelId);
        return current != null ? current : atCreation;
    }

    private String taskRef(String taskId) {
        long n = db.count(TASK_NUMBER, taskId);
        return n == 0 ? taskId : "TASK-" + n;
    }
}
