-- Indexes for the editor's desk (candidates page and search at 100k items).
-- Cards join stories to their lead item (stories.lead_item_id = items.id). Without this index SQLite
-- scans every story for each item in the date window: quadratic, seconds at 100k items.
CREATE INDEX IF NOT EXISTS stories_lead ON stories(lead_item_id);
-- The candidates filter reads review, sort_at and state of every item in the window (for the count and
-- the topic counts). state sits after the article text in the row, so reading it from the table pulls the
-- text's overflow pages; with state in the index those queries never touch the rows.
CREATE INDEX IF NOT EXISTS items_review_sort_state ON items(review, sort_at, state);
