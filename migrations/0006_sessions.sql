-- mlpath schema v6: study sessions. A session is one event of kind 'session', written when it
-- closes: `at` is its end and `spent_s` its length in seconds, so its start is `at - spent_s`.
INSERT INTO event_kinds (kind) VALUES ('session');

-- Only a session has a length, and every session has one (undo markers of sessions have none).
ALTER TABLE events ADD COLUMN spent_s INTEGER
    CHECK ((kind = 'session') = (spent_s IS NOT NULL) AND (spent_s IS NULL OR spent_s >= 0));

-- A cache of the item's sessions added up, kept in step with its events like `status`.
ALTER TABLE items ADD COLUMN time_spent_s INTEGER NOT NULL DEFAULT 0 CHECK (time_spent_s >= 0);
