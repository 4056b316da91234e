-- mlpath schema v9: several devices, one history (issue 14). Every event gets a globally unique
-- id (a UUIDv7) and the id of the device that recorded it; items get a stable key that names
-- them across devices. The ids of existing events and this database's device id are made in
-- Rust right after this file (see store/journal.rs), in the same transaction.

ALTER TABLE events ADD COLUMN uid TEXT;
ALTER TABLE events ADD COLUMN device TEXT;
CREATE UNIQUE INDEX events_uid ON events (uid);
-- the events of this device not yet written to its journal are found by id from a watermark
CREATE INDEX events_device ON events (device, id);
-- Events are ordered by time, then id, on every device alike (`log`, the derivation).
CREATE INDEX events_at_uid ON events (at, uid);

-- Commands received from another device: never reverted by this device's `undo`.
INSERT INTO command_origins (name) VALUES ('sync');

-- The key this device journals an item by: its normalized primary URL, else its list's file
-- name and normalized title. Stored once, when sync first sees the item.
ALTER TABLE items ADD COLUMN key TEXT;
-- the items sync has not named yet: few, found without reading the others
CREATE INDEX items_unkeyed ON items (id) WHERE key IS NULL;
-- Every key an item has been known by (here or on another device), so that a line written
-- under an old key still finds it.
CREATE TABLE item_keys (
    key     TEXT PRIMARY KEY CHECK (key <> ''),
    item_id INTEGER NOT NULL REFERENCES items (id)
) WITHOUT ROWID;
CREATE INDEX item_keys_item ON item_keys (item_id);

-- A change of key (a list item whose URL changed), journaled so other devices learn the alias.
CREATE TABLE key_changes (
    id      INTEGER PRIMARY KEY,
    uid     TEXT NOT NULL UNIQUE,
    device  TEXT NOT NULL,
    at      TEXT NOT NULL,
    old_key TEXT NOT NULL,
    new_key TEXT NOT NULL
);

-- Items added by hand travel as snapshots of their fields (add, edit, rm, restore): the newest
-- by (at, uid) wins, so every device ends with the same fields whatever order they arrive in.
CREATE TABLE item_changes (
    id      INTEGER PRIMARY KEY,
    uid     TEXT NOT NULL UNIQUE,
    device  TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES items (id),
    at      TEXT NOT NULL,
    fields  TEXT NOT NULL CHECK (json_valid(fields))
);
CREATE INDEX item_changes_item ON item_changes (item_id, at, uid);
CREATE INDEX item_changes_device ON item_changes (device, id);
-- Items added by hand that share a place are listed in the order they were added: the id of
-- their first snapshot (a UUIDv7), the same on every device, where row ids are not.
ALTER TABLE items ADD COLUMN added TEXT;

-- How far each journal file in the sync folder has been read: a byte offset at a line start,
-- and how many lines precede it (for warnings that name a line).
CREATE TABLE journal_files (
    name   TEXT PRIMARY KEY,
    offset INTEGER NOT NULL CHECK (offset >= 0),
    line   INTEGER NOT NULL CHECK (line >= 0)
) WITHOUT ROWID;

-- Received lines that name an item (or event) this device does not have yet, e.g. an item of
-- a list only the other device follows; retried at every sync.
CREATE TABLE journal_inbox (
    uid  TEXT PRIMARY KEY,
    line TEXT NOT NULL
) WITHOUT ROWID;
