-- Agent context (SPEC §3.4-3.7): versioned plans and docs, memory entries, attachments. Projections only.
CREATE TABLE plans (
    plan_id         TEXT PRIMARY KEY,
    task_id         TEXT NOT NULL REFERENCES tasks (task_id),
    source          TEXT,
    actor_kind      TEXT NOT NULL,
    actor_name      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    search_key      INTEGER NOT NULL
) STRICT;
CREATE INDEX plans_task ON plans (task_id);

-- Every revision of a plan or doc: rule P6, versions numbered by position in fold order.
CREATE TABLE versions (
    owner_id    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    change_note TEXT,
    actor_kind  TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    PRIMARY KEY (owner_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE docs (
    doc_id          TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects (project_id),
    actor_kind      TEXT NOT NULL,
    actor_name      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    search_key      INTEGER NOT NULL
) STRICT;
CREATE INDEX docs_project ON docs (project_id, updated_at);

CREATE TABLE memory (
    memory_id  TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (project_id),
    body       TEXT NOT NULL,
    tags       TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL,
    search_key INTEGER NOT NULL
) STRICT;
CREATE INDEX memory_project ON memory (project_id, created_at);

CREATE TABLE memory_tags (
    memory_id TEXT NOT NULL REFERENCES memory (memory_id),
    tag       TEXT NOT NULL COLLATE NOCASE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (memory_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX memory_tags_tag ON memory_tags (tag);

CREATE TABLE attachments (
    attachment_id TEXT PRIMARY KEY,
    target_kind   TEXT NOT NULL CHECK (target_kind IN ('task', 'doc')),
    target_id     TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    mime_type     TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    actor_kind    TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_target ON attachments (target_kind, target_id);
CREATE INDEX attachments_project ON attachments (project_id, created_at);
