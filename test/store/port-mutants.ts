/**
 * Checks that the port suite can fail: each mutant breaks one behaviour of working ports (port-level wrappers, so
 * they apply to any backend), and the suite must then fail the test that covers it. Not part of `npm test` (it
 * runs the suite once per mutant); run it after changing the suite:
 *
 *   node --import tsx test/store/port-mutants.ts
 *
 * It prints, per mutant, the suite's tests that failed, and exits 1 if some mutant failed none (a gap in the suite).
 * With MUTANT=<name> set it registers the suite over the SQLite ports with that mutant (what each child runs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlitePorts } from '../../src/store/sqlite/index.js';
import type { Ports } from '../../src/store/ports.js';
import { portSuite } from './port-suite.js';

/** Name → a change that breaks one promised behaviour; the comment names the suite test that must catch it. */
export const mutants: Record<string, (p: Ports) => void> = {
  // "every method answers with a promise"
  syncAnswer: (p) => { (p.sources as unknown as Record<string, unknown>).sourceNames = () => []; },
  // sources: same id twice is updated, not ignored
  upsertIgnoresExisting: (p) => {
    const f = p.sources.upsertSources;
    p.sources.upsertSources = async (xs) => {
      const have = new Set((await p.sources.sourceNames()).map((s) => s.id));
      return f(xs.filter((x) => !have.has(x.id)));
    };
  },
  // items: same URL twice is one item
  alwaysCreated: (p) => { const f = p.items.insertDiscovered; p.items.insertDiscovered = async (d, n) => ({ ...(await f(d, n)), created: true }); },
  // items: transitions (attempt limit)
  noAttemptLimit: (p) => { const f = p.items.listPending; p.items.listPending = (l) => f(l, 99); },
  // runs: second holder refused
  lockAlwaysTaken: (p) => { p.runs.acquireLock = async () => ({ ok: true, tookOverFrom: null }); },
  // stories: postings within a day range
  postingsIgnoreDays: (p) => { const f = p.stories.storyPostings; p.stories.storyPostings = (k, _a, _b, c) => f(k, 0, 1e9, c); },
  // summaries: the cache
  noCache: (p) => { p.summaries.getCachedDraft = async () => undefined; },
  // review: a stale revision is refused
  editIgnoresRevision: (p) => {
    const f = p.review.saveEdit;
    p.review.saveEdit = async (s, _r, e, n) => f(s, (await p.review.getCard(s))!.edit_rev, e, n);
  },
  // issues: order
  moveDoesNothing: (p) => { p.issues.moveIssueItem = async () => true; },
  // LLM calls: the window's end is exclusive
  costIgnoresEnd: (p) => { const f = p.llm.llmCostBetween; p.llm.llmCostBetween = (a) => f(a, null); },
  // learning: undo
  noRetract: (p) => { p.learn.retractDecision = async () => null; },
  // learning: promoting only an irrelevant item
  promoteAlways: (p) => { const f = p.learn.promoteItem; p.learn.promoteItem = async (i, n) => { await f(i, n); return true; }; },
  // embeddings: the day window
  windowIgnoresDays: (p) => { const f = p.embeddings.vectorsInWindow; p.embeddings.vectorsInWindow = (m, _lo, _hi, c) => f(m, 0, 1e9, c); },
  // items: listing filters
  listIgnoresFilters: (p) => { const f = p.items.listItems; p.items.listItems = (x) => f({ full: x.full }); },
  // unit of work: rollback and isolation
  noTransaction: (p) => { p.unitOfWork = { run: (fn) => fn(p) }; },
};

const self = fileURLToPath(import.meta.url);
const name = process.env.MUTANT;
if (name) {
  const mutate = mutants[name];
  if (!mutate) throw new Error(`no mutant named ${name}; known: ${Object.keys(mutants).join(', ')}`);
  portSuite(`mutant ${name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-mutant-'));
    const h = await openSqlitePorts(join(dir, 'mutant.db'));
    mutate(h.ports);
    return { ports: h.ports, close: async () => { await h.close(); rmSync(dir, { recursive: true, force: true }); } };
  });
} else if (process.argv[1] === self) {
  let survived = 0;
  for (const m of Object.keys(mutants)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', self], { env: { ...process.env, MUTANT: m }, encoding: 'utf8' });
    const failed = [...r.stdout.matchAll(/^not ok \d+ - mutant \S+: (.*)$/gm)].map((x) => x[1]);
    if (!failed.length) survived++;
    process.stdout.write(`${m}: ${failed.length ? `caught by ${failed.length} test(s): ${failed.map((f) => f.slice(0, 50)).join(' | ')}` : 'NOT CAUGHT'}\n`);
  }
  process.exit(survived ? 1 : 0);
}
