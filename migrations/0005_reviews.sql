-- The review loop (issue 12): how well each done or review was remembered, and each item's
-- FSRS card cached beside its derived state (see src/schedule.rs).

-- `review ITEM --suspend` stops an item's reviews until `--resume`.
INSERT INTO event_kinds (kind) VALUES ('suspend'), ('resume');

-- NULL on every event but a rated done or review. A done recorded by a ticked box of an imported
-- list has none: it is not a first exposure, so importing finished items schedules nothing.
ALTER TABLE events ADD COLUMN rating TEXT CHECK (rating IN ('again', 'hard', 'good', 'easy'));

-- Dones and reviews typed before ratings existed were rated good (the default).
UPDATE events SET rating = 'good'
WHERE kind IN ('done', 'review')
  AND NOT (kind = 'done'
           AND (note IS 'marked [x] in the imported list'
                OR command_id IN (SELECT id FROM commands WHERE origin IN ('import', 'refresh'))));

-- The cached card, rewritten with `status` in the same transaction as every event.
-- due_at is NULL when the item has no card (never rated, or reset); a suspended item keeps its
-- card and is left out of the due queue by `suspended`.
ALTER TABLE items ADD COLUMN due_at TEXT;
ALTER TABLE items ADD COLUMN stability REAL CHECK (stability > 0);
ALTER TABLE items ADD COLUMN difficulty REAL CHECK (difficulty BETWEEN 1 AND 10);
ALTER TABLE items ADD COLUMN reps INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0);
ALTER TABLE items ADD COLUMN lapses INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0);
-- when the item was last done or reviewed with a rating: retrievability is counted from it
ALTER TABLE items ADD COLUMN rated_at TEXT;
ALTER TABLE items ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1));
-- `due` and `next` read the few due items without scanning the others.
CREATE INDEX items_due ON items (due_at) WHERE due_at IS NOT NULL;
