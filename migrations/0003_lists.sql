-- Several lists, each followed by its file; an item's place is per list (a membership).

-- One row per list file mlpath follows. `path` is the real path (symlinks resolved), or
-- `embedded:…` for the built-in list. size, mtime and hash are the file's at the last import;
-- NULL when unknown (a list recorded before this migration), so the next refresh re-reads it.
CREATE TABLE lists (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL UNIQUE,
    size        INTEGER,
    mtime_ns    INTEGER,
    hash        TEXT,
    imported_at TEXT NOT NULL,
    -- 1 for the built-in list seeded into a new database: a demo that the first import of a
    -- user's file replaces while none of its items has an event
    seeded      INTEGER NOT NULL DEFAULT 0 CHECK (seeded IN (0, 1))
);

-- Where an item stands in a list. An item from a list is removed (hidden) when no list holds it.
CREATE TABLE memberships (
    list_id    INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL REFERENCES items (id),
    section_id INTEGER NOT NULL REFERENCES sections (id),
    position   INTEGER NOT NULL,
    line       INTEGER,
    PRIMARY KEY (list_id, item_id)
) WITHOUT ROWID;
CREATE INDEX memberships_item ON memberships (item_id, list_id);

-- User settings (`mlpath config`); a missing key has its built-in default.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Today's single list becomes the first recorded list, named after its file.
INSERT INTO lists (id, name, path, imported_at, seeded)
SELECT 1,
       CASE WHEN value LIKE 'embedded:%' THEN 'A journey of learning ML'
            ELSE replace(value, rtrim(value, replace(replace(value, '\', '/'), '/', '')), '') END,
       value,
       COALESCE((SELECT value FROM meta WHERE key = 'list_imported_at'), '1970-01-01T00:00:00Z'),
       value LIKE 'embedded:%'
FROM meta WHERE key = 'list_source';

INSERT INTO memberships (list_id, item_id, section_id, position, line)
SELECT 1, id, section_id, position, source_line FROM items
WHERE origin = 'list' AND removed = 0 AND EXISTS (SELECT 1 FROM lists WHERE id = 1);
