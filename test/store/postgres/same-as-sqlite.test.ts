/**
 * Differential test: one seeded sequence of port calls (discovery with aliases and duplicate texts, failures, stories,
 * drafts, reviews, edits, issues, LLM calls, decisions, vectors, triage) runs on SQLite and on PostgreSQL, and every
 * read along the way must return the same value on both, down to key order, booleans vs 0/1 and ties in sort orders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePg, freshDatabase, freshSchema } from '../../support/pg.js';
import { prng } from '../../support/prng.js';
import { openPostgresPorts } from '../../../src/store/postgres/index.js';
import { openSqlitePorts } from '../../../src/store/sqlite/index.js';
import type { Ports, Source, ReviewState } from '../../../src/store/ports.js';

const WORDS = ['harbour', 'bridge', 'ferry', 'tunnel', 'council', 'budget', 'Tokyo', 'Naha', 'café', 'U.S.', 'summit',
  'export-control', 'chips', 'yen', 'missile', 'Quad', 'rail', 'strike', 'port', 'coast', 'guard', 'drill', '2026', 'F-35'];
const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, 1 + d, h)).toISOString();

type Reads = [string, unknown][];

/** The scenario: writes through `p`, and every read appended to `out` under a name. */
async function scenario(p: Ports, out: Reads): Promise<void> {
  const rnd = prng(15);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const read = async (name: string, v: Promise<unknown>) => {
    const value = await v;
    out.push([name, value instanceof Map ? Object.fromEntries(value) : value]);
  };
  // 'Zeta' sorts before 'blog' byte by byte, after it in a language's collation.
  const sources: Source[] = ['wire', 'gov', 'blog', 'Asia-desk', 'Zeta'].map((id, i) => ({ id, name: ['Wire', 'government', 'Blog', 'asia Desk', 'Zeta'][i],
    type: 'rss', url: `https://${id}.example/feed`, topics: [], always_relevant: false, primary: id === 'gov', enabled: id !== 'blog' }));
  await p.sources.upsertSources(sources);
  const run = await p.runs.createRun('cli', 4242, day(0, 1));

  const ids: number[] = [];
  for (let n = 0; n < 36; n++) {
    const src = pick(sources).id;
    const url = `https://news.example/a/${n % 30}`; // a few URLs seen twice, from other sources
    const published = rnd() < 0.2 ? null : day(Math.floor(rnd() * 6), Math.floor(rnd() * 24));
    const r = await p.items.insertDiscovered({ url, url_seen: `${url}?utm=${src}`, source_id: src, title: rnd() < 0.1 ? null : words(4),
      summary: rnd() < 0.5 ? words(8) : null, content: null, published_at: published }, day(0, 2 + (n % 5)));
    out.push([`discover ${n}`, r]);
    if (r.created) ids.push(r.id);
  }
  await read('pending', p.items.listPending(100));
  for (const [k, id] of ids.entries()) {
    if (k % 10 === 4) continue; // folded into the item before it
    if (k % 9 === 4) {
      await p.items.markFailed(id, { kind: 'timeout', message: 'no answer', retryable: k % 2 === 0 }, day(1, 0));
      continue;
    }
    const text = `${words(10 + (k % 7) * 3)}.`;
    const r = await p.items.markExtracted(id, {
      canonical_url: k % 5 === 0 ? `https://canon.example/${k}` : null,
      // Later items fold into earlier ones through a shared alias; every tenth also names the next article's URL, which
      // is still waiting for its page and so folds into this one.
      aliases: [`https://news.example/alias/${k % 25}`, ...(k % 10 === 3 ? [`https://news.example/a/${k + 1}`] : [])],
      title: words(5), byline: k % 3 ? 'A. Writer' : null, published_at: k % 4 ? day(k % 6, k % 24) : null, lang: 'en', site_name: null,
      text: k % 11 === 7 ? 'Shared text seen twice.' : text, text_from: 'page', content_hash: k % 11 === 7 ? 'same-hash' : `h${k}`,
      state: k % 6 === 5 ? 'irrelevant' : 'extracted', relevance: Math.round(rnd() * 100) / 100, relevance_terms: [pick(WORDS)],
    }, day(1, k % 24));
    out.push([`extract ${k}`, r]);
  }
  await read('pending after', p.items.listPending(100));
  await read('count', p.items.countByState());
  await read('unclustered', p.items.listUnclustered(0, 100));
  await read('borderline', p.items.listBorderline(0.2, 0.7, 100));
  await read('health', p.sources.listSourceHealth(day(0, 3)));
  await read('names', p.sources.sourceNames());

  // Stories: items grouped by id mod 4, the first of each group starting it.
  const unclustered = await p.items.listUnclustered(0, 100);
  const stories = new Map<number, number>();
  for (const it of unclustered) {
    const g = it.id % 4;
    const story = stories.get(g);
    if (story === undefined) stories.set(g, await p.stories.startStory(it.id, day(2, 0)));
    else await p.stories.joinStory(it.id, story, day(2, 1), { review: null, summarized: false });
    await p.stories.putStoryFeatures(it.id, { g }, 20400 + (it.id % 3), [`k${g}`, 'all'], [`t${it.id % 5}`, 'common']);
  }
  await read('postings', p.stories.storyPostings('all', 20400, 20402, 50));
  await read('df', Promise.all(['common', 't0', 't1', 'none'].map((k) => p.stories.storyDocFreq(k))));
  await read('clustered', Promise.all([p.stories.clusteredCount(), p.stories.clusteredMaxDay()]));
  await read('stories', p.stories.listStories());
  const storyIds = [...stories.values()];
  for (const s of storyIds) {
    await read(`members ${s}`, p.stories.storyMembers(s));
    await read(`state ${s}`, p.stories.storyState(s));
    await read(`others ${s}`, p.summaries.storyOthers(s, 0));
  }
  await read('jobs', p.summaries.listSummaryJobs(50));
  const jobs = await p.summaries.listSummaryJobs(50);
  for (const [k, j] of jobs.entries()) {
    await p.summaries.saveDraft(j.story_id, j.item_id, { headline: words(5), bullet: words(12), topics: k % 2 ? ['transport', 'local'] : ['defence'],
      topic_confidence: 0.5, summarizer: 'offline', prompt_version: 'p1', cache_key: `c${k}`, unsupported: k ? [] : ['nine'] }, day(3, k));
    await p.llm.recordLlmCall(run, j.item_id, { model: k % 2 ? 'small' : 'large', tier: k % 3 ? 'draft' : 'triage', prompt_version: 'p1',
      tokens_in: 100 * (k + 1), tokens_out: 10 * k, ms: 12.6 * k, outcome: 'ok', cost_usd: 0.001 * k, error: null }, day(3, k));
  }
  await read('jobs after', p.summaries.listSummaryJobs(50, true, storyIds.slice(0, 2)));
  await read('cached', p.summaries.getCachedDraft('c1'));
  if (storyIds.length > 1) {
    await p.review.setStoryReview(storyIds[0], 'shortlisted' as ReviewState, day(4, 0));
    await p.review.setStoryReview(storyIds[1], 'rejected' as ReviewState, day(4, 1));
    const card = await p.review.getCard(storyIds[0]);
    await p.review.saveEdit(storyIds[0], card!.edit_rev, { headline: 'Ferry lanes reopen in Naha', bullet: null, topics: ['local'] }, day(4, 2));
    await p.review.undoStoryReview(storyIds[1], day(4, 3));
  }
  for (const f of [{}, { review: 'all' as const }, { review: 'shortlisted' as const }, { topic: 'local', review: 'all' as const },
    { source: 'gov', review: 'all' as const }, { from: day(2, 0), to: day(5, 0), review: 'all' as const }, { limit: 2, offset: 1, review: 'all' as const },
    ...['naha', 'ferry lanes', 'cafe', 'U.S.', 'export', 'tok', 'harbour bridge', 'F-35', '!!'].map((q) => ({ q, review: 'all' as const }))]) {
    await read(`cards ${JSON.stringify(f)}`, p.review.listCards(f));
    await read(`topics ${JSON.stringify(f)}`, p.review.topicCounts(f));
  }
  const issue = await p.issues.insertIssue({ title: 'Digest', volume: 1, number: 1, date_from: day(0, 0), date_to: day(7, 0) }, day(5, 0));
  await p.issues.addIssueItems(issue, unclustered.slice(0, 5).map((i) => i.id), day(5, 1));
  await p.issues.moveIssueItem(issue, unclustered[0].id, 4, day(5, 2));
  await p.issues.removeIssueItem(issue, unclustered[1].id, day(5, 3));
  await read('entries', p.issues.issueEntries(issue));
  await p.issues.publishIssue(issue, day(6, 0));
  await read('issues', p.issues.listIssues());
  await read('published', p.issues.lastPublishedIssue());
  for (const s of storyIds) await read(`state after ${s}`, p.stories.storyState(s));
  await read('items', p.items.listItems({}));
  await read('items gov', p.items.listItems({ source: 'gov', limit: 5, full: true }));
  await read('items since', p.items.listItems({ since: day(3, 0), state: 'summarized' }));
  await p.runs.finishRun(run, 'ok', { items: ids.length }, null, day(6, 1));
  await read('runs', p.runs.listRunsWithCost(10));
  await read('spend', p.llm.llmSpend(day(3, 0), null));
  await read('spend window', p.llm.llmSpend(day(3, 1), day(3, 3)));
  await read('totals', p.llm.llmTotals(run));
  for (const it of unclustered.slice(0, 4)) {
    await p.learn.recordDecision({ item_id: it.id, story_id: null, action: 'shortlist', label: 1, features: ['w:harbour', `s:${it.id % 3}`], via: 'desk' }, day(6, 2));
  }
  await p.learn.retractDecision(unclustered[0].id, 'cli', day(6, 3));
  await read('decisions', p.learn.listDecisions());
  await read('model', p.learn.loadModel().then((m) => ({ ...m, features: Object.fromEntries([...m.features].sort()) })));
  await read('below', p.learn.listBelowThreshold());
  await p.embeddings.putItemVectors(unclustered.slice(0, 6).map((i) => ({ id: i.id, vector: Float32Array.from([i.id, 0.5, -1]) })), 'm1', day(6, 4));
  await read('vectors', p.embeddings.vectorsInWindow('m1', 20400, 20402, 10).then((rows) => rows.map((r) => [r.id, [...r.vector]])));
  await read('missing', p.embeddings.missingVectors(unclustered.map((i) => i.id), 'm1'));
}

describePg('PostgreSQL returns what SQLite returns', (db) => {
  const cases: [string, () => Promise<{ url: string; drop(): Promise<void> }>][] = [
    ['the test database', () => freshSchema(db.url)],
    // Text sorts in byte order, as in SQLite, even where the server's default collation is a language's.
    ['a database whose default collation is en-US (ICU)', () => freshDatabase({ icuLocale: 'en-US' })],
  ];
  for (const [where, make] of cases) test(`one seeded sequence of port calls, every read equal on both backends: ${where}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-diff-'));
    const schema = await make();
    const lite = await openSqlitePorts(join(dir, 'diff.db'));
    const pg = await openPostgresPorts(schema.url);
    try {
      const a: Reads = [];
      const b: Reads = [];
      await scenario(lite.ports, a);
      await scenario(pg.ports, b);
      assert.ok(a.length > 100, `${a.length} reads`);
      for (let i = 0; i < a.length; i++) {
        assert.equal(b[i]?.[0], a[i][0]);
        assert.deepStrictEqual(b[i][1], a[i][1], `read "${a[i][0]}" differs`);
      }
      assert.equal(b.length, a.length);
      const hits = a.filter(([name, v]) => name.startsWith('cards {"q"') && (v as { total: number }).total > 0).length;
      assert.ok(hits >= 4, `searches that found cards: ${hits}`);
      const merged = a.filter(([name, v]) => name.startsWith('extract') && (v as { mergedInto: number | null }).mergedInto !== null).length;
      assert.ok(merged >= 2, `extractions folded into another item: ${merged}`);
    } finally {
      await lite.close();
      await pg.close();
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
