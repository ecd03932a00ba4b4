import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { seedStories } from '../support/seed.js';
import { runMain } from '../support/cli.js';
import { openStore } from '../../src/store/index.js';

test('issue create/add/move/remove/show/publish and export from the command line', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'n.db');
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, 'publication: { name: "Test Digest", footer: "Sent every other week." }\n' +
      'topics:\n  - { id: diplomacy, label: Diplomacy }\n  - { id: defense, label: Defense }\n' +
      'sources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
    const store = openStore(db);
    const ids = seedStories(store, [
      { title: 'Ministers meet', headline: 'Ministers meet in Tokyo', bullet: 'The ministers met in Tokyo on Tuesday.', topics: ['diplomacy'] },
      { title: 'Drill ends', headline: 'Joint drill ends off Okinawa', bullet: 'The drill ended on Friday.', topics: ['defense'] },
      { title: 'Talks', headline: 'Trade talks open', bullet: 'Talks opened.', topics: ['diplomacy'] },
    ]).map((s) => String(s.itemId));
    store.close();
    const nd = (...args: string[]) => runMain([...args, '--config', config, '--db', db]);

    const created = await nd('issue', 'create', '--from', '2026-11-10', '--to', '2026-11-23', '--json');
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).title, 'Test Digest Vol 1.1');
    assert.equal((await nd('issue', 'add', '1.1', ...ids)).code, 0);
    assert.equal((await nd('issue', 'move', '1.1', ids[2], '1')).code, 0);
    assert.equal((await nd('issue', 'remove', '1.1', ids[0])).code, 0);
    const shown = JSON.parse((await nd('issue', 'show', '1.1', '--json')).stdout);
    assert.deepEqual(shown.items.map((i: { headline: string }) => i.headline), ['Trade talks open', 'Joint drill ends off Okinawa']);

    const md = await nd('export', '--issue', '1.1', '--format', 'md', '--group-by', 'topic');
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.indexOf('Diplomacy') < md.stdout.indexOf('Defense'), 'sections in taxonomy order');
    assert.match(md.stdout, /Sent every other week\.\s*$/);
    const out = join(dir, 'issue.docx');
    assert.equal((await nd('export', '--issue', '1', '--format', 'docx', '--out', out)).code, 0);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');

    const bad = await nd('issue', 'add', '1.1', '999');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no item 999/);
    assert.equal((await nd('issue', 'publish', '1.1')).code, 0);
    const list = JSON.parse((await nd('issue', 'list', '--json')).stdout);
    assert.equal(list[0].status, 'published');
    const items = JSON.parse((await nd('items', '--json')).stdout) as { id: number; review: string }[];
    assert.deepEqual(items.filter((i) => i.review === 'published').map((i) => String(i.id)).sort(), [ids[1], ids[2]].sort());
    const again = await nd('issue', 'add', '1.1', ids[0]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /published/);
    const badFormat = await nd('export', '--issue', '1.1', '--format', 'rtf');
    assert.equal(badFormat.code, 2);
  } finally { cleanup(); }
});
