-- The event log: the only source of truth (SPEC §4.1). Append-only, enforced by triggers.
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL UNIQUE,
    stream          TEXT    NOT NULL,
    stream_version  INTEGER NOT NULL CHECK (stream_version >= 1),
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    actor_kind      TEXT    NOT NULL CHECK (actor_kind IN ('human', 'ai')),
    actor_name      TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    origin          TEXT    NOT NULL,
    correlation_id  TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream, stream_version)
) STRICT;
CREATE INDEX events_occurred_at ON events (occurred_at);
CREATE INDEX events_type ON events (type, seq);
CREATE INDEX events_actor ON events (actor_kind, actor_name, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Projections: derived from events only, rebuilt by `doctor rebuild`.
CREATE TABLE workspace (
    workspace_id TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    app_version  TEXT,
    created_at   TEXT NOT NULL
) STRICT;

-- Streams whose *Deleted event was applied: later events of them are ignored (rule P3).
CREATE TABLE tombstones (
    stream TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
) STRICT;

-- Highest TASK-N ever assigned (rule P8): deleting a task never frees its number.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

CREATE TABLE projects (
    project_id  TEXT PRIMARY KEY,
    alias       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    repo_path   TEXT,
    actor_kind  TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT,
    version     INTEGER NOT NULL
) STRICT;

CREATE TABLE tasks (
    task_id          TEXT PRIMARY KEY,
    number           INTEGER NOT NULL UNIQUE,
    project_id       TEXT NOT NULL REFERENCES projects (project_id),
    title            TEXT NOT NULL,
    description      TEXT,
    type             TEXT NOT NULL,
    status           TEXT NOT NULL,
    priority         INTEGER NOT NULL,
    assignee         TEXT,
    due_at           TEXT,
    source           TEXT,
    external_ref     TEXT,
    project_path     TEXT,
    actor_kind       TEXT NOT NULL,
    actor_name       TEXT NOT NULL,
    claim_kind       TEXT,
    claim_name       TEXT,
    claimed_at       TEXT,
    lease_expires_at TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    completed_at     TEXT,
    archived_at      TEXT,
    version          INTEGER NOT NULL,
    search_key       INTEGER NOT NULL
) STRICT;
CREATE INDEX tasks_project ON tasks (project_id, status, priority, number);
CREATE INDEX tasks_ready ON tasks (status, priority, due_at, number);
CREATE INDEX tasks_claim ON tasks (claim_kind, claim_name);

CREATE TABLE labels (
    label_id   TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (project_id),
    name       TEXT NOT NULL,
    color      TEXT,
    created_at TEXT NOT NULL,
    created_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX labels_project_name ON labels (project_id, name COLLATE NOCASE);

CREATE TABLE task_labels (
    task_id  TEXT NOT NULL REFERENCES tasks (task_id),
    label_id TEXT NOT NULL REFERENCES labels (label_id),
    PRIMARY KEY (task_id, label_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_labels_label ON task_labels (label_id);

CREATE TABLE task_links (
    blocker_id TEXT NOT NULL REFERENCES tasks (task_id),
    blocked_id TEXT NOT NULL REFERENCES tasks (task_id),
    PRIMARY KEY (blocker_id, blocked_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_links_blocked ON task_links (blocked_id);

CREATE TABLE comments (
    comment_id TEXT PRIMARY KEY,
    task_id    TEXT NOT NULL REFERENCES tasks (task_id),
    body       TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX comments_task ON comments (task_id, created_at);

-- Every stream whose events shape a task's detail view (its own, its comments, linked tasks, labels, project):
-- lets `task show --at` fold just those events. Grows only; history never shrinks.
CREATE TABLE task_streams (
    task_id TEXT NOT NULL,
    stream  TEXT NOT NULL,
    PRIMARY KEY (task_id, stream)
) STRICT, WITHOUT ROWID;

-- Full-text index (SPEC §7): one row per searchable entity, keyed by an explicit integer key
-- (the seq of the event that created the entity), so VACUUM and rebuilds keep keys stable.
CREATE TABLE search_docs (
    search_key INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    entity_id  TEXT NOT NULL UNIQUE,
    task_id    TEXT,
    project_id TEXT NOT NULL
) STRICT;
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Who each stream belongs to, recorded at creation and kept after deletes: activity filters and event
-- rendering (entity, project, summary) need it for deleted entities too.
CREATE TABLE streams (
    stream     TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    project_id TEXT,
    task_id    TEXT,
    number     INTEGER,
    name       TEXT
) STRICT;
CREATE INDEX streams_project ON streams (project_id);
CREATE INDEX streams_task ON streams (task_id);
