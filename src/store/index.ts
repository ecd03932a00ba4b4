import { openDb, type Db } from './db.js';
export { DbOpenError, databaseInUse, sqliteSchemaVersion, type DbOpenProblem } from './db.js';
import { sourceQueries } from './sources.js';
import { itemQueries } from './items.js';
import { runQueries } from './runs.js';
import { lockQueries } from './lock.js';
import { summaryQueries } from './summaries.js';
import { reviewQueries } from './review.js';
import { issueQueries } from './issues.js';
import { storyQueries } from './stories.js';
import { deskQueries } from './desk.js';
import { batchQueries } from './batch.js';
import { embeddingQueries } from './embeddings.js';
import { learnQueries } from './learn.js';
import { triageQueries } from './triage.js';

export type { SourceHealth, SourceState } from './sources.js';
export type { DiscoveredRow, PendingItem, UnclusteredItem, ExtractedRow, ItemView, ItemFilter } from './items.js';
export type { RunRow } from './runs.js';
export type { LockHolder, LockAttempt } from './lock.js';
export type { SummaryJob, DraftRow, LlmCallRow, LlmTotals, LlmSpend, StoryOther } from './summaries.js';
export type { StoryCard, CardFilter } from './review.js';
export type { IssueRow, IssueEntry } from './issues.js';
export type { StoryView, StoryState } from './stories.js';
export type { RunWithCost } from './desk.js';
export type { WriteBatch } from './batch.js';
export type { DecisionRow, BelowRow } from './learn.js';
export type { BorderlineItem, TriageRecord } from './triage.js';
export type { StoryMember } from './desk.js';
export type {
  Ports, PortsHandle, AggregatePorts, UnitOfWork, LockOwner, SourcesPort, ItemsPort, RunsPort, StoriesPort, SummariesPort,
  ReviewPort, IssuesPort, LlmCallsPort, LearnPort, EmbeddingsPort,
} from './ports.js';
export { openSqlitePorts, sqlitePorts } from './sqlite/index.js';

/** The store: intent-named functions over one SQLite file; nothing outside store/ writes SQL. */
export type Store = ReturnType<typeof sourceQueries> & ReturnType<typeof itemQueries> &
  ReturnType<typeof runQueries> & ReturnType<typeof lockQueries> & ReturnType<typeof summaryQueries> &
  ReturnType<typeof reviewQueries> & ReturnType<typeof issueQueries> & ReturnType<typeof storyQueries> & ReturnType<typeof deskQueries> & ReturnType<typeof batchQueries> & ReturnType<typeof learnQueries> & ReturnType<typeof embeddingQueries> & ReturnType<typeof triageQueries> & { close(): void; file: string };

/** Opens the database file (migrating it) and returns the store; `create: false` refuses a missing file. */
export function openStore(file: string, opts: { create?: boolean } = {}): Store {
  const db: Db = openDb(file, opts);
  return {
    ...sourceQueries(db),
    ...itemQueries(db),
    ...runQueries(db),
    ...lockQueries(db),
    ...summaryQueries(db),
    ...reviewQueries(db),
    ...issueQueries(db),
    ...storyQueries(db),
    ...deskQueries(db),
    ...batchQueries(db),
    ...embeddingQueries(db),
    ...learnQueries(db),
    ...triageQueries(db),
    file,
    close: () => { if (db.open) db.close(); },
  };
}
