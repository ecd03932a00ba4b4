import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp-db.js';
import { runCli, ROOT } from '../support/cli.js';
import { runDemo } from '../../src/demo/run.js';
import { openStore } from '../../src/store/index.js';
import { silentLogger } from '../../src/jobs/log.js';
import { compose } from '../../src/app/compose.js';

interface Manifest { articles: { path: string; relevant: boolean; topic: string | null; story: string | null }[] }
const manifest = JSON.parse(readFileSync(join(ROOT, 'data/samples/manifest.json'), 'utf8')) as Manifest;

test('the demo runs the whole job offline: ingest, summaries, a draft issue, exports', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'demo.db');
    const demo = await runDemo({ root: ROOT, configFile: join(ROOT, 'sources.yaml'), db, outDir: dir, log: silentLogger(), now: () => new Date(),
      compose: (config) => compose({ config, env: {}, db: { file: db, mode: 'write' }, summarizer: 'offline' }) });
    await demo.closeSamples();
    const issueTopics = new Set(demo.store.issueEntries(demo.issue.id).map((e) => e.topics[0]));
    demo.store.close();
    const relevant = manifest.articles.filter((a) => a.relevant).length;
    const d = new Database(db, { readonly: true });
    const count = (sql: string) => d.prepare(sql).pluck().get() as number;
    try {
      // The broken feed loses its truncated third item; everything else arrives.
      assert.ok(count('SELECT count(*) FROM items') >= manifest.articles.length - 1);
      assert.ok(count(`SELECT count(*) FROM items WHERE state = 'summarized'`) >= relevant - 2);
      assert.equal(count(`SELECT count(*) FROM items WHERE state = 'failed'`), 0);
      assert.ok(count(`SELECT count(*) FROM items WHERE state = 'irrelevant'`) >= 10);
      // The Shift_JIS page decoded.
      assert.match(d.prepare(`SELECT text FROM items WHERE url LIKE '%keizai-anpo-stockpile%'`).pluck().get() as string, /日米同盟/);
      assert.equal(count(`SELECT count(*) FROM issue_items`), demo.issue.items);
    } finally { d.close(); }
    assert.equal(demo.issue.items, 8);
    const md = readFileSync(join(dir, 'demo-issue.md'), 'utf8');
    assert.match(md, /^# US-Japan Alliance Digest Vol 1\.1/);
    const html = readFileSync(join(dir, 'demo-issue.html'), 'utf8');
    assert.match(html, /<title>US-Japan Alliance Digest Vol 1\.1<\/title>/);
    assert.equal(readFileSync(join(dir, 'demo-issue.docx')).subarray(0, 2).toString(), 'PK', 'a zip (docx)');
    // Every topic of the taxonomy has a story in the issue (one per topic first).
    assert.deepEqual([...issueTopics].sort(), demo.config.topics.map((t) => t.id).sort());
  } finally { cleanup(); }
});

// The folder the command-line demo built (kept for the next test, which starts from a built demo: one demo run less).
let built: { dir: string; cleanup: () => void } | null = null;
after(() => built?.cleanup());

test('npm run demo -- --no-serve works from the command line and is idempotent (in the folder given, not data/)', async () => {
  const { dir, cleanup } = tempDir();
  try {
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['demo', '--no-serve', '--dir', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /draft issue "US-Japan Alliance Digest Vol 1\.1" with 8 stories/);
    }
    assert.ok(existsSync(join(dir, 'demo-issue.md')));
    assert.ok(existsSync(join(dir, 'demo.db')));
    built = { dir, cleanup };
  } finally { if (!built) cleanup(); }
});

test('the demo refuses to rebuild a database another process (a running desk) has open, and leaves it alone', async () => {
  const { dir, cleanup } = built ?? tempDir();
  built = null;
  const db = join(dir, 'demo.db');
  try {
    if (!existsSync(db)) { // this test alone (the one above did not run or failed): build the demo first
      const first = await runCli(['demo', '--no-serve', '--dir', dir]);
      assert.equal(first.code, 0, first.stderr);
    }
    const desk = openStore(db); // what `newsdesk serve` holds while it runs
    try {
      const before = desk.listCards({ review: 'all', limit: 1000 }).cards.length;
      const r = await runCli(['demo', '--no-serve', '--dir', dir]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /demo\.db is open in another newsdesk.*stop the other one first/s);
      assert.equal(desk.listCards({ review: 'all', limit: 1000 }).cards.length, before, 'the open database still has its stories');
    } finally { desk.close(); }
    const again = await runCli(['demo', '--no-serve', '--dir', dir]);
    assert.equal(again.code, 0, 'once the desk is gone the demo rebuilds it');
  } finally { cleanup(); }
});
