/**
 * The store-port suite: one set of tests every backend must pass (SQLite in ports-sqlite.test.ts, PostgreSQL beside
 * it). Each test opens a fresh, empty backend through `open` and closes it. Only the ports are used, so a backend
 * passes by behaving the same, not by sharing code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AggregatePorts, ExtractedRow, LockHolder, Ports, Source } from '../../src/store/ports.js';

type Open = () => Promise<{ ports: Ports; close(): Promise<void> }>;

const T0 = '2026-11-20T08:00:00.000Z';
const T1 = '2026-11-20T09:00:00.000Z';
const T2 = '2026-11-20T10:00:00.000Z';

function source(id: string, over: Partial<Source> = {}): Source {
  return { id, name: `${id} desk`, type: 'rss', url: `https://${id}.example/feed.xml`, topics: [], always_relevant: false,
    primary: false, enabled: true, ...over };
}

function extracted(url: string, over: Partial<ExtractedRow> = {}): ExtractedRow {
  return { canonical_url: null, aliases: [url], title: 'Harbour bridge reopens', byline: null, published_at: T0, lang: 'en',
    site_name: null, text: 'The harbour bridge reopened on Monday after repairs that took nine weeks.', text_from: 'page',
    content_hash: null, state: 'extracted', relevance: 0.8, relevance_terms: ['harbour'], ...over };
}

/** Discovers and extracts one article for a source; returns its item id. */
async function article(p: AggregatePorts, src: string, path: string, over: Partial<ExtractedRow> = {}): Promise<number> {
  const url = `https://${src}.example/${path}`;
  const { id } = await p.items.insertDiscovered({ url, url_seen: url, source_id: src, title: over.title ?? 'Harbour bridge reopens',
    summary: null, content: null, published_at: T0 }, T0);
  await p.items.markExtracted(id, extracted(url, over), T0);
  return id;
}

/** Registers the suite's tests under `name`. */
export function portSuite(name: string, open: Open): void {
  const it = (title: string, body: (p: Ports) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const h = await open();
      try { await body(h.ports); } finally { await h.close(); }
    });

  it('every method answers with a promise, and a failing write rejects instead of throwing', async (p) => {
    const answer = p.sources.sourceNames();
    assert.ok(answer instanceof Promise);
    assert.deepEqual(await answer, []);
    const issue = { title: 'Weekly', volume: 1, number: 1, date_from: null, date_to: null };
    await p.issues.insertIssue(issue, T0);
    let second: Promise<number> | undefined;
    assert.doesNotThrow(() => { second = p.issues.insertIssue(issue, T0); });
    await assert.rejects(second!);
  });

  it('sources: the same source written twice is stored once; a new URL forgets the validators', async (p) => {
    await p.sources.upsertSources([source('wire'), source('gov', { primary: true })]);
    await p.sources.upsertSources([source('wire', { name: 'Wire Service' })]);
    const names = await p.sources.sourceNames();
    assert.deepEqual(names, [{ id: 'gov', name: 'gov desk' }, { id: 'wire', name: 'Wire Service' }]);

    await p.sources.recordSourceAttempt('wire', T0);
    await p.sources.recordSourceOk('wire', { etag: '"v1"', last_modified: 'Mon, 16 Nov 2026 00:00:00 GMT', feed_url: null }, T0);
    assert.equal((await p.sources.getSourceState('wire'))?.etag, '"v1"');
    await p.sources.recordSourceFailure('wire', 'timeout', 'no answer in 20 s');
    await p.sources.recordSourceFailure('wire', 'timeout', 'no answer in 20 s');
    const state = await p.sources.getSourceState('wire');
    assert.equal(state?.consecutive_failures, 2);
    assert.equal(state?.etag, '"v1"', 'a failure keeps the validators');

    const health = await p.sources.listSourceHealth(T0);
    assert.equal(health.length, 2);
    assert.equal(health[0].id, 'wire', 'failing sources first');
    assert.equal(health[0].last_error_kind, 'timeout');
    assert.equal(health[0].enabled, true);

    await p.sources.upsertSources([source('wire', { url: 'https://wire.example/other.xml' })]);
    assert.equal((await p.sources.getSourceState('wire'))?.etag, null, 'a changed URL forgets the ETag');
    assert.equal(await p.sources.getSourceState('nobody'), undefined);
  });

  it('items: the same URL discovered twice is one item, linked to both sources', async (p) => {
    await p.sources.upsertSources([source('wire'), source('gov')]);
    const url = 'https://wire.example/a';
    const row = { url, url_seen: url, source_id: 'wire', title: 'Ferry strike', summary: null, content: null, published_at: T0 };
    const first = await p.items.insertDiscovered(row, T0);
    const again = await p.items.insertDiscovered(row, T1);
    const other = await p.items.insertDiscovered({ ...row, source_id: 'gov' }, T1);
    assert.equal(first.created, true);
    assert.deepEqual(again, { id: first.id, created: false });
    assert.deepEqual(other, { id: first.id, created: false });
    assert.deepEqual(await p.items.countByState(), { discovered: 1 });
    const [pending] = await p.items.listPending(10);
    assert.deepEqual(pending.source_ids.sort(), ['gov', 'wire']);
    const health = await p.sources.listSourceHealth(T0);
    assert.deepEqual(health.map((h) => h.items_total), [1, 1]);
  });

  it('items: discovered → failed (retried while retryable) → extracted, irrelevant, and folding duplicates', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const url = 'https://wire.example/b';
    const { id } = await p.items.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: 'Port closes', summary: null,
      content: null, published_at: T0 }, T0);
    assert.deepEqual((await p.items.listPending(10)).map((i) => i.id), [id]);

    await p.items.markFailed(id, { kind: 'timeout', message: 'slow', retryable: true }, T0);
    const [retry] = await p.items.listPending(10);
    assert.equal(retry.id, id, 'a transient failure is pending again');
    assert.equal(retry.attempts, 1);
    assert.deepEqual(await p.items.listPending(10, 1), [], 'not past the attempt limit');
    await p.items.markFailed(id, { kind: 'http_404', message: 'gone', retryable: false }, T0);
    assert.deepEqual(await p.items.listPending(10), [], 'a permanent failure is not retried');

    const done = await p.items.markExtracted(id, extracted(url), T1);
    assert.deepEqual(done, { mergedInto: null });
    assert.deepEqual(await p.items.countByState(), { extracted: 1 });
    assert.deepEqual((await p.items.listUnclustered(0, 10)).map((i) => i.id), [id]);
    assert.deepEqual(await p.items.listUnclustered(id, 10), []);
    assert.deepEqual((await p.items.listItems({ state: 'discovered' })), []);
    assert.deepEqual((await p.items.listItems({ source: 'nobody' })), []);
    const [view] = await p.items.listItems({ full: true, source: 'wire', state: 'extracted' });
    assert.equal(view.state, 'extracted');
    assert.equal(view.text_from, 'page');
    assert.deepEqual(view.relevance_terms, ['harbour']);
    assert.equal((await p.items.itemText(id))?.url, url);

    // The same article under another URL whose page names the first as canonical folds into it.
    const dupUrl = 'https://wire.example/b?utm=1';
    const dup = await p.items.insertDiscovered({ url: dupUrl, url_seen: dupUrl, source_id: 'wire', title: null, summary: null,
      content: null, published_at: null }, T1);
    const folded = await p.items.markExtracted(dup.id, extracted(dupUrl, { aliases: [dupUrl, url] }), T1);
    assert.deepEqual(folded, { mergedInto: id });
    assert.deepEqual(await p.items.countByState(), { extracted: 1 });

    const low = await article(p, 'wire', 'c', { state: 'irrelevant', relevance: 0.1, title: 'Cricket scores' });
    assert.equal((await p.items.countByState()).irrelevant, 1);
    assert.deepEqual((await p.items.listBorderline(0, 0.5, 10)).map((i) => i.id), [low]);
    await p.items.saveTriage(low, { model: 'small', relevant: true, topics: [], ignored: null, at: T2 }, 'extracted', ['cricket']);
    assert.deepEqual(await p.items.listBorderline(0, 0.5, 10), [], 'triaged once');
    assert.deepEqual(await p.items.countByState(), { extracted: 2 });
  });

  it('runs: one lock holder at a time; refused, released, taken over when stale', async (p) => {
    const a = { pid: 101, hostname: 'host-a' };
    const b = { pid: 202, hostname: 'host-b' };
    const never = () => false;
    const runId = await p.runs.createRun('cli', a.pid, T0);
    const got = await p.runs.acquireLock({ ...a, run_id: null }, T0, never);
    assert.deepEqual(got, { ok: true, tookOverFrom: null });
    await p.runs.setLockRun(a, runId);

    const refused = await p.runs.acquireLock({ ...b, run_id: null }, T1, never);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.holder.hostname, 'host-a');
    assert.equal(!refused.ok && refused.holder.run_id, runId);

    await p.runs.releaseLock(b);
    assert.equal((await p.runs.lockHolder())?.pid, a.pid, 'only the holder releases');
    await p.runs.heartbeat(a, T1);
    assert.equal((await p.runs.lockHolder())?.heartbeat_at, T1);
    await p.runs.releaseLock(a);
    assert.equal(await p.runs.lockHolder(), undefined);

    assert.equal((await p.runs.acquireLock({ ...b, run_id: null }, T1, never)).ok, true);
    const bRun = await p.runs.createRun('schedule', b.pid, T1);
    await p.runs.setLockRun(b, bRun);
    let seen: LockHolder | undefined;
    const taken = await p.runs.acquireLock({ ...a, run_id: null }, T2, (h) => { seen = h; return true; });
    assert.equal(seen?.pid, b.pid, 'isStale is asked about the holder');
    assert.equal(taken.ok && taken.tookOverFrom?.pid, b.pid);
    assert.equal((await p.runs.getRun(bRun))?.outcome, 'interrupted');

    await p.runs.saveRunProgress(runId, { discovered: 3 });
    assert.deepEqual((await p.runs.getRun(runId))?.counts, { discovered: 3 });
    await p.runs.finishRun(runId, 'ok', { discovered: 4 }, null, T2);
    const run = await p.runs.getRun(runId);
    assert.equal(run?.outcome, 'ok');
    assert.equal(run?.finished_at, T2);
    assert.deepEqual((await p.runs.listRuns(10)).map((r) => r.id), [bRun, runId]);
    assert.equal(await p.runs.countRuns(), 2);
  });

  it('stories: a primary source leads; join, split, merge, features and postings', async (p) => {
    await p.sources.upsertSources([source('wire'), source('gov', { primary: true })]);
    const wire = await article(p, 'wire', 'x', { text: 'The ministry confirmed on Monday that the harbour bridge had reopened after nine weeks of repairs to its deck.' });
    const gov = await article(p, 'gov', 'y', { text: 'The bridge reopened on Monday.' });
    const story = await p.stories.startStory(wire, T0);
    assert.equal(await p.stories.storyIdOf(wire), story);
    await p.stories.joinStory(gov, story, T1, { review: null, summarized: false });
    assert.deepEqual(await p.stories.storyMemberIds(story), [wire, gov]);
    const [view] = await p.stories.listStories();
    assert.equal(view.lead_item_id, gov, 'a primary source leads though its text is shorter');
    assert.deepEqual(view.sources.sort(), ['gov', 'wire']);
    const members = await p.stories.storyMembers(story);
    assert.deepEqual(members.map((m) => [m.id, m.lead]), [[gov, true], [wire, false]]);
    assert.equal((await p.stories.storyState(story))?.review, 'new');

    await p.stories.putStoryFeatures(wire, { entities: ['harbour bridge'] }, 20412, ['e:harbour bridge'], ['harbour', 'bridge']);
    await p.stories.putStoryFeatures(gov, { entities: ['bridge'] }, 20413, ['e:harbour bridge'], ['bridge']);
    assert.equal(await p.stories.clusteredCount(), 2);
    assert.equal(await p.stories.clusteredMaxDay(), 20413);
    assert.equal(await p.stories.storyDocFreq('bridge'), 2);
    assert.equal(await p.stories.storyDocFreq('harbour'), 1);
    assert.equal(await p.stories.storyDocFreq('nothing'), 0);
    assert.deepEqual(await p.stories.storyPostings('e:harbour bridge', 20400, 20420, 10), [gov, wire]);
    assert.deepEqual(await p.stories.storyPostings('e:harbour bridge', 20400, 20412, 10), [wire]);
    assert.deepEqual(await p.stories.storyFeaturesOf<{ entities: string[] }>(wire), { entities: ['harbour bridge'] });
    assert.equal(await p.stories.isClustered(gov), true);

    const alone = await p.stories.splitToNewStory(wire, T1);
    await p.stories.refreshLead(story, T1);
    assert.deepEqual(await p.stories.storyMemberIds(story), [gov]);
    assert.deepEqual(await p.stories.storyMemberIds(alone), [wire]);

    const third = await article(p, 'wire', 'z', { title: 'Bridge tolls to rise' });
    const other = await p.stories.createStoryFor(third, T1);
    const moved = await p.stories.mergeStories(other, story, third, T2, { review: 'new', summarized: false });
    assert.deepEqual(moved, [third]);
    assert.equal(await p.stories.storyState(other), undefined, 'the absorbed story is gone');
    assert.deepEqual(await p.stories.storyMemberIds(story), [gov, third]);
    assert.equal(await p.stories.mergeStories(alone, story, wire, T2, { review: 'new', summarized: false }), null,
      'a story holding an item the editor placed is not merged');

    await p.stories.pinToStory(wire, story, { review: 'new', summarized: false }, T2);
    await p.stories.dropEmptyStory(alone);
    await p.stories.dropEmptyStory(story);
    assert.equal(await p.stories.storyState(alone), undefined);
    assert.ok(await p.stories.storyState(story), 'a story with items is kept');
    await p.stories.reindexStory(story);
  });

  it('summaries: drafts, the cache and failures', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const lead = await article(p, 'wire', 'd');
    const second = await article(p, 'wire', 'e', { title: 'Bridge reopening draws crowds', text: 'Crowds walked across the bridge.' });
    const story = await p.stories.startStory(lead, T0);
    await p.stories.joinStory(second, story, T0, { review: null, summarized: false });
    const [job] = await p.summaries.listSummaryJobs(10);
    assert.equal(job.story_id, story);
    assert.equal(job.item_id, lead);
    assert.deepEqual(job.others.map((o) => o.title), ['Bridge reopening draws crowds']);
    assert.deepEqual((await p.summaries.storyOthers(story, lead)).map((o) => o.text), ['Crowds walked across the bridge.']);

    const draft = { headline: 'Harbour bridge open again', bullet: 'Repairs ended after nine weeks.', topics: ['transport'],
      topic_confidence: 0.7, summarizer: 'offline', prompt_version: 'offline-1', cache_key: 'k-1', unsupported: ['nine'] };
    assert.equal(await p.summaries.getCachedDraft('k-1'), undefined);
    await p.summaries.saveDraft(story, lead, draft, T1);
    assert.deepEqual(await p.summaries.getCachedDraft('k-1'), draft);
    assert.deepEqual(await p.summaries.listSummaryJobs(10), [], 'a drafted story is not a job');
    assert.equal((await p.summaries.listSummaryJobs(10, true)).length, 1, 'redo lists it again');
    assert.deepEqual(await p.items.countByState(), { summarized: 2 });
    await p.summaries.saveDraft(story, lead, { ...draft, headline: 'Bridge open', cache_key: 'k-2' }, T2);
    assert.equal((await p.review.getCard(story))?.headline, 'Bridge open', 'a new draft replaces the old');

    const lone = await article(p, 'wire', 'f', { title: 'Tunnel study' });
    const loneStory = await p.stories.startStory(lone, T0);
    await p.summaries.markSummaryFailed(lone, 'timeout', 'the model did not answer', T1);
    assert.equal((await p.items.countByState()).failed, 1);
    assert.deepEqual((await p.summaries.listSummaryJobs(10)).map((j) => j.story_id), [loneStory], 'a failure is retried');
  });

  it('review: actions keep the previous state for undo; edits refuse a stale revision', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const id = await article(p, 'wire', 'g');
    const story = await p.stories.startStory(id, T0);
    await p.summaries.saveDraft(story, id, { headline: 'Bridge open', bullet: 'It reopened.', topics: ['transport'], topic_confidence: 0.5,
      summarizer: 'offline', prompt_version: null, cache_key: 'k-g', unsupported: [] }, T0);
    assert.equal(await p.review.setStoryReview(story, 'shortlisted', T1), 1);
    assert.equal(await p.review.setStoryReview(story, 'shortlisted', T1), 0, 'the same action twice changes nothing');
    assert.equal((await p.review.getCard(story))?.review, 'shortlisted');
    assert.equal((await p.review.listCards({ review: 'shortlisted' })).total, 1);
    assert.equal((await p.review.listCards({ review: 'new' })).total, 0);
    assert.deepEqual(await p.review.topicCounts({ review: 'all' }), { transport: 1 });
    await p.review.undoStoryReview(story, T2);
    assert.equal((await p.review.getCard(story))?.review, 'new');

    const rev = (await p.review.getCard(story))!.edit_rev;
    assert.equal(await p.review.saveEdit(story, rev, { headline: 'Ferry lanes open too', bullet: null, topics: ['local'] }, T1), true);
    assert.equal(await p.review.saveEdit(story, rev, { headline: 'Someone else', bullet: null, topics: null }, T1), false);
    const card = (await p.review.getCard(story))!;
    assert.equal(card.headline, 'Ferry lanes open too');
    assert.equal(card.edited, true);
    assert.equal(card.draft?.headline, 'Bridge open');
    assert.equal((await p.review.listCards({ review: 'all', q: 'ferry' })).total, 1, 'search finds the edited headline');
    assert.equal((await p.review.listCards({ review: 'all', q: 'submarine' })).total, 0);
  });

  it('issues: items in order, idempotent adds, publishing', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const ids = [await article(p, 'wire', 'h1', { title: 'One' }), await article(p, 'wire', 'h2', { title: 'Two' }),
      await article(p, 'wire', 'h3', { title: 'Three' })];
    for (const id of ids) await p.stories.createStoryFor(id, T0);
    const issue = await p.issues.insertIssue({ title: 'Weekly', volume: 2, number: 5, date_from: null, date_to: null }, T0);
    assert.equal((await p.issues.currentDraft())?.id, issue);
    assert.deepEqual(await p.issues.lastIssueNumber(), { volume: 2, number: 5 });
    assert.equal((await p.issues.getIssueByNumber(2, 5))?.id, issue);
    await p.issues.addIssueItems(issue, ids, T0);
    await p.issues.addIssueItems(issue, [ids[0]], T0);
    assert.equal((await p.issues.getIssue(issue))?.item_count, 3, 'an item already in the issue is not added twice');
    assert.equal(await p.issues.moveIssueItem(issue, ids[2], 1, T1), true);
    assert.deepEqual((await p.issues.issueEntries(issue)).map((e) => [e.position, e.item_id]), [[1, ids[2]], [2, ids[0]], [3, ids[1]]]);
    assert.equal(await p.issues.removeIssueItem(issue, ids[0], T1), true);
    assert.equal(await p.issues.removeIssueItem(issue, ids[0], T1), false);
    assert.deepEqual((await p.issues.issueEntries(issue)).map((e) => [e.position, e.item_id]), [[1, ids[2]], [2, ids[1]]]);
    assert.deepEqual(await p.issues.issuesOfItem(ids[1]), [issue]);
    assert.deepEqual(await p.issues.issuesOfItem(ids[0]), []);

    await p.issues.publishIssue(issue, T2);
    assert.equal((await p.issues.getIssue(issue))?.status, 'published');
    assert.equal(await p.issues.currentDraft(), undefined);
    assert.equal((await p.issues.lastPublishedIssue())?.id, issue);
    const story = (await p.stories.storyIdOf(ids[1]))!;
    assert.equal((await p.review.getCard(story))?.review, 'published');
    assert.equal((await p.stories.storyState(story))?.published_in, issue);
    assert.deepEqual((await p.issues.listIssues()).map((i) => i.id), [issue]);
  });

  it('LLM calls: totals per run, per model and tier, and in a time window', async (p) => {
    const run = await p.runs.createRun('cli', 1, T0);
    const call = { model: 'small', tier: 'draft' as const, prompt_version: 'v1', tokens_in: 100, tokens_out: 20, ms: 12.4,
      outcome: 'ok', cost_usd: 0.25, error: null };
    await p.llm.recordLlmCall(run, null, call, T0);
    await p.llm.recordLlmCall(run, null, { ...call, model: 'big', tier: 'triage', tokens_in: 50, cost_usd: 0.5 }, T1);
    await p.llm.recordLlmCall(null, null, { ...call, cost_usd: 1 }, T2);
    assert.deepEqual(await p.llm.llmTotals(run), { calls: 2, tokens_in: 150, tokens_out: 40, cost_usd: 0.75 });
    assert.deepEqual(await p.llm.llmTotals(run + 1), { calls: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0 });
    assert.equal(await p.llm.llmCostBetween(T0, T2), 0.75, 'the end is exclusive');
    assert.equal(await p.llm.llmCostBetween(T1, null), 1.5);
    const spend = await p.llm.llmSpend(T0, null);
    assert.equal(spend.total.calls, 3);
    assert.deepEqual(spend.by_model.map((m) => [m.model, m.calls, m.cost_usd]), [['small', 2, 1.25], ['big', 1, 0.5]]);
    assert.deepEqual(spend.by_tier.map((t) => [t.tier, t.calls]), [['triage', 1], ['draft', 2]]);
    const [withCost] = await p.runs.listRunsWithCost(10);
    assert.equal(withCost.llm_calls, 2);
    assert.equal(withCost.cost_usd, 0.75);
  });

  it('learning and embeddings: decisions count into the model and can be taken back; vectors are kept once', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const id = await article(p, 'wire', 'l');
    const input = await p.learn.learnInput(id);
    assert.deepEqual(input?.sources, ['wire']);
    const dec = await p.learn.recordDecision({ item_id: id, story_id: null, action: 'shortlist', label: 1, features: ['w:harbour', 'w:harbour'], via: 'cli' }, T0);
    let model = await p.learn.loadModel();
    assert.equal(model.pos, 1);
    assert.deepEqual(model.features.get('w:harbour'), { pos: 1, neg: 0 });
    assert.equal(await p.learn.retractDecision(id, 'cli', T1), dec);
    assert.equal(await p.learn.retractDecision(id, 'cli', T1), null, 'nothing left to take back');
    model = await p.learn.loadModel();
    assert.equal(model.pos, 0);
    assert.deepEqual((await p.learn.listDecisions()).map((d) => d.action), ['undo', 'shortlist']);

    const v = new Float32Array([0.5, -1, 2]);
    await p.embeddings.putItemVectors([{ id, vector: v }], 'emb-1', T0);
    await p.embeddings.putItemVectors([{ id, vector: new Float32Array([9, 9, 9]) }], 'emb-1', T1);
    assert.deepEqual([...(await p.embeddings.itemVector(id, 'emb-1'))!], [0.5, -1, 2], 'the first vector is kept');
    assert.deepEqual(await p.embeddings.missingVectors([id, id + 1], 'emb-1'), [id + 1]);
    assert.equal(await p.embeddings.itemVector(id, 'emb-2'), undefined);
  });

  it('learning: adjustments, items below the threshold, promoting one, topic examples; vectors by day window', async (p) => {
    await p.sources.upsertSources([source('wire')]);
    const low = await article(p, 'wire', 'm1', { state: 'irrelevant', relevance: 0.2, title: 'Cricket scores' });
    const high = await article(p, 'wire', 'm2');
    const adj = { rule_score: 0.55, score: 0.2, moved_by: [{ feature: 'w:cricket', weight: -1.5 }], rule_state: 'extracted' };
    await p.learn.recordAdjustment(low, adj, T0);
    assert.deepEqual(await p.learn.learnAdjustment(low), adj);
    assert.equal(await p.learn.learnAdjustment(high), undefined);
    const below = await p.learn.listBelowThreshold();
    assert.equal(below.total, 1);
    assert.deepEqual(below.rows.map((r) => [r.item_id, r.rule_score, r.sources]), [[low, 0.55, ['wire']]]);
    assert.equal(await p.learn.promoteItem(low, T1), true);
    assert.equal(await p.learn.promoteItem(low, T1), false, 'only an irrelevant item is promoted');
    assert.equal((await p.learn.listBelowThreshold()).total, 0);
    assert.deepEqual(await p.items.countByState(), { extracted: 2 });

    await p.learn.recordDecision({ item_id: high, story_id: null, action: 'topics', label: null, topics_before: ['transport'],
      topics_after: ['local'], features: [], via: 'desk' }, T2);
    const examples = await p.learn.editorTopicExamples();
    assert.deepEqual(examples.map((e) => [e.item_id, e.topics, e.at]), [[high, ['local'], T2]]);
    assert.equal((await p.learn.loadModel()).pos + (await p.learn.loadModel()).neg, 0, 'a re-tag is not a kept or rejected decision');

    await p.stories.putStoryFeatures(low, {}, 100, [], []);
    await p.stories.putStoryFeatures(high, {}, 105, [], []);
    await p.embeddings.putItemVectors([{ id: low, vector: new Float32Array([1, 0]) }, { id: high, vector: new Float32Array([0, 1]) }], 'emb-1', T0);
    const near = await p.embeddings.vectorsInWindow('emb-1', 90, 110, 10);
    assert.deepEqual(near.map((v) => [v.id, [...v.vector]]), [[high, [0, 1]], [low, [1, 0]]], 'latest day first');
    assert.deepEqual((await p.embeddings.vectorsInWindow('emb-1', 101, 110, 10)).map((v) => v.id), [high]);
    assert.deepEqual(await p.embeddings.vectorsInWindow('emb-2', 90, 110, 10), []);
  });

  it('unit of work: commits all of its writes together, or none when the callback throws', async (p) => {
    const out = await p.unitOfWork.run(async (u) => {
      await u.sources.upsertSources([source('kept')]);
      const run = await u.runs.createRun('cli', 1, T0);
      return run;
    });
    assert.equal(typeof out, 'number');
    assert.deepEqual((await p.sources.sourceNames()).map((s) => s.id), ['kept']);

    const boom = new Error('the job failed half-way');
    await assert.rejects(p.unitOfWork.run(async (u) => {
      await u.sources.upsertSources([source('lost')]);
      const { id } = await u.items.insertDiscovered({ url: 'https://lost.example/1', url_seen: 'https://lost.example/1', source_id: 'lost',
        title: null, summary: null, content: null, published_at: null }, T0);
      await u.items.markExtracted(id, extracted('https://lost.example/1'), T0);
      await new Promise((r) => setTimeout(r, 5));
      throw boom;
    }), (e) => e === boom);
    assert.deepEqual((await p.sources.sourceNames()).map((s) => s.id), ['kept'], 'the source written in the unit is gone');
    assert.deepEqual(await p.items.countByState(), {}, 'the item written in the unit is gone');
    assert.equal(await p.runs.countRuns(), 1);
  });

  it('unit of work: a write from outside while a unit is open survives that unit rolling back', async (p) => {
    let entered!: () => void;
    const inside = new Promise<void>((r) => { entered = r; });
    let finish!: () => void;
    const hold = new Promise<void>((r) => { finish = r; });
    const unit = p.unitOfWork.run(async (u) => {
      await u.sources.upsertSources([source('inside')]);
      entered();
      await hold;
      throw new Error('rolled back on purpose');
    });
    await inside;
    const outside = p.sources.upsertSources([source('outside')]);
    const read = p.sources.sourceNames();
    finish();
    await assert.rejects(unit, /rolled back on purpose/);
    await outside;
    assert.ok(!(await read).some((s) => s.id === 'inside'), 'an outside read never sees the unit\'s uncommitted write');
    assert.deepEqual((await p.sources.sourceNames()).map((s) => s.id), ['outside']);
  });

  it('unit of work: two units at once do not mix their writes', async (p) => {
    const slow = p.unitOfWork.run(async (u) => {
      await u.sources.upsertSources([source('a1')]);
      await new Promise((r) => setTimeout(r, 10));
      await u.sources.upsertSources([source('a2')]);
      throw new Error('a fails');
    });
    const fast = p.unitOfWork.run(async (u) => {
      await u.sources.upsertSources([source('b1')]);
      return 'b';
    });
    const [a, b] = await Promise.allSettled([slow, fast]);
    assert.equal(a.status, 'rejected');
    assert.deepEqual(b, { status: 'fulfilled', value: 'b' });
    assert.deepEqual((await p.sources.sourceNames()).map((s) => s.id), ['b1']);
  });
}
