-- Issue 14: LLM cost tiers and the per-issue budget. Each call records the tier that made it: 'triage' (borderline
-- relevance and topics) or 'draft' (headline, bullet, topics); calls stored before this migration were drafts.
ALTER TABLE llm_calls ADD COLUMN tier TEXT NOT NULL DEFAULT 'draft';
-- The budget and `newsdesk costs` sum calls over an issue's window (by time).
CREATE INDEX llm_calls_created ON llm_calls(created_at);
-- The triage model's verdict on a borderline item: {"model", "relevant", "topics", "at"}; NULL = not triaged.
ALTER TABLE items ADD COLUMN triage TEXT;
