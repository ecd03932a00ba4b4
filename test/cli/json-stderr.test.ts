import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { tempDir } from '../support/temp-db.js';
import { runMain } from '../support/cli.js';
import { ARTICLES, articlePage, rssFeed } from '../jobs/site.js';

const cli = (args: string[]) => runMain(args, { ...process.env, NEWSDESK_LOG_LEVEL: 'info' });

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

/** Every non-empty stderr line is one JSON object with a level and a message. */
function assertJsonLines(stderr: string): { level: string; msg: string }[] {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  assert.ok(lines.length > 0, 'expected something on stderr');
  return lines.map((l) => {
    let v: unknown;
    assert.doesNotThrow(() => { v = JSON.parse(l); }, `not a JSON line: ${JSON.stringify(l)}`);
    assert.equal(typeof v, 'object');
    const o = v as { level: unknown; msg: unknown };
    assert.ok(o.level !== undefined && typeof o.msg === 'string', `JSON line without level/msg: ${l}`);
    return o as { level: string; msg: string };
  });
}

test('with --json and stderr redirected, progress, summary and errors on stderr are JSON lines', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const host = '127.0.0.9';
    server.route('/f.xml', staticBody(rssFeed([{ a: ARTICLES[0], link: '/a/1' }]), { contentType: 'application/rss+xml' }), host);
    server.route('/a/1', staticBody(articlePage(ARTICLES[0])), host);
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, `publication: { name: "Test Digest" }
fetch: { allow_private_hosts: true, per_host_delay_ms: 0, retries: 0, max_age_days: 0 }
sources:
  - { id: good, type: rss, url: "${server.url(host, '/f.xml')}" }
  - { id: gone, type: rss, url: "${server.url(host, '/missing.xml')}" }
`);
    const db = join(dir, 'n.db');
    const run = await cli(['ingest', '--config', config, '--db', db, '--json']);
    assert.equal(run.code, 0, run.stderr);
    JSON.parse(run.stdout);
    const lines = assertJsonLines(run.stderr);
    assert.ok(lines.some((l) => /source gone: FAILED/.test(l.msg)), run.stderr);

    const bad = await cli(['export', '--issue', '9.9', '--config', config, '--db', db, '--json']);
    assert.equal(bad.code, 2);
    const errs = assertJsonLines(bad.stderr);
    assert.ok(errs.some((l) => l.level === 'error' && /9\.9/.test(l.msg)), bad.stderr);

    const plain = await cli(['export', '--issue', '9.9', '--config', config, '--db', db]);
    assert.match(plain.stderr, /^newsdesk export: /, 'without --json, stderr stays plain text');
  } finally { cleanup(); }
});
