package dev.backlog.projector;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Resolves plan, doc and memory ids (full ULID or unique prefix of at least 6 characters, SPEC §2.2). */
public final class ContextLookup {
    private static final Pattern ULID_CHARS = Pattern.compile("[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{1,26}");
    private static final String PLAN = "SELECT plan_id FROM plans WHERE plan_id >= ? AND plan_id < ? LIMIT 10";
    private static final String DOC = "SELECT doc_id FROM docs WHERE doc_id >= ? AND doc_id < ? LIMIT 10";
    private static final String MEMORY = "SELECT memory_id FROM memory WHERE memory_id >= ? AND memory_id < ? LIMIT 10";
    private final Db db;

    public ContextLookup(Db db) {
        this.db = db;
    }

    public String plan(String id) {
        return resolve(id, PLAN, ErrorCode.PLAN_NOT_FOUND, "plan");
    }

    public String doc(String id) {
        return resolve(id, DOC, ErrorCode.DOC_NOT_FOUND, "doc");
    }

    public String memory(String id) {
        return resolve(id, MEMORY, ErrorCode.MEMORY_NOT_FOUND, "memory entry");
    }

    private String resolve(String given, String sql, ErrorCode notFound, String what) {
        String r = given == null ? "" : given.strip();
        if (!ULID_CHARS.matcher(r).matches()) {
            throw BacklogException.notFound(notFound, "id", r, what);
        }
        if (r.length() < 6) {
            throw BacklogException.invalid("id", r, "an id prefix needs at least 6 characters: '" + r + "'");
        }
        String lo = r.toUpperCase(Locale.ROOT);
        List<String> hits = db.list(sql, rs -> rs.getString(1), lo, lo + "\uffff");
        if (hits.isEmpty()) {
            throw BacklogException.notFound(notFound, "id", r, what);
        }
        if (hits.size() > 1) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("prefix", r);
            d.put("candidates", hits);
            throw new BacklogException(ErrorCode.AMBIGUOUS_ID, "'" + r + "' matches several " + what + "s", d);
        }
        return hits.get(0);
    }
}
