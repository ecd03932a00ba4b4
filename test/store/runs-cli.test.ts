// Two `ingest` processes on one fresh database, and signals during `ingest` and `summarize`: exit codes,
// the runs table and the run lock as the next run finds them.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startFixtureServer, staticBody, type FixtureServer, type RouteHandler } from '../support/fixture-server.js';
import { startFakeOpenAI, completion, type FakeOpenAI } from '../support/fake-openai.js';
import { tempDir } from '../support/temp-db.js';
import { runMain, spawnCli, ROOT, NODE_ARGS, programFile } from '../support/cli.js';
import { ARTICLES, articlePage, rssFeed } from '../jobs/site.js';

const TOGETHER = fileURLToPath(new URL('./start-together.mjs', import.meta.url));

/** CLI processes that load first and then start the command at one moment (when `go()` is called). */
async function startTogether(n: number, args: string[]) {
  const children = Array.from({ length: n }, () => spawn(process.execPath, [...NODE_ARGS, '--import', TOGETHER, programFile('cli.js'), ...args],
    { cwd: ROOT, env: { ...process.env, NEWSDESK_LOG_LEVEL: 'warn', TOGETHER_PRELOAD: programFile('cli/ingest.js') }, stdio: ['pipe', 'pipe', 'pipe'] }));
  await Promise.all(children.map((c) => new Promise((r) => c.stdout!.once('data', r))));
  for (const c of children) c.stdin!.write('go\n');
  return children;
}

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

/** A handler that holds every request until `open()` is called; `arrived` resolves at the first request. */
function gate(handler: RouteHandler) {
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  let arrive!: () => void;
  const arrived = new Promise<void>((r) => { arrive = r; });
  const route: RouteHandler = async (req, res, ctx) => { arrive(); await opened; return handler(req, res, ctx); };
  return { route, open, arrived };
}

function serveSite(host: string, feedRoute?: RouteHandler) {
  const feed = ARTICLES.slice(0, 3).map((a, i) => ({ a, link: `/a/${i}` }));
  server.route('/f.xml', feedRoute ?? staticBody(rssFeed(feed), { contentType: 'application/rss+xml' }), host);
  ARTICLES.slice(0, 3).forEach((a, i) => server.route(`/a/${i}`, staticBody(articlePage(a)), host));
  return staticBody(rssFeed(feed), { contentType: 'application/rss+xml' });
}

function writeConfig(dir: string, host: string): string {
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, `publication: { name: "Test Digest" }
fetch: { allow_private_hosts: true, per_host_delay_ms: 0, retries: 0, max_age_days: 0, timeout_ms: 60000 }
relevance:
  all_of:
    - [Japan, Japanese, Tokyo, Okinawa]
    - [United States, U.S., US, American, Washington]
sources:
  - { id: site, type: rss, url: "${server.url(host, '/f.xml')}" }
`);
  return file;
}

const query = (db: string, sql: string) => {
  const d = new Database(db, { readonly: true });
  try { return d.prepare(sql).pluck().get(); } finally { d.close(); }
};

function watch(child: ChildProcess) {
  let stderr = '';
  child.stderr!.on('data', (c) => { stderr += c; });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  return { done, stderr: () => stderr };
}

test('ingests started together on a fresh database: one exits 0, the others 3, every time', async () => {
  const host = '127.0.12.1';
  const { dir, cleanup } = tempDir();
  try {
    const config = writeConfig(dir, host);
    for (let round = 0; round < 5; round++) {
      const g = gate(serveSite(host));
      serveSite(host, g.route);
      const db = join(dir, `fresh-${round}.db`);
      const runs = (await startTogether(4, ['ingest', '--config', config, '--db', db])).map(watch);
      // The feed is held, so whichever run took the lock is still going until the other three have finished.
      let finished = 0;
      await new Promise<void>((resolve) => { for (const r of runs) void r.done.then(() => { if (++finished === runs.length - 1) resolve(); }); });
      g.open();
      const codes = (await Promise.all(runs.map((r) => r.done))).map((r) => r.code);
      assert.deepEqual([...codes].sort(), [0, 3, 3, 3], `round ${round}: ${runs.map((r) => r.stderr()).join('\n')}`);
      for (const r of runs) if (/another newsdesk run/.test(r.stderr())) assert.match(r.stderr(), /another newsdesk run is using this database/);
    }
  } finally { cleanup(); }
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} during ingest exits ${code}, marks the run interrupted and releases the lock`, async () => {
    const host = signal === 'SIGINT' ? '127.0.12.2' : '127.0.12.3';
    const { dir, cleanup } = tempDir();
    try {
      const config = writeConfig(dir, host);
      const g = gate(serveSite(host));
      serveSite(host, g.route);
      const db = join(dir, 'n.db');
      const child = spawnCli(['ingest', '--config', config, '--db', db]);
      const run = watch(child);
      await g.arrived; // mid-way: the run holds the lock and waits for the feed
      child.kill(signal);
      g.open();
      const r = await run.done;
      assert.equal(r.code, code, run.stderr());
      assert.equal(query(db, 'SELECT outcome FROM runs ORDER BY id DESC LIMIT 1'), 'interrupted');
      assert.equal(query(db, 'SELECT count(*) FROM run_lock'), 0, 'lock released');
      // The next run in this process: what it finds (no lock left) is under test, not how it starts.
      const next = await runMain(['ingest', '--config', config, '--db', db]);
      assert.equal(next.code, 0, next.stderr);
    } finally { cleanup(); }
  });
}

test('SIGINT during summarize exits 130, marks the run interrupted and releases the lock', async () => {
  const host = '127.0.12.4';
  let release!: () => void;
  const released = new Promise<void>((r) => { release = r; });
  let arrive!: () => void;
  const arrived = new Promise<void>((r) => { arrive = r; });
  const llm: FakeOpenAI = await startFakeOpenAI({ handler: async () => {
    arrive();
    await released;
    return completion(JSON.stringify({ headline: 'Coast guards rehearse', bullet: 'Japan and the US rehearsed a rescue.', topics: [] }));
  } });
  const { dir, cleanup } = tempDir();
  try {
    serveSite(host);
    const config = writeConfig(dir, host);
    const db = join(dir, 'n.db');
    // Setup and the next run in this process; the summarize run is the process under test.
    const ingest = await runMain(['ingest', '--config', config, '--db', db, '--no-summarize']);
    assert.equal(ingest.code, 0, ingest.stderr);
    const env = { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'test-key' };
    const child = spawnCli(['summarize', '--config', config, '--db', db, '--summarizer', 'llm'], env);
    const run = watch(child);
    await arrived;
    child.kill('SIGINT');
    release();
    const r = await run.done;
    assert.equal(r.code, 130, `${r.signal ?? ''} ${run.stderr()}`);
    assert.equal(query(db, `SELECT outcome FROM runs WHERE trigger = 'summarize' ORDER BY id DESC LIMIT 1`), 'interrupted');
    assert.equal(query(db, 'SELECT count(*) FROM run_lock'), 0, 'lock released');
    const next = await runMain(['ingest', '--config', config, '--db', db, '--no-summarize']);
    assert.equal(next.code, 0, next.stderr);
  } finally {
    release();
    await llm.close();
    cleanup();
  }
});
