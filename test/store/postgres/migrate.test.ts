import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePg, freshDatabase } from '../../support/pg.js';
import { createPool } from '../../../src/store/postgres/pool.js';
import { migrate, migrationFiles, schemaVersion } from '../../../src/store/postgres/migrate.js';
import { openPgPool } from '../../../src/store/postgres/db.js';
import { migratePostgres } from '../../../src/store/postgres/index.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./open-child.ts', import.meta.url));

/** Starts `n` processes that each migrate `url` at the same moment; their outputs. */
async function startTogether(n: number, url: string): Promise<string[]> {
  const kids = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', CHILD, url], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outs = kids.map((k) => {
    let out = '';
    k.stdout.on('data', (d) => { out += d; });
    return { ready: new Promise<void>((r) => k.stdout.on('data', () => { if (out.includes('ready')) r(); })),
      done: new Promise<string>((r, j) => k.on('exit', (code) => (code === 0 ? r(out) : j(new Error(`child exited ${code}: ${out}`))))) };
  });
  await Promise.all(outs.map((o) => o.ready));
  for (const k of kids) k.stdin.write('go\n');
  return Promise.all(outs.map((o) => o.done));
}

describePg('PostgreSQL migrations and opening', (db) => {
  test('a fresh database gets every table, and each migration is recorded once', async () => {
    const pool = createPool(db.url);
    try {
      assert.equal(await schemaVersion(pool), 0);
      const applied = await migrate(pool);
      assert.equal(applied, migrationFiles().length);
      assert.equal(await migrate(pool), 0, 'a second run applies nothing');
      const latest = Math.max(...migrationFiles().map((m) => m.version));
      assert.equal(await schemaVersion(pool), latest);
      const tables = (await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename);
      for (const t of ['sources', 'items', 'item_urls', 'item_sources', 'runs', 'run_lock', 'stories', 'summaries', 'summary_cache',
        'llm_calls', 'items_fts', 'issues', 'issue_items', 'story_features', 'story_keys', 'story_df', 'item_embeddings',
        'review_decisions', 'learn_features', 'learn_adjustments', 'story_merges']) assert.ok(tables.includes(t), `table ${t}`);
      const gin = (await pool.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'items_fts_doc'`)).rows[0]?.indexdef;
      assert.match(gin, /USING gin/);
    } finally {
      await pool.end();
    }
  });

  test('six connections migrating a fresh database at once: all succeed, the schema is built once', async () => {
    const fresh = await freshDatabase();
    const pools = Array.from({ length: 6 }, () => createPool(fresh.url, { max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      assert.equal(applied.reduce((a, b) => a + b, 0), migrationFiles().length, `applied per connection: ${applied}`);
      const rows = (await pools[0].query('SELECT version, count(*) AS n FROM newsdesk_migrations GROUP BY version')).rows;
      assert.ok(rows.every((r) => r.n === 1));
      assert.equal(rows.length, migrationFiles().length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await fresh.drop();
    }
  });

  test('three processes opening a fresh database at the same moment: one migrates, the others find it done', async () => {
    const fresh = await freshDatabase();
    try {
      const outs = await startTogether(3, fresh.url);
      const applied = outs.map((o) => Number(/applied (\d+)/.exec(o)?.[1]));
      assert.deepEqual(applied.sort(), [0, 0, migrationFiles().length], outs.join(' | '));
    } finally {
      await fresh.drop();
    }
  });

  test('migratePostgres (newsdesk db migrate) applies what is pending, then nothing', async () => {
    const fresh = await freshDatabase();
    try {
      assert.deepEqual(await migratePostgres(fresh.url), { applied: migrationFiles().length });
      assert.deepEqual(await migratePostgres(fresh.url), { applied: 0 });
    } finally {
      await fresh.drop();
    }
  });

  test('a server that does not answer is named, with how to start one', async () => {
    const u = new URL(db.url);
    u.port = '1';
    await assert.rejects(openPgPool(u.toString()), (err: Error) => {
      assert.equal(err.name, 'PgOpenError');
      assert.match(err.message, /no PostgreSQL server answers at postgres:\/\/.*:1\/.*pg_ctlcluster/);
      assert.doesNotMatch(err.message, new RegExp(`:${decodeURIComponent(new URL(db.url).password) || 'x'}@`), 'password masked');
      return true;
    });
  });
  test('a wrong password says to check the user and password', async () => {
    const u = new URL(db.url);
    u.password = 'not-the-password';
    await assert.rejects(openPgPool(u.toString()), /refused the login.*check the user and password/);
  });
  test('a missing database says to create it', async () => {
    const u = new URL(db.url);
    u.pathname = '/newsdesk_no_such_database';
    await assert.rejects(openPgPool(u.toString()), /does not exist: create it/);
  });
});
