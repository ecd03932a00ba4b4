import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePg, freshDatabase } from '../../support/pg.js';
import { createPool } from '../../../src/store/postgres/pool.js';
import { migrate, migrationFiles, schemaVersion } from '../../../src/store/postgres/migrate.js';
import { openPgPool } from '../../../src/store/postgres/db.js';

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
