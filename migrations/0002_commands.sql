-- Commands: every event belongs to the command that recorded it, so that `undo` reverts a whole
-- command (`review a b c` is one command of three events) and `redo` re-applies what an undo
-- reverted. Plain `undo` only ever reverts commands a person typed on this device.

-- Where a command came from. A new origin is one INSERT in a later migration (issue 14 adds
-- 'sync' for commands received from another device; those are never undone here).
CREATE TABLE command_origins (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO command_origins (name) VALUES
    ('typed'),   -- a command a person ran on this device: the only ones plain `undo` reverts
    ('import'),  -- an import, whose `- [x]` boxes record done events
    ('refresh'), -- an automatic re-import of a changed list file
    ('restore'); -- the history loaded by `restore`

CREATE TABLE commands (
    id      INTEGER PRIMARY KEY,
    origin  TEXT NOT NULL REFERENCES command_origins (name),
    -- the command's name: 'start', 'done', 'review', 'skip', 'reset', 'note', 'undo', 'redo',
    -- 'import', ...
    verb    TEXT NOT NULL CHECK (verb <> ''),
    at      TEXT NOT NULL, -- UTC, RFC 3339: when the command ran (its events may be dated earlier)
    -- For 'undo': the command whose events it cancelled (NULL for an event recorded by no
    -- command). For 'redo': the undo it re-applied.
    reverts INTEGER REFERENCES commands (id),
    CHECK (verb <> 'redo' OR reverts IS NOT NULL)
);
CREATE INDEX commands_origin ON commands (origin, id);

ALTER TABLE events ADD COLUMN command_id INTEGER REFERENCES commands (id);
CREATE INDEX events_command ON events (command_id);

-- Events recorded before commands existed: each is its own command (their grouping is unknown),
-- numbered like the event, so that `undo` keeps reverting them one at a time. Done events that
-- came from `- [x]` boxes of an imported list were recorded by an import, not typed.
INSERT INTO commands (id, origin, verb, at, reverts)
SELECT id,
       CASE WHEN kind = 'done' AND note IS 'marked [x] in the imported list'
            THEN 'import' ELSE 'typed' END,
       kind, at, undoes
FROM events ORDER BY id;
UPDATE events SET command_id = id;
