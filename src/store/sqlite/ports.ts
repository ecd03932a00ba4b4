import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db.js';
import { sourceQueries } from '../sources.js';
import { itemQueries } from '../items.js';
import { runQueries } from '../runs.js';
import { lockQueries } from '../lock.js';
import { summaryQueries } from '../summaries.js';
import { reviewQueries } from '../review.js';
import { issueQueries } from '../issues.js';
import { storyQueries } from '../stories.js';
import { deskQueries } from '../desk.js';
import { embeddingQueries } from '../embeddings.js';
import { learnQueries } from '../learn.js';
import { triageQueries } from '../triage.js';
import type { AggregatePorts, Ports, StoriesPort } from '../ports.js';
import { Serial } from './serial.js';

/** The synchronous query modules over one connection. */
function queriesOf(db: Db) {
  return {
    sources: sourceQueries(db), items: itemQueries(db), runs: runQueries(db), lock: lockQueries(db),
    summaries: summaryQueries(db), review: reviewQueries(db), issues: issueQueries(db), stories: storyQueries(db),
    desk: deskQueries(db), embeddings: embeddingQueries(db), learn: learnQueries(db), triage: triageQueries(db),
  };
}
type Queries = ReturnType<typeof queriesOf>;

/** How a port call reaches the connection: queued behind any open unit, or directly inside the unit that owns it. */
type Call = <R>(fn: () => R) => Promise<R>;

/** The ports over the query modules; every call goes through `call`, which turns it into a promise. */
function bindPorts(q: Queries, call: Call): AggregatePorts {
  const w = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): Promise<R> => call(() => fn(...a));
  const { sources: s, items: i, runs: r, lock: l, summaries: m, review: v, issues: u, stories: t, desk: d,
    embeddings: e, learn: n, triage: g } = q;
  return {
    sources: {
      upsertSources: w(s.upsertSources), getSourceState: w(s.getSourceState), recordSourceAttempt: w(s.recordSourceAttempt),
      recordSourceOk: w(s.recordSourceOk), recordSourceFailure: w(s.recordSourceFailure), listSourceHealth: w(s.listSourceHealth),
      sourceNames: w(d.sourceNames),
    },
    items: {
      insertDiscovered: w(i.insertDiscovered), listPending: w(i.listPending), markExtracted: w(i.markExtracted),
      markFailed: w(i.markFailed), listUnclustered: w(i.listUnclustered), listItems: w(i.listItems),
      countByState: w(i.countByState), itemText: w(v.itemText), listBorderline: w(g.listBorderline), saveTriage: w(g.saveTriage),
    },
    runs: {
      createRun: w(r.createRun), saveRunProgress: w(r.saveRunProgress), finishRun: w(r.finishRun), listRuns: w(r.listRuns),
      getRun: w(r.getRun), listRunsWithCost: w(d.listRunsWithCost), countRuns: w(d.countRuns), acquireLock: w(l.acquireLock),
      setLockRun: w(l.setLockRun), heartbeat: w(l.heartbeat), releaseLock: w(l.releaseLock), lockHolder: w(l.lockHolder),
    },
    stories: {
      clusteredCount: w(t.clusteredCount), clusteredMaxDay: w(t.clusteredMaxDay), storyDocFreq: w(t.storyDocFreq),
      storyFeaturesOf: w((id: number) => t.storyFeaturesOf(id)) as StoriesPort['storyFeaturesOf'],
      isClustered: w(t.isClustered), storyIdOf: w(t.storyIdOf), storyPostings: w(t.storyPostings),
      putStoryFeatures: w(t.putStoryFeatures), storyState: w(t.storyState), startStory: w(t.startStory),
      createStoryFor: w(m.createStoryFor), joinStory: w(t.joinStory), refreshLead: w(t.refreshLead),
      storyMemberIds: w(t.storyMemberIds), storyMembers: w(d.storyMembers), dropEmptyStory: w(t.dropEmptyStory),
      listStories: w(t.listStories), pinToStory: w(t.pinToStory), splitToNewStory: w(t.splitToNewStory),
      // mergeStories reads the story through `this`.
      mergeStories: w(t.mergeStories.bind(t)), reindexStory: w(m.reindexStory),
    },
    summaries: {
      listSummaryJobs: w(m.listSummaryJobs), storyOthers: w(m.storyOthers), getCachedDraft: w(m.getCachedDraft),
      saveDraft: w(m.saveDraft), markSummaryFailed: w(m.markSummaryFailed),
    },
    review: {
      listCards: w(v.listCards), topicCounts: w(v.topicCounts), getCard: w(v.getCard), setStoryReview: w(v.setStoryReview),
      undoStoryReview: w(v.undoStoryReview), saveEdit: w(v.saveEdit),
    },
    issues: {
      getIssue: w(u.getIssue), getIssueByNumber: w(u.getIssueByNumber), listIssues: w(u.listIssues), currentDraft: w(u.currentDraft),
      lastPublishedIssue: w(u.lastPublishedIssue), lastIssueNumber: w(u.lastIssueNumber), insertIssue: w(u.insertIssue),
      issueEntries: w(u.issueEntries), addIssueItems: w(u.addIssueItems), removeIssueItem: w(u.removeIssueItem),
      moveIssueItem: w(u.moveIssueItem), issuesOfItem: w(u.issuesOfItem), publishIssue: w(u.publishIssue),
    },
    llm: {
      recordLlmCall: w(m.recordLlmCall), llmCostBetween: w(m.llmCostBetween), llmSpend: w(m.llmSpend), llmTotals: w(m.llmTotals),
    },
    learn: {
      learnInput: w(n.learnInput), recordDecision: w(n.recordDecision), retractDecision: w(n.retractDecision),
      loadModel: w(n.loadModel), listDecisions: w(n.listDecisions), recordAdjustment: w(n.recordAdjustment),
      learnAdjustment: w(n.learnAdjustment), editorTopicExamples: w(n.editorTopicExamples),
      listBelowThreshold: w(n.listBelowThreshold), promoteItem: w(n.promoteItem),
    },
    embeddings: {
      itemVector: w(e.itemVector), missingVectors: w(e.missingVectors), vectorsInWindow: w(e.vectorsInWindow),
      putItemVectors: w(e.putItemVectors),
    },
  };
}

/** Runs a synchronous statement as a promise: a throw becomes a rejection. */
function settle<R>(fn: () => R): Promise<R> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/** The unit of work an async context is inside, if any. */
interface Unit { open: boolean }

/**
 * The ports over one better-sqlite3 connection. better-sqlite3 is synchronous: each port call runs its statements
 * at once and returns a settled promise. A unit of work is `BEGIN IMMEDIATE` … awaited calls … `COMMIT` (or
 * `ROLLBACK` when the callback throws) on the same connection; the query modules' own transactions nest inside it
 * as savepoints. Because the transaction stays open across awaits, every call and unit on the connection is queued
 * (see Serial): while a unit runs, calls from elsewhere wait for it to end instead of landing in its transaction.
 * A call on the outer ports from inside a unit's callback would wait for that very unit, so it is refused at once
 * with an error saying to use the callback's ports.
 *
 * Give this connection to the ports alone: the synchronous Store on the same connection bypasses the queue.
 */
export function sqlitePorts(db: Db): Ports & { idle(): Promise<void> } {
  const q = queriesOf(db);
  const serial = new Serial();
  const current = new AsyncLocalStorage<Unit>();
  const refuseInsideUnit = () => {
    if (current.getStore()?.open) {
      throw new Error('a store call inside a unit of work used the outer ports, which wait for the unit to end: ' +
        'use the ports passed to unitOfWork.run (units do not nest)');
    }
  };
  const outer: Call = (fn) => {
    try { refuseInsideUnit(); } catch (err) { return Promise.reject(err); }
    return serial.run(fn);
  };
  const ports = bindPorts(q, outer);
  return {
    ...ports,
    backend: 'sqlite',
    /** Settles once every call and unit queued so far has ended. */
    idle: () => serial.run(() => undefined),
    unitOfWork: {
      run<T>(fn: (ports: AggregatePorts) => Promise<T>): Promise<T> {
        try { refuseInsideUnit(); } catch (err) { return Promise.reject(err); }
        return serial.run(async () => {
          db.prepare('BEGIN IMMEDIATE').run();
          const unit: Unit = { open: true };
          const inner = bindPorts(q, (f) => unit.open ? settle(f)
            : Promise.reject(new Error('a store call used the ports of a unit of work that has already ended')));
          try {
            const result = await current.run(unit, () => fn(inner));
            db.prepare('COMMIT').run();
            return result;
          } catch (err) {
            if (db.inTransaction) db.prepare('ROLLBACK').run();
            throw err;
          } finally {
            unit.open = false;
          }
        });
      },
    },
  };
}
