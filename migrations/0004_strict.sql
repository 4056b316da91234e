-- mlpath schema v4: the schema states what the binary decodes strictly (src/store/decode.rs).
-- SQLite cannot add a CHECK to a table, so `items` and `events` are rebuilt once; the migrator
-- turns foreign keys off around this file and checks them before it commits.

-- Event kinds grow with later features: a new kind is one INSERT here, not a rebuild of the log.
CREATE TABLE event_kinds (
    kind TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO event_kinds (kind) VALUES
    ('start'), ('done'), ('review'), ('skip'), ('reset'), ('note'), ('undo');

CREATE TABLE items_v2 (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    section_id    INTEGER NOT NULL REFERENCES sections (id),
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('paper', 'video', 'tutorial', 'course', 'book', 'other')),
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
    status        TEXT NOT NULL DEFAULT 'todo'
                  CHECK (status IN ('todo', 'started', 'done', 'reviewed', 'skipped')),
    started_at    TEXT,
    done_at       TEXT,
    reviewed_at   TEXT,
    review_count  INTEGER NOT NULL DEFAULT 0,
    note_count    INTEGER NOT NULL DEFAULT 0,
    last_event_at TEXT
);
INSERT INTO items_v2 (id, slug, title, section_id, position, kind, url, links, venue, year,
    source_line, origin, removed, list_checked, status, started_at, done_at, reviewed_at,
    review_count, note_count, last_event_at)
SELECT id, slug, title, section_id, position, kind, url, links, venue, year,
    source_line, origin, removed, list_checked, status, started_at, done_at, reviewed_at,
    review_count, note_count, last_event_at
FROM items;
DROP TABLE items;
ALTER TABLE items_v2 RENAME TO items;
CREATE INDEX items_status ON items (status, position);
-- Covers the per-section counts of `status` and the section candidates of `next`.
CREATE INDEX items_section ON items (section_id, status, removed, kind, position);
-- `next` reads the few most recently touched started items without scanning the others.
CREATE INDEX items_recent ON items (status, last_event_at);

-- Append-only: rows are never updated or deleted. An 'undo' row cancels the row it names.
CREATE TABLE events_v2 (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    kind    TEXT NOT NULL REFERENCES event_kinds (kind),
    at      TEXT NOT NULL, -- UTC, RFC 3339, e.g. 2026-11-28T09:30:00Z
    note    TEXT,
    undoes  INTEGER REFERENCES events (id),
    -- the command that recorded the event (see 0002_commands.sql)
    command_id INTEGER REFERENCES commands (id)
);
INSERT INTO events_v2 (id, item_id, kind, at, note, undoes, command_id)
SELECT id, item_id, kind, at, note, undoes, command_id FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_item ON events (item_id, at, id);
CREATE INDEX events_at ON events (at, id);
CREATE INDEX events_undoes ON events (undoes) WHERE undoes IS NOT NULL;
CREATE INDEX events_command ON events (command_id);
