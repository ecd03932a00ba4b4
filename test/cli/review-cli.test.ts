import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { seedStories } from '../support/seed.js';
import { runMain } from '../support/cli.js';
import { openStore } from '../../src/store/index.js';

test('review --shortlist/--reject/--topics/--promote and learn, with --json shapes and exit codes', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'n.db');
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, 'publication: { name: "Test Digest" }\ntopics:\n  - { id: diplomacy, label: Diplomacy }\n  - { id: defense, label: Defense }\n' +
      'sources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
    const store = openStore(db);
    const ids = seedStories(store, [{ title: 'Ministers meet in Tokyo' }, { title: 'Nikkei ends higher' }, { title: 'Drill ends off Okinawa' }]).map((s) => String(s.itemId));
    const { id: off } = store.insertDiscovered({ url: 'https://wire.example/off', url_seen: 'https://wire.example/off', source_id: 'wire', title: 'Football scores',
      summary: null, content: null, published_at: '2026-11-20T00:00:00.000Z' }, '2026-11-20T00:00:00.000Z');
    store.markExtracted(off, { canonical_url: null, aliases: ['https://wire.example/off'], title: 'Football scores', byline: null, published_at: null, lang: 'en',
      site_name: null, text: 'Scores from the league.', text_from: 'page', content_hash: null, state: 'irrelevant', relevance: 0.1, relevance_terms: [] }, '2026-11-20T00:00:00.000Z');
    store.close();
    const nd = (...args: string[]) => runMain([...args, '--config', config, '--db', db]);

    const s = await nd('review', ids[0], '--shortlist', '--json');
    assert.equal(s.code, 0, s.stderr);
    const sj = JSON.parse(s.stdout);
    assert.deepEqual(Object.keys(sj).sort(), ['action', 'decision_id', 'issue', 'item_id', 'review', 'story_id', 'topics']);
    assert.equal(sj.action, 'shortlist');
    assert.equal(sj.review, 'shortlisted');
    const r = await nd('review', ids[1], '--reject');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /rejected/);
    const t = JSON.parse((await nd('review', ids[2], '--topics', 'defense', '--json')).stdout);
    assert.deepEqual(t.topics, ['defense']);
    const p = JSON.parse((await nd('review', String(off), '--promote', '--json')).stdout);
    assert.equal(p.action, 'promote');
    assert.ok(p.story_id);

    const unknown = await nd('review', '999', '--reject');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /there is no item 999/);
    assert.equal((await nd('review', ids[0])).code, 2, 'no action is a usage error');
    assert.equal((await nd('review', ids[0], '--reject', '--shortlist')).code, 2);
    const badTopic = await nd('review', ids[2], '--topics', 'sports');
    assert.equal(badTopic.code, 2);
    assert.match(badTopic.stderr, /unknown topic sports/);

    const l = await nd('learn', '--json');
    assert.equal(l.code, 0, l.stderr);
    const lj = JSON.parse(l.stdout);
    assert.deepEqual(lj.decisions, { kept: 2, rejected: 1 });
    assert.deepEqual(lj.by_action, { shortlist: 1, reject: 1, topics: 1, promote: 1 });
    assert.deepEqual(lj.by_via, { cli: 4 });
    assert.equal(lj.topic_examples, 1);
    assert.ok(Array.isArray(lj.lowers) && Array.isArray(lj.raises));
    const text = await nd('learn');
    assert.match(text.stdout, /2 kept, 1 rejected/);

    const again = openStore(db);
    const ex = again.editorTopicExamples();
    assert.equal(ex.length, 1);
    assert.deepEqual(ex[0].topics, ['defense']);
    assert.equal(again.listDecisions().length, 4, 'one row per decision');
    again.close();
  } finally {
    cleanup();
  }
});
