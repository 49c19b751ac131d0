package dev.backlog.http;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.AttachmentReader;
import dev.backlog.query.QueryService;
import dev.backlog.query.Views.AttachmentView;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/attachments…} (§8.3): multipart upload, metadata, download with a safe {@code Content-Disposition}, and {@code /api/export}. */
final class AttachmentRoutes {
    /** The only types served {@code inline} (§8.2); everything else downloads as {@code application/octet-stream}. */
    static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final Set<String> FIELDS = Set.of("file", "target_kind", "target", "name");

    private AttachmentRoutes() {
    }

    static void register(Router r) {
        r.get("/api/attachments", c -> {
            String task = c.query("task");
            String doc = c.query("doc");
            String project = c.query("project");
            int given = (task == null ? 0 : 1) + (doc == null ? 0 : 1) + (project == null ? 0 : 1);
            if (given != 1) {
                throw BacklogException.invalid("task", null, "give exactly one of task, doc and project");
            }
            return Reply.ok(c.db.read(q -> q.attachments(task, doc, project)));
        });
        r.upload("/api/attachments", AttachmentRoutes::upload);
        r.get("/api/attachments/{id}", c -> Reply.ok(c.db.read(q -> q.attachment(c.path("id")))));
        r.get("/api/attachments/{id}/content", AttachmentRoutes::content);
        r.get("/api/export", AttachmentRoutes::export);
        r.delete("/api/attachments/{id}", c -> {
            c.db.write(c.actor, w -> w.attachments().remove(w.queries().attachment(c.path("id")).id()));
            return Reply.noContent();
        });
    }

    private static Reply upload(Call c) throws IOException {
        MultiPartParserDefinition multipart = new MultiPartParserDefinition().setDefaultEncoding(StandardCharsets.UTF_8.name());
        multipart.setMaxIndividualFileSize(c.config.settings().attachmentMaxBytes());
        try (FormDataParser parser = multipart.create(c.exchange)) {
            if (parser == null) {
                throw new BacklogException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "uploads must be multipart/form-data");
            }
            FormData form;
            try {
                form = parser.parseBlocking();
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("size")) {
                    throw dev.backlog.model.Limits.tooLarge("file", c.config.settings().attachmentMaxBytes(), -1);
                }
                throw BacklogException.invalid("body", null, "invalid multipart body: " + e.getMessage());
            }
            for (String name : form) {
                if (!FIELDS.contains(name)) {
                    throw BacklogException.invalid(name, null, "unknown field '" + name + "'");
                }
            }
            FormData.FormValue file = form.getFirst("file");
            if (file == null || !file.isFileItem()) {
                throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "missing required field 'file'", Map.of("field", "file"));
            }
            String kind = text(form, "target_kind", true);
            String target = text(form, "target", true);
            String name = text(form, "name", false);
            if (!kind.equals("task") && !kind.equals("doc")) {
                throw BacklogException.invalid("target_kind", kind, List.of("task", "doc"), "invalid target_kind '" + kind + "'");
            }
            Path path = file.getFileItem().getFile();
            String stored = name != null ? name : file.getFileName() != null ? file.getFileName() : "attachment";
            return c.db.write(c.actor, w -> Rendered.created(w.attachments().add(path, kind.equals("task") ? target : null,
                    kind.equals("doc") ? target : null, stored), w.queries()));
        }
    }

    private static String text(FormData form, String field, boolean required) {
        FormData.FormValue v = form.getFirst(field);
        if (v == null || v.isFileItem()) {
            if (required) {
                throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "missing required field '" + field + "'", Map.of("field", field));
            }
            return null;
        }
        return v.getValue();
    }

    private static Reply content(Call c) throws IOException {
        AttachmentReader.Content content = c.db.read(q -> q.attachmentContent(c.path("id")));
        AttachmentView a = content.attachment();
        HttpServerExchange ex = c.exchange;
        boolean inline = INLINE.contains(a.mimeType());
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, inline ? a.mimeType() : "application/octet-stream");
        ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, disposition(inline ? "inline" : "attachment", a.name()));
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(content.path()));
        try (OutputStream out = ex.getOutputStream()) {
            Files.copy(content.path(), out);
        }
        return null;
    }

    /** {@code GET /api/export} (§12.6): streamed as a download once the format and project are known to be valid. */
    private static Reply export(Call c) {
        String format = QueryService.exportFormat(c.query("format"));
        String project = c.query("project");
        boolean archived = c.flag("include_archived");
        c.db.read(q -> {
            String projectRef = project == null || project.isEmpty() ? null : q.lookup().project(project);
            HttpServerExchange ex = c.exchange;
            String type = switch (format) {
                case "csv" -> "text/csv; charset=utf-8";
                case "md" -> "text/markdown; charset=utf-8";
                default -> "application/json";
            };
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
            ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, disposition("attachment", "backlog-export." + format));
            try (OutputStream out = ex.getOutputStream()) {
                q.export(format, projectRef, archived, false, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        return null;
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266 / 5987). */
    static String disposition(String type, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char ch : name.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != ';' ? ch : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
