-- mlpath schema v7: notes can be corrected and withdrawn (`note --edit`, `note --rm`).
-- A correction is a new 'note' event whose `supersedes` names the note it replaces; a
-- withdrawal is a 'note' event without text that names the note it withdraws. The earlier note
-- stays in the log (append-only): it counts again as soon as the correction or withdrawal is
-- undone. Redo records a correction again against the redone copy of the note it replaced.
ALTER TABLE events ADD COLUMN supersedes INTEGER REFERENCES events (id)
    CHECK (supersedes IS NULL OR kind = 'note');
CREATE INDEX events_supersedes ON events (supersedes) WHERE supersedes IS NOT NULL;

-- What a CHECK cannot say: the note replaced is a note of the same item recorded before (it
-- exists when this row is inserted, so it is earlier; restore inserts in id order). It may be
-- the note of any event (`done -m`): the event stays, only its note is replaced.
CREATE TRIGGER events_supersede_a_note BEFORE INSERT ON events
WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM events s
    WHERE s.id = NEW.supersedes AND s.note IS NOT NULL AND s.item_id = NEW.item_id)
BEGIN
    SELECT RAISE(ABORT, 'a note correction must name an earlier note of the same item');
END;
