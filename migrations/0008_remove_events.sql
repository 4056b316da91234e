-- mlpath schema v8: `mlpath rm` of an item added by hand is an event of kind 'remove', so that
-- `undo` brings the item back and `redo` removes it again. Its effect, the item's `removed`
-- flag, is applied when it is recorded, cancelled or recorded again (items removed before this
-- version keep their flag and have no event).
INSERT INTO event_kinds (kind) VALUES ('remove');
