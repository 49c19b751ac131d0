package dev.backlog.projector;

import dev.backlog.model.ErrorCode;

/** Resolves plan, doc and memory ids (full ULID or unique prefix of at least 6 characters, SPEC §2.2). */
public final class ContextLookup {
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
        return Lookup.byPrefix(db, given == null ? "" : given.strip(), sql, notFound, "id", what, null);
    }
}
