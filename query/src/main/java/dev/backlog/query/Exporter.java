package dev.backlog.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.backlog.model.BacklogException;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.query.Views.AttachmentView;
import dev.backlog.query.Views.CommentView;
import dev.backlog.query.Views.PlanView;
import dev.backlog.query.Views.ProjectView;
import dev.backlog.query.Views.TaskDetail;
import dev.backlog.query.Views.TaskView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code export} (SPEC §12.6): the workspace, or one project, as a re-importable JSON dump (every event envelope in
 * seq order plus a readable snapshot), RFC 4180 CSV of the tasks, or Markdown. Output is streamed, so a large log
 * never sits in memory. Not thread-safe (one connection).
 */
final class Exporter {
    static final List<String> FORMATS = List.of("json", "csv", "md");
    private static final String EVENTS = """
            SELECT seq, event_id, stream, stream_version, type, schema_version, actor_kind, actor_name, occurred_at, recorded_at,
                   origin, correlation_id, payload, prev_hash, hash FROM events ORDER BY seq""";
    /** The events of one project's streams: the project itself and everything that belongs to it. */
    private static final String PROJECT_EVENTS = """
            SELECT e.seq, e.event_id, e.stream, e.stream_version, e.type, e.schema_version, e.actor_kind, e.actor_name,
                   e.occurred_at, e.recorded_at, e.origin, e.correlation_id, e.payload, e.prev_hash, e.hash
            FROM events e JOIN streams s ON s.stream = e.stream
            WHERE s.project_id = ? OR s.stream = 'project/' || ? ORDER BY e.seq""";
    private static final String HEAD = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1";
    private static final String CSV_HEADER = "ref,id,project,title,type,status,priority,assignee,labels,due_at,claimed_by,created_by,"
            + "created_at,updated_at,completed_at,archived_at,source,external_ref,description";

    /** What to export; {@code projectId == null} is the whole workspace. */
    record Scope(String projectId, boolean includeArchived, boolean withAttachments) {}

    private final Db db;
    private final QueryService queries;

    Exporter(Db db, QueryService queries) {
        this.db = db;
        this.queries = queries;
    }

    /** Checks a format name before anything is written; {@code INVALID_ARGUMENT} otherwise. */
    static String format(String format) {
        String f = format == null ? "json" : format;
        if (!FORMATS.contains(f)) {
            throw BacklogException.invalid("format", format, FORMATS, "unknown export format '" + format + "'");
        }
        return f;
    }

    void write(String format, Scope scope, Instant now, OutputStream out) {
        try {
            switch (format(format)) {
                case "json" -> json(scope, now, out);
                case "csv" -> csv(scope, out);
                default -> markdown(scope, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("export could not be written", e);
        }
    }

    private List<ProjectView> projects(Scope scope) {
        List<ProjectView> all = queries.projects(scope.includeArchived(), false).projects();
        return scope.projectId() == null ? all : all.stream().filter(p -> p.id().equals(scope.projectId())).toList();
    }

    private List<TaskView> tasks(Scope scope, String projectId) {
        return queries.tasks(new TaskQuery(projectId, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null,
                false, null, scope.includeArchived(), false, "ref", false, 0, 0)).tasks();
    }

    private void json(Scope scope, Instant now, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", "backlog-export");
            g.writeNumberField("format_version", 1);
            String[] ws = queries.workspace();
            g.writeObjectFieldStart("workspace");
            g.writeStringField("workspace_id", ws[0]);
            g.writeStringField("name", ws[1]);
            g.writeEndObject();
            g.writeStringField("exported_at", Timestamps.format(now));
            g.writeFieldName("head");
            g.writeObject(db.one(HEAD, rs -> new Head(rs.getLong(1), rs.getString(2))).orElse(new Head(0, null)));
            g.writeArrayFieldStart("events");
            Db.Row<Void> envelope = rs -> {
                try {
                    writeEnvelope(g, rs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            };
            if (scope.projectId() == null) {
                db.each(EVENTS, envelope);
            } else {
                db.each(PROJECT_EVENTS, envelope, scope.projectId(), scope.projectId());
            }
            g.writeEndArray();
            List<ProjectView> projects = projects(scope);
            g.writeFieldName("projects");
            g.writeObject(projects);
            java.util.Map<String, String> blobs = new java.util.TreeMap<>();
            g.writeArrayFieldStart("tasks");
            for (ProjectView p : projects) {
                for (TaskView t : tasks(scope, p.id())) {
                    TaskDetail d = queries.taskById(t.id());
                    if (scope.withAttachments()) {
                        d.attachments().forEach(a -> blobs.computeIfAbsent(a.sha256(), sha -> blob(queries.attachmentContent(a.id()).path())));
                    }
                    g.writeObject(d);
                }
            }
            g.writeEndArray();
            List<Views.DocView> docs = new ArrayList<>();
            List<Views.MemoryView> memory = new ArrayList<>();
            for (ProjectView p : projects) {
                docs.addAll(queries.docs(p.id()).docs());
                memory.addAll(queries.memories(p.id(), null, 0).entries());
                if (scope.withAttachments()) {
                    for (AttachmentView a : queries.attachments(null, null, p.id()).attachments()) {
                        blobs.computeIfAbsent(a.sha256(), sha -> blob(queries.attachmentContent(a.id()).path()));
                    }
                }
            }
            g.writeFieldName("docs");
            g.writeObject(docs);
            g.writeFieldName("memory");
            g.writeObject(memory);
            g.writeFieldName("blobs");
            g.writeObject(blobs);
            g.writeEndObject();
        }
    }

    private record Head(long seq, String hash) {}

    private static void writeEnvelope(JsonGenerator g, java.sql.ResultSet rs) throws IOException, java.sql.SQLException {
        g.writeStartObject();
        g.writeNumberField("seq", rs.getLong(1));
        g.writeStringField("event_id", rs.getString(2));
        g.writeStringField("stream", rs.getString(3));
        g.writeNumberField("stream_version", rs.getLong(4));
        g.writeStringField("type", rs.getString(5));
        g.writeNumberField("schema_version", rs.getInt(6));
        g.writeStringField("actor_kind", rs.getString(7));
        g.writeStringField("actor_name", rs.getString(8));
        g.writeStringField("occurred_at", rs.getString(9));
        g.writeStringField("recorded_at", rs.getString(10));
        g.writeStringField("origin", rs.getString(11));
        g.writeStringField("correlation_id", rs.getString(12));
        g.writeFieldName("payload");
        g.writeRawValue(rs.getString(13)); // stored as canonical JSON: copied byte for byte, so hashes still verify
        g.writeStringField("prev_hash", rs.getString(14));
        g.writeStringField("hash", rs.getString(15));
        g.writeEndObject();
    }

    private void csv(Scope scope, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(CSV_HEADER + "\r\n");
        for (ProjectView p : projects(scope)) {
            for (TaskView t : tasks(scope, p.id())) {
                List<String> cells = List.of(t.ref(), t.id(), p.alias(), t.title(), t.type(), t.status(), "P" + t.priority(), n(t.assignee()),
                        String.join(";", t.labels()), n(t.dueAt()), t.claim() == null ? "" : t.claim().actor().kind() + ":" + t.claim().actor().name(),
                        t.actor().kind() + ":" + t.actor().name(), t.createdAt(), t.updatedAt(), n(t.completedAt()), n(t.archivedAt()),
                        n(t.source()), n(t.externalRef()), n(t.description()));
                List<String> quoted = new ArrayList<>();
                cells.forEach(c -> quoted.add(csvCell(c)));
                w.write(String.join(",", quoted) + "\r\n");
            }
        }
        w.flush();
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
    static String csvCell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private void markdown(Scope scope, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("# Backlog Export\n");
        for (ProjectView p : projects(scope)) {
            w.write("\n## " + p.name() + " (" + p.alias() + ")\n");
            if (p.description() != null) {
                w.write("\n" + p.description() + "\n");
            }
            for (TaskView t : tasks(scope, p.id())) {
                TaskDetail d = queries.taskById(t.id());
                w.write("\n### " + t.ref() + " [P" + t.priority() + "][" + t.status() + "] " + t.title() + "\n\n");
                w.write("- Type: " + t.type() + "\n");
                bullet(w, "Assignee", t.assignee());
                bullet(w, "Labels", t.labels().isEmpty() ? null : String.join(", ", t.labels()));
                bullet(w, "Due", t.dueAt());
                bullet(w, "Claimed by", t.claim() == null ? null : t.claim().actor().kind() + ":" + t.claim().actor().name());
                bullet(w, "Blocked by", t.blockedBy().isEmpty() ? null : String.join(", ", t.blockedBy()));
                w.write("- Created: " + t.createdAt() + " by " + t.actor().kind() + ":" + t.actor().name() + "\n");
                bullet(w, "Completed", t.completedAt());
                bullet(w, "Archived", t.archivedAt());
                bullet(w, "Source", t.source());
                bullet(w, "External ref", t.externalRef());
                if (t.description() != null) {
                    w.write("\n" + t.description().strip() + "\n");
                }
                for (PlanView plan : d.plans()) {
                    w.write("\n#### Plan: " + plan.version().title() + " (v" + plan.currentVersion() + ")\n\n" + plan.version().body().strip() + "\n");
                }
                if (!d.comments().isEmpty()) {
                    w.write("\n#### Comments\n\n");
                    for (CommentView c : d.comments()) {
                        w.write("- " + c.createdAt() + " " + c.actor().kind() + ":" + c.actor().name() + ": "
                                + c.body().strip().replace("\n", "\n  ") + "\n");
                    }
                }
                for (AttachmentView a : d.attachments()) {
                    w.write("- Attachment: " + a.name() + " (" + a.size() + " bytes, sha256 " + a.sha256() + ")\n");
                }
            }
        }
        w.flush();
    }

    private static void bullet(Writer w, String name, String value) throws IOException {
        if (value != null) {
            w.write("- " + name + ": " + value + "\n");
        }
    }

    private static String n(String v) {
        return v == null ? "" : v;
    }

    /** Base64 of one blob of the attachment store, for {@code --with-attachments}. */
    static String blob(java.nio.file.Path path) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("attachment blob unreadable: " + path, e);
        }
    }
}
