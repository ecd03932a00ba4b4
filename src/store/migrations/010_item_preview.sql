-- 1 when the item announces an event still to come (a preview), 0 when it reports one; items stored before this
-- migration stay NULL and count as reports. A story's lead prefers a report over a preview (issue 13).
ALTER TABLE items ADD COLUMN preview INTEGER;
