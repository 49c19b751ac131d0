package dev.backlog.query;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.query.Views.ActorView;
import dev.backlog.query.Views.AttachmentView;
import dev.backlog.query.Views.Check;
import dev.backlog.query.Views.TargetRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attachment metadata over the read tables and the blobs behind it ({@code attachments/sha256/<2 hex>/<64 hex>} next
 * to the database, SPEC §12.8), verified by hash before anyone is handed their bytes. Not thread-safe.
 */
public final class AttachmentReader {
    private static final String COLUMNS = """
            SELECT a.attachment_id, a.name, a.mime_type, a.size, a.sha256, a.target_kind, a.target_id, t.number, v.title,
                   a.actor_kind, a.actor_name, a.created_at
            FROM attachments a
            LEFT JOIN tasks t ON a.target_kind = 'task' AND t.task_id = a.target_id
            LEFT JOIN docs d ON a.target_kind = 'doc' AND d.doc_id = a.target_id
            LEFT JOIN versions v ON v.owner_id = d.doc_id AND v.version = d.current_version
            """;
    private static final String NEWEST_FIRST = " ORDER BY a.created_at DESC, a.attachment_id DESC";
    private static final String BY_ID = COLUMNS + " WHERE a.attachment_id = ?";
    private static final String BY_TARGET = COLUMNS + " WHERE a.target_kind = ? AND a.target_id = ?" + NEWEST_FIRST;
    private static final String BY_PROJECT = COLUMNS + " WHERE a.project_id = ?" + NEWEST_FIRST;
    private static final String ALL = "SELECT attachment_id, name, sha256 FROM attachments ORDER BY attachment_id";
    private static final String MAIN_FILE = "SELECT file FROM pragma_database_list WHERE name = 'main'";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** How many bad attachments the {@code attachments} check names. */
    private static final int NAMED = 10;

    /** An attachment and the path of its blob, which hashed to the attachment's {@code sha256} when this was made. */
    public record Content(AttachmentView attachment, Path path) {}

    private final Db db;
    private Optional<Path> root;

    AttachmentReader(Db db) {
        this.db = db;
    }

    AttachmentView byId(String id) {
        return db.one(BY_ID, AttachmentReader::view, id)
                .orElseThrow(() -> BacklogException.notFound(ErrorCode.ATTACHMENT_NOT_FOUND, "id", id, "attachment"));
    }

    /** Newest first. */
    List<AttachmentView> forTarget(String kind, String id) {
        return db.list(BY_TARGET, AttachmentReader::view, kind, id);
    }

    /** Newest first. */
    List<AttachmentView> forProject(String projectId) {
        return db.list(BY_PROJECT, AttachmentReader::view, projectId);
    }

    /** The attachment with its blob, after checking the blob hashes to its {@code sha256}: {@code CHECK_FAILED} if not. */
    Content content(String id) {
        AttachmentView a = byId(id);
        String problem = problem(a.sha256());
        if (!problem.isEmpty()) {
            String detail = a.id() + " (" + a.name() + "): " + problem;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("checks", List.of(new Check("attachments", false, detail)));
            d.put("id", a.id());
            d.put("sha256", a.sha256());
            throw new BacklogException(ErrorCode.CHECK_FAILED, "attachment " + detail, d);
        }
        return new Content(a, blob(a.sha256()));
    }

    /** The {@code attachments} check of {@code doctor check} (§12.1): each distinct blob is hashed once. */
    Check check() {
        record Row(String id, String name, String sha256) {}
        List<Row> rows = db.list(ALL, rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
        Map<String, String> problems = new HashMap<>();
        List<String> bad = new ArrayList<>();
        for (Row r : rows) {
            String p = problems.computeIfAbsent(r.sha256(), this::problem);
            if (!p.isEmpty()) {
                bad.add(r.id() + " (" + r.name() + "): " + p);
            }
        }
        if (bad.isEmpty()) {
            return new Check("attachments", true, rows.size() + " attachments, " + problems.size() + " blobs verified");
        }
        String named = String.join("; ", bad.subList(0, Math.min(NAMED, bad.size())));
        return new Check("attachments", false, bad.size() + " of " + rows.size() + " attachments bad: " + named
                + (bad.size() > NAMED ? "; …" : ""));
    }

    /** {@code ""} when the blob of {@code sha256} exists and hashes to it, else what is wrong. */
    private String problem(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return "invalid sha256";
        }
        Path blob = blob(sha256);
        if (blob == null || !Files.isRegularFile(blob)) {
            return "blob missing";
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(blob)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            return actual.equals(sha256) ? "" : "blob corrupt (hashes to " + actual + ")";
        } catch (IOException e) {
            return "blob unreadable (" + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The blob path of a valid digest; {@code null} when the database is not a file (nothing is stored then). */
    private Path blob(String sha256) {
        if (root == null) {
            String file = db.string(MAIN_FILE);
            root = file == null || file.isEmpty() ? Optional.empty()
                    : Optional.of(Path.of(file).toAbsolutePath().getParent().resolve("attachments").resolve("sha256"));
        }
        return root.map(r -> r.resolve(sha256.substring(0, 2)).resolve(sha256)).orElse(null);
    }

    static AttachmentView view(ResultSet rs) throws SQLException {
        String kind = rs.getString(6);
        Object number = rs.getObject(8);
        TargetRef target = new TargetRef(kind, rs.getString(7), "task".equals(kind) && number != null ? "TASK-" + rs.getLong(8) : null,
                "doc".equals(kind) ? rs.getString(9) : null);
        return new AttachmentView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), target,
                new ActorView(rs.getString(10), rs.getString(11)), rs.getString(12));
    }
}
