import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFixtureServer, staticBody, delayed, type FixtureServer } from '../support/fixture-server.js';
import { tempDir } from '../support/temp-db.js';
import { runCli, runMain, spawnCli } from '../support/cli.js';
import { ARTICLES, articlePage, rssFeed } from '../jobs/site.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const N = 24;
function serveSlowSite(host: string, delayMs: number) {
  const feed = Array.from({ length: N }, (_, i) => ({ a: { ...ARTICLES[i % 3], slug: `k${i}`, title: `${ARTICLES[i % 3].title} part ${i}` }, link: `/k/${i}` }));
  server.route('/f.xml', staticBody(rssFeed(feed), { contentType: 'application/rss+xml' }), host);
  for (let i = 0; i < N; i++) {
    const a = ARTICLES[i % 3];
    server.route(`/k/${i}`, delayed(delayMs, staticBody(articlePage({ ...a, paragraphs: [...a.paragraphs, `This is part ${i} of the series.`] }))), host);
  }
}

function writeConfig(dir: string, host: string, extra = ''): string {
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, `publication: { name: "Test Digest" }
fetch: { allow_private_hosts: true, per_host_delay_ms: 0, per_host_concurrency: 2, concurrency: 2, retries: 0, max_age_days: 0 }
relevance:
  all_of:
    - [Japan, Japanese, Tokyo, Okinawa]
    - [United States, U.S., US, American, Washington]
sources:
  - { id: slow, type: rss, url: "${server.url(host, '/f.xml')}" }
${extra}`);
  return file;
}

const count = (db: string, sql: string) => {
  const d = new Database(db, { readonly: true });
  try { return d.prepare(sql).pluck().get() as number; } finally { d.close(); }
};

test('--json prints only the run report on stdout, with the contract fields', async () => {
  const host = '127.0.3.1';
  serveSlowSite(host, 0);
  const { dir, cleanup } = tempDir();
  try {
    const config = writeConfig(dir, host);
    const db = join(dir, 'n.db');
    const r = await runCli(['ingest', '--config', config, '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    for (const k of ['run_id', 'started_at', 'finished_at', 'sources', 'items']) assert.ok(k in report, k);
    assert.deepEqual(Object.keys(report.sources[0]).filter((k) => k !== 'ms'),
      ['id', 'ok', 'error', 'not_modified', 'discovered', 'new', 'known', 'failed']);
    for (const k of ['new', 'extracted', 'irrelevant', 'failed']) assert.equal(typeof report.items[k], 'number');
    assert.equal(report.items.new, N);

    // The read commands run in this process (their output, not the process, is under test here).
    const items = await runMain(['items', '--db', db, '--json', '--limit', '3']);
    const list = JSON.parse(items.stdout);
    assert.equal(list.length, 3);
    for (const k of ['id', 'url', 'canonical_url', 'source_ids', 'title', 'byline', 'published_at', 'fetched_at', 'lang', 'state',
      'review', 'relevance', 'relevance_terms', 'text_from', 'error', 'headline', 'bullet', 'topics', 'topic_confidence',
      'summarizer', 'prompt_version', 'unsupported']) assert.ok(k in list[0], `items --json lacks ${k}`);
    assert.equal(list[0].state, 'summarized', 'ingest drafts summaries at the end of the run (offline by default)');
    assert.equal(list[0].summarizer, 'offline');
    assert.ok(list[0].headline && list[0].bullet);
    const full = JSON.parse((await runMain(['items', '--db', db, '--json', '--full', '--limit', '1'])).stdout);
    assert.ok(full[0].text.length > 100);

    const sources = JSON.parse((await runMain(['sources', '--config', config, '--db', db, '--json'])).stdout);
    assert.deepEqual(Object.keys(sources[0]), ['id', 'name', 'type', 'url', 'enabled', 'last_attempt_at', 'last_ok_at',
      'last_error', 'consecutive_failures', 'items_total']);
    assert.equal(sources[0].items_total, N);

    const table = await runCli(['ingest', '--config', config, '--db', db]);
    assert.equal(table.stdout, '', 'without --json nothing goes to stdout');
    assert.match(table.stderr, /slow\s+ok\s+0\s+24/);
  } finally { cleanup(); }
});

test('a run killed mid-way loses nothing: the rerun finishes the rest, with no duplicates', async () => {
  const host = '127.0.3.2';
  serveSlowSite(host, 150);
  const { dir, cleanup } = tempDir();
  try {
    const config = writeConfig(dir, host);
    const db = join(dir, 'n.db');
    const child = spawnCli(['ingest', '--config', config, '--db', db]);
    // Wait until some, not all, items are extracted, then kill without warning.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const done = existsSync(db) ? (() => { try { return count(db, `SELECT count(*) FROM items WHERE state != 'discovered'`); } catch { return 0; } })() : 0;
      if (done >= 3) break;
      if (Date.now() > deadline) throw new Error('the run never got going');
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const extractedBefore = count(db, `SELECT count(*) FROM items WHERE state != 'discovered'`);
    assert.ok(extractedBefore < N, `killed too late (${extractedBefore} done)`);

    // The rerun is in this process: what it finds and finishes is under test, not how it starts.
    const rerun = await runMain(['ingest', '--config', config, '--db', db, '--json']);
    assert.equal(rerun.code, 0, rerun.stderr);
    const report = JSON.parse(rerun.stdout);
    assert.equal(count(db, 'SELECT count(*) FROM items'), N, 'no lost items, no duplicates');
    assert.equal(count(db, `SELECT count(*) FROM items WHERE state = 'summarized'`), N, 'every item extracted and summarized');
    assert.equal(count(db, `SELECT count(*) FROM item_sources`), N);
    assert.equal(count(db, `SELECT count(*) FROM runs WHERE outcome = 'interrupted'`), 1, 'the killed run is marked interrupted');
    assert.ok(report.items.retried + report.items.new >= N - extractedBefore);
  } finally { cleanup(); }
});

test('two runs on one database at once: the second exits with code 3 and names the holder', async () => {
  const host = '127.0.3.3';
  // Slow enough that the first run is still going however long the second takes to start on a busy machine.
  serveSlowSite(host, 2000);
  const { dir, cleanup } = tempDir();
  try {
    const config = writeConfig(dir, host);
    const db = join(dir, 'n.db');
    const first = spawnCli(['ingest', '--config', config, '--db', db]);
    const firstDone = new Promise<number | null>((r) => first.on('close', r));
    const deadline = Date.now() + 20_000;
    while (!(existsSync(db) && (() => { try { return count(db, 'SELECT count(*) FROM run_lock'); } catch { return 0; } })())) {
      if (Date.now() > deadline) throw new Error('first run never took the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await runCli(['ingest', '--config', config, '--db', db]);
    assert.equal(second.code, 3, second.stderr);
    assert.match(second.stderr, /another newsdesk run is using this database: run 1 \(process \d+/);
    first.kill('SIGTERM');
    assert.equal(await firstDone, 143, 'SIGTERM stops the first run cleanly, exiting 128 + 15');
    assert.equal(count(db, 'SELECT count(*) FROM run_lock'), 0, 'lock released');
    assert.equal(count(db, `SELECT outcome FROM runs WHERE id = 1`) as unknown, 'interrupted');
  } finally { cleanup(); }
});

test('invalid configs exit 2 with file, line and key, and write nothing', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'never.db');
    const cases: [string, RegExp][] = [
      ['publication: { name: "x" }\nsources:\n  - { id: a, type: rss, url: "https://x.org/f", colour: red }\n', /sources\.yaml:3.*colour/],
      ['publication: { name: "x" }\nfetch:\n  concurrency: lots\nsources:\n  - { id: a, type: rss, url: "https://x.org/f" }\n', /sources\.yaml:3.*fetch\.concurrency/],
      ['publication: { name: "x" }\nsources:\n  - { id: a, type: html, url: "https://x.org/" }\n', /link_selector/],
      ['publication: { name: "x"\nsources: []\n', /sources\.yaml:\d+/],
    ];
    // In this process (main's exit code); the last two cases run the CLI as a process, exit code and all.
    for (const [yaml, pattern] of cases) {
      const file = join(dir, 'sources.yaml');
      writeFileSync(file, yaml);
      const r = await runMain(['ingest', '--config', file, '--db', db]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
      assert.equal(existsSync(db), false, 'nothing written');
    }
    const missing = await runMain(['ingest', '--config', join(dir, 'nope.yaml'), '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /file not found/);
    const badSource = await runCli(['ingest', '--config', writeConfig(dir, '127.0.3.9'), '--db', db, '--source', 'nosuch']);
    assert.equal(badSource.code, 2);
    assert.match(badSource.stderr, /unknown source id "nosuch".*slow/);
    const unknownCommand = await runCli(['frobnicate']);
    assert.equal(unknownCommand.code, 2);
  } finally { cleanup(); }
});
