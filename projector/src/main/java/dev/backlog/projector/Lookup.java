package dev.backlog.projector;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves user-supplied references (SPEC §2.2) to ids over the read tables. Shared by the command and query
 * services so every interface accepts the same forms and reports the same errors. Not thread-safe.
 */
public final class Lookup {
    private static final Pattern TASK_REF = Pattern.compile("(?i)(?:task-)?(\\d{1,18})");
    private static final Pattern ULID_CHARS = Pattern.compile("[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]+");
    private static final String TASK_BY_NUMBER = "SELECT task_id FROM tasks WHERE number = ?";
    private static final String TASK_BY_PREFIX = "SELECT task_id FROM tasks WHERE task_id >= ? AND task_id < ? LIMIT 10";
    private static final String PROJECT_BY_ALIAS = "SELECT project_id FROM projects WHERE alias = ?";
    private static final String PROJECT_BY_PREFIX = "SELECT project_id FROM projects WHERE project_id >= ? AND project_id < ? LIMIT 10";
    private static final String LABEL_BY_NAME = """
            SELECT label_id FROM labels WHERE project_id = ? AND name = ? COLLATE NOCASE ORDER BY created_seq LIMIT 1
            """;
    private static final String LABEL_BY_PREFIX = """
            SELECT label_id FROM labels WHERE project_id = ? AND label_id >= ? AND label_id < ? LIMIT 10
            """;
    private static final String COMMENT_BY_PREFIX = "SELECT comment_id FROM comments WHERE comment_id >= ? AND comment_id < ? LIMIT 10";
    private static final String ATTACHMENT_BY_PREFIX = """
            SELECT attachment_id FROM attachments WHERE attachment_id >= ? AND attachment_id < ? LIMIT 10
            """;

    private final Db db;

    public Lookup(Db db) {
        this.db = db;
    }

    /** The id of a live task (not deleted; archived tasks resolve). */
    public String task(String ref) {
        String r = ref == null ? "" : ref.strip();
        var m = TASK_REF.matcher(r);
        if (m.matches()) {
            return db.one(TASK_BY_NUMBER, rs -> rs.getString(1), Long.parseLong(m.group(1)))
                    .orElseThrow(() -> BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", r, "task"));
        }
        if (r.contains("@")) {
            throw BacklogException.notFound(ErrorCode.TASK_NOT_FOUND, "ref", r, "task");
        }
        return byPrefix(r, TASK_BY_PREFIX, ErrorCode.TASK_NOT_FOUND, "ref", "task", null);
    }

    /** The id of a live project by alias, full ULID or unique prefix of at least 6 characters. */
    public String project(String ref) {
        String r = ref == null ? "" : ref.strip();
        var byAlias = db.one(PROJECT_BY_ALIAS, rs -> rs.getString(1), r);
        if (byAlias.isPresent()) {
            return byAlias.get();
        }
        if (r.length() < 6 || !ULID_CHARS.matcher(r).matches()) {
            throw BacklogException.notFound(ErrorCode.PROJECT_NOT_FOUND, "ref", r, "project");
        }
        return byPrefix(r, PROJECT_BY_PREFIX, ErrorCode.PROJECT_NOT_FOUND, "ref", "project", null);
    }

    /** A label of the project by name (case-insensitive, earliest created wins: rule P7) or id prefix. */
    public String label(String projectId, String nameOrId) {
        String r = nameOrId == null ? "" : nameOrId.strip();
        var byName = db.one(LABEL_BY_NAME, rs -> rs.getString(1), projectId, r);
        if (byName.isPresent()) {
            return byName.get();
        }
        if (r.length() < 6 || !ULID_CHARS.matcher(r).matches()) {
            throw BacklogException.notFound(ErrorCode.LABEL_NOT_FOUND, "ref", r, "label");
        }
        return byPrefix(r, LABEL_BY_PREFIX, ErrorCode.LABEL_NOT_FOUND, "ref", "label", projectId);
    }

    /** The label id for a name if the project has one, else {@code null}. */
    public String labelByName(String projectId, String name) {
        return db.one(LABEL_BY_NAME, rs -> rs.getString(1), projectId, name).orElse(null);
    }

    public String comment(String id) {
        return byPrefix(id == null ? "" : id.strip(), COMMENT_BY_PREFIX, ErrorCode.COMMENT_NOT_FOUND, "id", "comment", null);
    }

    /** A live attachment (its target not deleted) by full ULID or unique prefix of at least 6 characters. */
    public String attachment(String id) {
        return byPrefix(id == null ? "" : id.strip(), ATTACHMENT_BY_PREFIX, ErrorCode.ATTACHMENT_NOT_FOUND, "id", "attachment", null);
    }

    private String byPrefix(String ref, String sql, ErrorCode notFound, String key, String what, String scope) {
        return byPrefix(db, ref, sql, notFound, key, what, scope);
    }

    /**
     * A full ULID or unique prefix of at least 6 characters, selected by {@code sql} (binding [scope,] lo, hi):
     * {@code notFound} when nothing matches, {@code AMBIGUOUS_ID} listing candidates, {@code INVALID_ARGUMENT} when too short.
     */
    static String byPrefix(Db db, String ref, String sql, ErrorCode notFound, String key, String what, String scope) {
        if (!ULID_CHARS.matcher(ref).matches() || ref.length() > 26) {
            throw BacklogException.notFound(notFound, key, ref, what);
        }
        if (ref.length() < 6) {
            throw BacklogException.invalid(key, ref, "an id prefix needs at least 6 characters: '" + ref + "'");
        }
        String lo = ref.toUpperCase(Locale.ROOT);
        String hi = lo + "\uffff";
        List<String> hits = scope == null
                ? db.list(sql, rs -> rs.getString(1), lo, hi)
                : db.list(sql, rs -> rs.getString(1), scope, lo, hi);
        if (hits.isEmpty()) {
            throw BacklogException.notFound(notFound, key, ref, what);
        }
        if (hits.size() > 1) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("prefix", ref);
            d.put("candidates", hits);
            throw new BacklogException(ErrorCode.AMBIGUOUS_ID, "'" + ref + "' matches several " + what + "s", d);
        }
        return hits.get(0);
    }
}
