// Learning from the editor (issue 13), measured on synthetic items written for this check (not the labelled sets):
// an editor rejects 10 routine market wraps that name both countries and shortlists 10 alliance stories; then
// NEW items of both kinds go through the real item processing (rules, then the learned adjustment).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { inlineStages, type CpuSetup } from '../src/pool/index.js';
import { DEFAULT_STORY_CONFIG } from '../src/cluster/story-features.js';
import { processItem } from '../src/jobs/process-item.js';
import { noteDecision, type Learned } from '../src/learn/index.js';
import type { Fetcher } from '../src/net/index.js';

/** The report under "learning" in `npm run eval -- --json`. */
export interface LearningReport {
  trained: { rejected: number; shortlisted: number };
  tested: { per_kind: number };
  threshold: number;
  rejected_kind: { rule_mean: number; learned_mean: number; drop: number; below_threshold_before: number; below_threshold_after: number };
  kept_kind: { rule_mean: number; learned_mean: number; drop: number; below_threshold_before: number; below_threshold_after: number };
  pass: boolean;
}

/** Relevance rules of the check: both countries must be named (as in the repo's sources.yaml, much shortened). */
const RULES = { all_of: [['Japan', 'Japanese', 'Tokyo'], ['United States', 'U.S.', 'Washington', 'American']], none_of: [] };

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}
const pick = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)];

/** A routine market wrap: the Tokyo close with a nod to Wall Street. Borderline for the rules (0.625). */
export function marketWrap(r: () => number, i: number) {
  const dir = pick(r, ['higher', 'lower', 'flat', 'mixed']);
  const idx = pick(r, ['Nikkei', 'Topix', 'Nikkei 225']);
  const title = `${idx} ends ${dir} as traders weigh yen moves and bond yields`;
  const text = `Shares in Tokyo closed ${dir} on ${pick(r, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} as the ${idx} index ` +
    `${pick(r, ['tracked', 'shrugged off', 'followed'])} overnight trading in the United States. ${pick(r, ['Exporters', 'Chip stocks', 'Carmakers', 'Bank shares'])} ` +
    `${pick(r, ['led gains', 'weighed on the market', 'drifted', 'were steady'])}, while the yen ${pick(r, ['slipped', 'firmed', 'held'])} against the dollar. ` +
    `Turnover on the main board was ${pick(r, ['thin', 'light', 'about average', 'heavy'])}, brokers said, with investors waiting for ` +
    `${pick(r, ['inflation figures', 'central bank remarks', 'quarterly earnings', 'payroll data'])} later in the week. Session ${i}.`;
  return { title, text };
}

/** An alliance story: ministers, defence or trade talks between the two governments. */
export function allianceStory(r: () => number, i: number) {
  const subject = pick(r, ['missile defence', 'shipbuilding', 'semiconductor supply', 'coast guard', 'critical minerals', 'space security']);
  const title = `Japan and United States agree to deepen ${subject} cooperation`;
  const text = `${pick(r, ['Defence ministers', 'Foreign ministers', 'Senior officials', 'Trade envoys'])} from Japan and the United States ` +
    `${pick(r, ['agreed', 'pledged', 'signed a plan'])} in ${pick(r, ['Tokyo', 'Washington', 'Honolulu'])} to expand ${subject} work under the alliance. ` +
    `The ${pick(r, ['joint statement', 'agreement', 'memorandum'])} sets up a ${pick(r, ['working group', 'steering committee', 'joint office'])} ` +
    `and names ${pick(r, ['deadlines', 'funding', 'pilot projects'])} for next year, officials said after the talks. Meeting ${i}.`;
  return { title, text };
}

/** The check itself; `seed` varies the synthetic wording. */
export async function measureLearning(opts: { perKind?: number; seed?: number; threshold?: number } = {}): Promise<LearningReport> {
  const perKind = opts.perKind ?? 10;
  const threshold = opts.threshold ?? 0.5;
  const r = rng(opts.seed ?? 13);
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-learning-'));
  const store = openStore(join(dir, 'learning.db'));
  const now = '2026-11-20T00:00:00.000Z';
  store.upsertSources([{ id: 'markets', name: 'Markets Wire', type: 'rss', url: 'https://markets.example/feed', topics: [], always_relevant: false, primary: false, enabled: true },
    { id: 'wire', name: 'Wire News', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
  // Fetching always fails: each item's feed text stands in, so processing is offline and deterministic.
  const fetcher = { get: async () => { throw new Error('offline'); } } as unknown as Fetcher;
  let n = 0;
  const process = async (a: { title: string; text: string }, source: string, learned?: Learned) => {
    const url = `https://${source}.example/${++n}`;
    const { id } = store.insertDiscovered({ url, url_seen: url, source_id: source, title: a.title, summary: null, content: a.text, published_at: now }, now);
    const out = await processItem({ id, url, attempts: 0, feed_title: a.title, feed_summary: null, feed_content: a.text, feed_published_at: now, source_ids: [source] },
      { fetcher, alwaysRelevant: false, clock: () => 0,
        cpu: inlineStages({ relevance: RULES as CpuSetup['relevance'], learned, story: DEFAULT_STORY_CONFIG, publication: 'Learning check', topics: [] }) });
    if (!out.ok) throw new Error(out.message);
    return { id, out };
  };
  try {
    // The editor's decisions: items processed with the rules alone, then rejected or shortlisted.
    for (let i = 0; i < perKind; i++) {
      const w = await process(marketWrap(r, i), 'markets');
      store.markExtracted(w.id, w.out.row, now);
      noteDecision(store, w.id, 'reject', 'cli', new Date(now));
      const k = await process(allianceStory(r, i), 'wire');
      store.markExtracted(k.id, k.out.row, now);
      noteDecision(store, k.id, 'shortlist', 'cli', new Date(now));
    }
    const learned: Learned = { model: store.loadModel(), minScore: threshold };
    const kind = async (make: typeof marketWrap, source: string) => {
      const before: number[] = [], after: number[] = [];
      for (let i = 0; i < perKind; i++) {
        const a = make(r, 100 + i);
        before.push((await process(a, source)).out.row.relevance!);
        const o = (await process(a, source, learned)).out;
        after.push(o.row.relevance!);
      }
      const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000;
      const below = (xs: number[]) => xs.filter((x) => x < threshold).length;
      const rule_mean = mean(before), learned_mean = mean(after);
      return { rule_mean, learned_mean, drop: Math.round((1 - learned_mean / rule_mean) * 1000) / 1000,
        below_threshold_before: below(before), below_threshold_after: below(after) };
    };
    const rejected_kind = await kind(marketWrap, 'markets');
    const kept_kind = await kind(allianceStory, 'wire');
    return { trained: { rejected: perKind, shortlisted: perKind }, tested: { per_kind: perKind }, threshold, rejected_kind, kept_kind,
      pass: rejected_kind.drop >= 0.3 && rejected_kind.below_threshold_after === perKind && kept_kind.drop <= 0 };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The printed line of `npm run eval`. */
export function learningLine(l: LearningReport): string {
  return `learning: after ${l.trained.rejected} rejects and ${l.trained.shortlisted} shortlists, the rejected kind scores ${l.rejected_kind.rule_mean.toFixed(2)} → ` +
    `${l.rejected_kind.learned_mean.toFixed(2)} (−${(l.rejected_kind.drop * 100).toFixed(0)}%, ${l.rejected_kind.below_threshold_after}/${l.tested.per_kind} below ${l.threshold}), ` +
    `the kept kind ${l.kept_kind.rule_mean.toFixed(2)} → ${l.kept_kind.learned_mean.toFixed(2)}${l.pass ? '' : '  [FAIL]'}`;
}

if (process.argv[1] && process.argv[1].endsWith('learning.ts')) {
  measureLearning().then((l) => { console.log(JSON.stringify(l, null, 2)); console.log(learningLine(l)); });
}
