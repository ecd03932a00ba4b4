/**
 * The store's ports: narrow, asynchronous interfaces, one per aggregate, that every backend implements
 * (SQLite in store/sqlite/, PostgreSQL in store/postgres/). Jobs and web routes take only the ports they use.
 *
 * Rules every backend keeps:
 * - Every method returns a promise; a failure is a rejected promise, never a synchronous throw.
 * - Outside a unit of work, each call is atomic on its own (a method that writes several rows, such as
 *   `markExtracted` or `saveDraft`, commits all of them or none).
 * - Writes are idempotent where the method says so (the same source or article URL twice is stored once).
 * - Times are ISO-8601 strings passed in by the caller (the clock lives in the composition root).
 * - No SQL, statement or connection type appears here; rows are the plain types below.
 *
 * Row types are the store's existing ones, re-exported (not copied) so that both backends return the same shapes
 * as `newsdesk … --json` prints today.
 */
import type { Source, LlmCall, ReviewState } from '../domain/types.js';
import type { Adjustment, FeatureInput, Model } from '../learn/model.js';
import type { SourceHealth, SourceState } from './sources.js';
import type { DiscoveredRow, PendingItem, UnclusteredItem, ExtractedRow, ItemView, ItemFilter } from './items.js';
import type { RunRow } from './runs.js';
import type { LockHolder, LockAttempt } from './lock.js';
import type { SummaryJob, DraftRow, LlmTotals, LlmSpend, StoryOther } from './summaries.js';
import type { StoryCard, CardFilter } from './review.js';
import type { IssueRow, IssueEntry } from './issues.js';
import type { StoryView, StoryState } from './stories.js';
import type { RunWithCost, StoryMember } from './desk.js';
import type { DecisionRow, BelowRow } from './learn.js';
import type { BorderlineItem, TriageRecord } from './triage.js';

export type {
  Source, LlmCall, ReviewState, Adjustment, FeatureInput, Model, SourceHealth, SourceState, DiscoveredRow, PendingItem,
  UnclusteredItem, ExtractedRow, ItemView, ItemFilter, RunRow, LockHolder, LockAttempt, SummaryJob, DraftRow, LlmTotals,
  LlmSpend, StoryOther, StoryCard, CardFilter, IssueRow, IssueEntry, StoryView, StoryState, RunWithCost, StoryMember,
  DecisionRow, BelowRow, BorderlineItem, TriageRecord,
};
export { MAX_ATTEMPTS } from './items.js';
export { MAX_SUMMARY_ATTEMPTS, OTHER_ITEMS, OTHER_CHARS } from './summaries.js';

/** Who a lock call speaks for: one process on one host. */
export interface LockOwner { pid: number; hostname: string }

/** Configured sources and their health. */
export interface SourcesPort {
  /** Writes the configured sources (same id twice: one row, updated); a changed URL forgets its ETag/Last-Modified/feed. */
  upsertSources(sources: Source[]): Promise<void>;
  /** The stored validators and failure count of one source. */
  getSourceState(id: string): Promise<SourceState | undefined>;
  /** Stamps the start of an attempt to read a source. */
  recordSourceAttempt(id: string, now: string): Promise<void>;
  /** A successful read (including 304): clears the error, resets the failure count, stores the new validators. */
  recordSourceOk(id: string, v: { etag: string | null; last_modified: string | null; feed_url: string | null }, now: string): Promise<void>;
  /** A failed read: keeps the old validators, counts the failure. */
  recordSourceFailure(id: string, kind: string, message: string): Promise<void>;
  /** Every stored source with its health, failing ones first, then by id; `items_recent` counts links since `recentSince`. */
  listSourceHealth(recentSince: string): Promise<SourceHealth[]>;
  /** Every stored source's id and name, by name (case-insensitive). */
  sourceNames(): Promise<{ id: string; name: string }[]>;
}

/** Articles through the pipeline: discovery, fetch/extract outcome, triage, listings. */
export interface ItemsPort {
  /**
   * Records one discovered article for a source. Idempotent on the normalised URL: a URL already known
   * (as its key or any alias) only links the source to the existing item and returns `created: false`.
   */
  insertDiscovered(d: DiscoveredRow, now: string): Promise<{ id: number; created: boolean }>;
  /** Items still to fetch ('discovered', or a retryable fetch failure under `maxAttempts`), by id. */
  listPending(limit: number, maxAttempts?: number): Promise<PendingItem[]>;
  /**
   * Stores an extracted item ('extracted' or 'irrelevant'). When one of its aliases or its content hash belongs to
   * another item, the two fold into one; `mergedInto` names the surviving item when it is not `id`.
   */
  markExtracted(id: number, row: ExtractedRow, now: string): Promise<{ mergedInto: number | null }>;
  /** A failed fetch or extraction: state 'failed'; retried on a later run when `retryable`. */
  markFailed(id: number, f: { kind: string; message: string; retryable: boolean }, now: string): Promise<void>;
  /** Relevant extracted items without a story yet, by id after `after`. */
  listUnclustered(after: number, limit: number): Promise<UnclusteredItem[]>;
  /** Items for `newsdesk items`, newest first. */
  listItems(f: ItemFilter): Promise<ItemView[]>;
  /** Number of items per pipeline state (states with none are absent). */
  countByState(): Promise<Record<string, number>>;
  /** The extracted text of an item (shown beside its draft). */
  itemText(itemId: number): Promise<{ title: string | null; text: string | null; url: string; text_from: string | null } | undefined>;
  /** Unfiled, untriaged items with a relevance score in [lo, hi], by id after `after`. */
  listBorderline(lo: number, hi: number, limit: number, after?: number): Promise<BorderlineItem[]>;
  /** Stores the triage verdict, the item's (possibly changed) state and its relevance terms. */
  saveTriage(itemId: number, t: TriageRecord, state: 'extracted' | 'irrelevant', terms: string[]): Promise<void>;
}

/** Ingest runs and the run lock that keeps two runs off one database. */
export interface RunsPort {
  /** Starts a run row (outcome 'running'); returns its id. */
  createRun(trigger: string, pid: number, now: string): Promise<number>;
  /** Saves a run's counts so far. */
  saveRunProgress(id: number, counts: object): Promise<void>;
  /** Closes a run with its outcome, counts and error. */
  finishRun(id: number, outcome: string, counts: object, error: string | null, now: string): Promise<void>;
  /** The latest runs, newest first. */
  listRuns(limit?: number): Promise<RunRow[]>;
  /** One run by id. */
  getRun(id: number): Promise<RunRow | undefined>;
  /** Runs, newest first, each with its LLM calls, tokens and cost. */
  listRunsWithCost(limit: number, offset?: number): Promise<RunWithCost[]>;
  /** How many runs are stored. */
  countRuns(): Promise<number>;
  /**
   * Takes the single run lock atomically. A current holder that `isStale` (called synchronously, inside the
   * backend's transaction) calls stale is taken over and its run marked 'interrupted'; otherwise refused with the holder.
   */
  acquireLock(me: LockOwner & { run_id: number | null }, now: string, isStale: (holder: LockHolder) => boolean): Promise<LockAttempt>;
  /** Records which run holds the lock (only when `me` holds it). */
  setLockRun(me: LockOwner, runId: number): Promise<void>;
  /** Refreshes the holder's heartbeat (only when `me` holds it). */
  heartbeat(me: LockOwner, now: string): Promise<void>;
  /** Releases the lock if `me` holds it; a lock held by another is left alone. */
  releaseLock(me: LockOwner): Promise<void>;
  /** The current holder, if any. */
  lockHolder(): Promise<LockHolder | undefined>;
}

/** Stories: clustering state, membership, leads, follow-ups, the editor's split and merge, and their search index. */
export interface StoriesPort {
  /** Number of clustered items. */
  clusteredCount(): Promise<number>;
  /** The latest day any clustered item carries (0 when none). */
  clusteredMaxDay(): Promise<number>;
  /** How many clustered items carry a document-frequency key. */
  storyDocFreq(key: string): Promise<number>;
  /** A clustered item's features as stored by `putStoryFeatures` (the cluster stage owns their shape). */
  storyFeaturesOf<F>(id: number): Promise<F | undefined>;
  /** Whether an item has been clustered already. */
  isClustered(id: number): Promise<boolean>;
  /** The story an item is in (null when none or no such item). Also serves the old `storyOfItem`. */
  storyIdOf(itemId: number): Promise<number | null>;
  /** Items posted under a key within a day range, most recent day first, at most `cap`. */
  storyPostings(key: string, fromDay: number, toDay: number, cap: number): Promise<number[]>;
  /** Stores an item's features, lookup keys and document-frequency counts (each key counted once per item). */
  putStoryFeatures(id: number, f: object, day: number, lookupKeys: string[], dfKeys: string[]): Promise<void>;
  /** What decides how an item joins a story. */
  storyState(storyId: number): Promise<StoryState | undefined>;
  /** Starts a story led by this item; a follow-up names the issue and story it follows. Returns the story id. */
  startStory(itemId: number, now: string, followUp?: { issueId: number; storyId: number }): Promise<number>;
  /** Makes an item a story of its own (an item added to an issue by hand, say). Returns the story id. */
  createStoryFor(itemId: number, now: string): Promise<number>;
  /** Puts an item into a story; it becomes the lead when it beats the current lead. */
  joinStory(itemId: number, storyId: number, now: string, opts: { review: string | null; summarized: boolean; pinned?: boolean }): Promise<void>;
  /** Recomputes a story's lead: a primary source, then a report before a preview, the fullest text, the earliest, the lowest id. */
  refreshLead(storyId: number, now: string): Promise<void>;
  /** A story's item ids, ascending. Also serves the old `storyItemIds`. */
  storyMemberIds(storyId: number): Promise<number[]>;
  /** A story's articles as the desk lists them, lead first. */
  storyMembers(storyId: number): Promise<StoryMember[]>;
  /** Deletes a story that has no items left (a story with items is kept). */
  dropEmptyStory(storyId: number): Promise<void>;
  /** Stories for `newsdesk stories`, most recently active first. */
  listStories(limit?: number): Promise<StoryView[]>;
  /** Moves an item into another story by an editor's decision; later runs never move it again. */
  pinToStory(itemId: number, storyId: number, opts: { review: string; summarized: boolean }, now: string): Promise<void>;
  /** Starts a story for an item an editor split out of its story; returns its id. */
  splitToNewStory(itemId: number, now: string): Promise<number>;
  /** Merges story `fromId` into `intoId` through `bridgeItem`; the moved item ids, or null when refused (see the SQLite docs). */
  mergeStories(fromId: number, intoId: number, bridgeItem: number, now: string, opts: { review: string | null; summarized: boolean }): Promise<number[] | null>;
  /** Refreshes the search index of a story's items (after an edit, a draft, or a change of membership). */
  reindexStory(storyId: number): Promise<void>;
}

/** Drafts of stories and the summary cache. */
export interface SummariesPort {
  /** Stories whose lead is relevant and has no draft yet (all with `redo`), by lead id after `after`. */
  listSummaryJobs(limit: number, redo?: boolean, storyIds?: number[], after?: number, shortlistedOnly?: boolean): Promise<SummaryJob[]>;
  /** The story's other relevant items with text (not the lead), fullest first, at most OTHER_ITEMS, cut to OTHER_CHARS. */
  storyOthers(storyId: number, leadItemId: number): Promise<StoryOther[]>;
  /** A draft made earlier under the same cache key. */
  getCachedDraft(key: string): Promise<DraftRow | undefined>;
  /** Stores a story's draft (replacing any), caches it under its key, marks the story's items summarized. One commit. */
  saveDraft(storyId: number, itemId: number, d: DraftRow, now: string): Promise<void>;
  /** A summarize failure: the item is 'failed' (stage summarize) and retried until MAX_SUMMARY_ATTEMPTS. */
  markSummaryFailed(itemId: number, kind: string, message: string, now: string): Promise<void>;
}

/** The review desk: cards, topic counts, review states and the editor's edits. */
export interface ReviewPort {
  /** Candidate cards, newest first, with the total that matched. */
  listCards(f: CardFilter): Promise<{ cards: StoryCard[]; total: number }>;
  /** How many cards each topic has under the same filters (the topic filter ignored). */
  topicCounts(f: CardFilter): Promise<Record<string, number>>;
  /** One story's card. */
  getCard(storyId: number): Promise<StoryCard | undefined>;
  /** Sets the review state of every item of a story, keeping the previous state for undo; returns items changed. */
  setStoryReview(storyId: number, review: ReviewState, now: string): Promise<number>;
  /** Puts a story's items back to their review state before the last change. */
  undoStoryReview(storyId: number, now: string): Promise<void>;
  /** Stores the editor's version beside the draft; false when revision `rev` is no longer current. */
  saveEdit(storyId: number, rev: number, e: { headline: string | null; bullet: string | null; topics: string[] | null }, now: string): Promise<boolean>;
}

/** Issues of the publication and their ordered items. */
export interface IssuesPort {
  getIssue(id: number): Promise<IssueRow | undefined>;
  getIssueByNumber(volume: number, number: number): Promise<IssueRow | undefined>;
  /** Every issue, newest (volume, number) first. */
  listIssues(): Promise<IssueRow[]>;
  /** The newest draft issue, if any. */
  currentDraft(): Promise<IssueRow | undefined>;
  /** The latest published issue, if any. */
  lastPublishedIssue(): Promise<IssueRow | undefined>;
  /** The highest volume and number used so far. */
  lastIssueNumber(): Promise<{ volume: number; number: number } | undefined>;
  /** Creates a draft issue; returns its id. */
  insertIssue(i: { title: string; volume: number; number: number; date_from: string | null; date_to: string | null }, now: string): Promise<number>;
  /** The issue's entries in order, with drafts and every outlet's link. */
  issueEntries(issueId: number): Promise<IssueEntry[]>;
  /** Appends items, skipping ones already in the issue (idempotent). */
  addIssueItems(issueId: number, itemIds: number[], now: string): Promise<void>;
  /** Removes an item and closes the gap; false when it was not in the issue. */
  removeIssueItem(issueId: number, itemId: number, now: string): Promise<boolean>;
  /** Moves an item to a 1-based position (clamped); false when it is not in the issue. */
  moveIssueItem(issueId: number, itemId: number, position: number, now: string): Promise<boolean>;
  /** Issues an item is in. */
  issuesOfItem(itemId: number): Promise<number[]>;
  /** Marks the issue published and its stories' items 'published'. One commit. */
  publishIssue(issueId: number, now: string): Promise<void>;
}

/** LLM calls and what they cost. */
export interface LlmCallsPort {
  /** Stores one call (tier defaults to 'draft'; ms rounded). */
  recordLlmCall(runId: number | null, itemId: number | null, c: LlmCall, now: string): Promise<void>;
  /** USD spent on calls at or after `from` and before `to` (null: open). */
  llmCostBetween(from: string, to: string | null): Promise<number>;
  /** Calls, tokens and cost in a window, in all, per model and per tier. */
  llmSpend(from: string, to: string | null): Promise<LlmSpend>;
  /** Calls, tokens and cost of one run (zeros when none). */
  llmTotals(runId: number): Promise<LlmTotals>;
}

/** Learning from the editor: decisions, the model's counts, adjustments, items below the threshold. */
export interface LearnPort {
  learnInput(itemId: number): Promise<(FeatureInput & { story_id: number | null; state: string; topics: string[] }) | undefined>;
  recordDecision(d: { item_id: number; story_id: number | null; action: DecisionRow['action']; label: 0 | 1 | null;
    topics_before?: string[] | null; topics_after?: string[] | null; features: string[]; via: 'desk' | 'cli' }, now: string): Promise<number>;
  retractDecision(itemId: number, via: 'desk' | 'cli', now: string): Promise<number | null>;
  loadModel(): Promise<Model>;
  listDecisions(limit?: number): Promise<DecisionRow[]>;
  recordAdjustment(itemId: number, a: Adjustment & { rule_state: string }, now: string): Promise<void>;
  learnAdjustment(itemId: number): Promise<(Adjustment & { rule_state: string }) | undefined>;
  editorTopicExamples(): Promise<{ item_id: number; title: string | null; text: string | null; topics: string[]; at: string }[]>;
  listBelowThreshold(f?: { limit?: number; offset?: number }): Promise<{ rows: BelowRow[]; total: number }>;
  /** Brings an 'irrelevant' item onto the desk ('extracted'); false when it was not irrelevant. */
  promoteItem(itemId: number, now: string): Promise<boolean>;
}

/** The embeddings cache: one float32 vector per item and model, written once. */
export interface EmbeddingsPort {
  itemVector(id: number, model: string): Promise<Float32Array | undefined>;
  missingVectors(ids: number[], model: string): Promise<number[]>;
  vectorsInWindow(model: string, lo: number, hi: number, cap: number): Promise<{ id: number; vector: Float32Array }[]>;
  /** Stores vectors; an existing one is kept. */
  putItemVectors(rows: { id: number; vector: Float32Array }[], model: string, now: string): Promise<void>;
}

/** The aggregate ports, as a unit of work hands them to its callback. */
export interface AggregatePorts {
  sources: SourcesPort;
  items: ItemsPort;
  runs: RunsPort;
  stories: StoriesPort;
  summaries: SummariesPort;
  review: ReviewPort;
  issues: IssuesPort;
  llm: LlmCallsPort;
  learn: LearnPort;
  embeddings: EmbeddingsPort;
}

/**
 * Several port calls that commit together or not at all. Inside `run`, use only the ports passed to the
 * callback: they belong to the unit's transaction. If the callback throws (or its promise rejects), every write
 * made through them is undone and `run` rejects with the same error. Keep units short and free of network calls:
 * a unit holds the database's write lock (SQLite) or a connection (PostgreSQL) until it ends.
 */
export interface UnitOfWork {
  run<T>(fn: (ports: AggregatePorts) => Promise<T>): Promise<T>;
}

/** Everything a job or route may be given: the aggregate ports and the unit of work. */
export interface Ports extends AggregatePorts {
  unitOfWork: UnitOfWork;
  /** Which backend implements them ('sqlite' | 'postgres'), for messages and the bench. */
  readonly backend: string;
}

/** An opened backend: its ports and how to close it. */
export interface PortsHandle {
  ports: Ports;
  close(): Promise<void>;
}
