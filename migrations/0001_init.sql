-- mlpath schema v1. Released migrations are never edited; later changes go in new files.

-- Section paths, stored once: a JSON array of titles, outermost first,
-- e.g. ["Papers","LLM","LLM inference"]. Empty array for items outside any section.
CREATE TABLE sections (
    id   INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE
);

CREATE TABLE items (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    section_id    INTEGER NOT NULL REFERENCES sections (id),
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    url           TEXT,
    -- JSON array of {"label", "url"} in list order; url is null for an empty link
    links         TEXT NOT NULL DEFAULT '[]',
    venue         TEXT,
    year          INTEGER,
    source_line   INTEGER,
    -- 'list' items come from the imported markdown; 'manual' ones from `mlpath add`
    origin        TEXT NOT NULL DEFAULT 'list' CHECK (origin IN ('list', 'manual')),
    removed       INTEGER NOT NULL DEFAULT 0,
    -- whether the list showed the item as `- [x]` at the last import
    list_checked  INTEGER NOT NULL DEFAULT 0,
    -- A cache of what the item's events say (see src/state.rs), rewritten in the same
    -- transaction as every event so that reports need no scan of the event log.
    status        TEXT NOT NULL DEFAULT 'todo',
    started_at    TEXT,
    done_at       TEXT,
    reviewed_at   TEXT,
    review_count  INTEGER NOT NULL DEFAULT 0,
    note_count    INTEGER NOT NULL DEFAULT 0,
    last_event_at TEXT
);
CREATE INDEX items_status ON items (status, position);
-- Covers the per-section counts of `status` and the section candidates of `next`.
CREATE INDEX items_section ON items (section_id, status, removed, kind, position);

-- Append-only: rows are never updated or deleted. An 'undo' row cancels the row it names.
CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    kind    TEXT NOT NULL CHECK (kind IN ('start', 'done', 'review', 'skip', 'reset', 'note', 'undo')),
    at      TEXT NOT NULL, -- UTC, RFC 3339, e.g. 2026-11-28T09:30:00Z
    note    TEXT,
    undoes  INTEGER REFERENCES events (id)
);
CREATE INDEX events_item ON events (item_id, at, id);
CREATE INDEX events_at ON events (at, id);
CREATE INDEX events_undoes ON events (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
