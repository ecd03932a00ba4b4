import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePg, freshSchema } from '../../support/pg.js';
import { bind, transaction } from '../../../src/store/postgres/conn.js';
import { createPool } from '../../../src/store/postgres/pool.js';
import { openPgPool } from '../../../src/store/postgres/db.js';

test('named parameters become positional, each name once, and a missing one is named', () => {
  assert.deepEqual(bind('SELECT @a, @b, @a', { a: 1, b: 'x' }), { text: 'SELECT $1, $2, $1', values: [1, 'x'] });
  assert.throws(() => bind('SELECT @nope', {}), /@nope has no value/);
});

describePg('PostgreSQL transactions', (db) => {
  test('two transactions that deadlock both commit: the one PostgreSQL aborts runs again', async () => {
    const schema = await freshSchema(db.url);
    const pool = createPool(schema.url, { max: 4 });
    try {
      await pool.query('CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL)');
      await pool.query('INSERT INTO t VALUES (1, 0), (2, 0)');
      let arrived = 0;
      let release!: () => void;
      const bothHoldOne = new Promise<void>((r) => { release = r; });
      let runs = 0;
      // Each locks one row, waits until the other holds its row, then wants the other's: a deadlock, every time.
      const tx = (first: number, second: number) => transaction(pool, async (c) => {
        runs++;
        await c.run('UPDATE t SET n = n + 1 WHERE id = @id', { id: first });
        if (++arrived === 2) release();
        await bothHoldOne;
        await c.run('UPDATE t SET n = n + 1 WHERE id = @id', { id: second });
      });
      await Promise.all([tx(1, 2), tx(2, 1)]);
      assert.equal(runs, 3, 'one of the two ran a second time');
      assert.deepEqual((await pool.query('SELECT n FROM t ORDER BY id')).rows.map((r) => r.n), [2, 2]);
    } finally {
      await pool.end();
      await schema.drop();
    }
  });

  test('a URL without a password takes it from PGPASSWORD', async () => {
    const u = new URL(db.url);
    const password = decodeURIComponent(u.password);
    u.password = '';
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = password;
    try {
      const pool = await openPgPool(u.toString(), { migrate: false });
      await pool.end();
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD; else process.env.PGPASSWORD = saved;
    }
  });
});
