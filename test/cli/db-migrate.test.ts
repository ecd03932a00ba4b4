// `newsdesk db migrate` on both backends: a fresh database gets the whole schema, a second run applies nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../support/cli.js';
import { describePg } from '../support/pg.js';

const SQLITE_MIGRATIONS = readdirSync(new URL('../../src/store/migrations/', import.meta.url)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).length;

test('db migrate creates and migrates an SQLite file, then finds nothing to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-db-migrate-'));
  try {
    const file = join(dir, 'desk.db');
    const env = { NEWSDESK_DATABASE_URL: undefined };
    const first = await runMain(['db', 'migrate', '--db', file, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { backend: 'sqlite', database: file, applied: SQLITE_MIGRATIONS, version: SQLITE_MIGRATIONS, created: true });
    const again = await runMain(['db', 'migrate', '--db', file], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /schema already up to date/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db without "migrate", or with a URL that is not PostgreSQL, is a usage error that says what to write', async () => {
  const none = await runMain(['db'], {});
  assert.equal(none.code, 2);
  assert.match(none.stderr, /newsdesk db migrate/);
  const bad = await runMain(['db', 'migrate', '--database-url', 'mysql://x@localhost/db'], {});
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /not a PostgreSQL URL; write postgres:\/\//);
});

describePg('db migrate on PostgreSQL', (db) => {
  test('from NEWSDESK_DATABASE_URL: applies the schema once, then nothing', async () => {
    const first = await runMain(['db', 'migrate', '--json'], { NEWSDESK_DATABASE_URL: db.url });
    assert.equal(first.code, 0, first.stderr);
    const r = JSON.parse(first.stdout);
    assert.equal(r.backend, 'postgres');
    assert.ok(r.applied >= 1, `applied ${r.applied}`);
    const password = new URL(db.url).password;
    if (password) assert.ok(!first.stdout.includes(`:${password}@`), 'no password in the output');
    const again = await runMain(['db', 'migrate', '--database-url', db.url, '--json'], {});
    assert.equal(JSON.parse(again.stdout).applied, 0);
  });
});
