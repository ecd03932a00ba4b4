import type { PgPool, PgClient } from './pool.js';

/**
 * What the port implementations query through: the pool (outside a unit of work) or the unit's client. Queries
 * take SQLite-style named parameters (`@name`), turned into `$n` here, so each statement reads like its SQLite twin.
 */
export interface Conn {
  /** Rows of one statement. */
  all<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  /** The first row, if any. */
  one<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T | undefined>;
  /** Rows changed. */
  run(sql: string, params?: Record<string, unknown>): Promise<number>;
  /** Runs `fn` in one transaction (a savepoint inside a unit of work): all of its writes or none. */
  atomic<T>(fn: (c: Conn) => Promise<T>): Promise<T>;
}

/** `@name` → `$n` (each name once), with the values in order. */
export function bind(sql: string, params: Record<string, unknown> = {}): { text: string; values: unknown[] } {
  const names: string[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`SQL parameter @${name} has no value`);
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, values: names.map((n) => params[n]) };
}

function conn(q: PgPool | PgClient, atomic: Conn['atomic']): Conn {
  const exec = async (sql: string, params?: Record<string, unknown>) => {
    const { text, values } = bind(sql, params);
    return q.query(text, values);
  };
  return {
    all: async <T>(sql: string, params?: Record<string, unknown>) => (await exec(sql, params)).rows as T[],
    one: async <T>(sql: string, params?: Record<string, unknown>) => (await exec(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: Record<string, unknown>) => (await exec(sql, params)).rowCount ?? 0,
    atomic,
  };
}

/** PostgreSQL's answers that mean "two transactions collided; run yours again": deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
/** Attempts of a transaction that keeps colliding before its error is passed on. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * A transaction on one client: BEGIN, `fn`, COMMIT; ROLLBACK and rethrow on failure. When PostgreSQL aborts it to
 * break a deadlock with another process (two workers folding the same articles in opposite order), it runs again
 * from the start, after a short random pause: `fn` only reads and writes the database, so a rerun is safe.
 */
export async function transaction<T>(pool: PgPool, fn: (c: Conn) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(clientConn(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    } catch (err) {
      if (!RETRYABLE.has((err as { code?: string }).code ?? '') || attempt >= TRANSACTION_ATTEMPTS) throw err;
    } finally {
      client.release();
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
  }
}

let savepoints = 0;

/** The connection of a transaction already open on `client`: atomic blocks are savepoints. */
export function clientConn(client: PgClient): Conn {
  const self: Conn = conn(client, async (fn) => {
    const sp = `sp_${++savepoints}`;
    await client.query(`SAVEPOINT ${sp}`);
    try {
      const result = await fn(self);
      await client.query(`RELEASE SAVEPOINT ${sp}`);
      return result;
    } catch (err) {
      await client.query(`ROLLBACK TO SAVEPOINT ${sp}`).catch(() => {});
      throw err;
    }
  });
  return self;
}

/** The pool's connection: each statement commits on its own; atomic blocks take a client and a transaction. */
export function poolConn(pool: PgPool): Conn {
  return conn(pool, (fn) => transaction(pool, fn));
}

/** Parses a JSON text column (null and absent stay as `fallback`). */
export function json<T>(v: unknown, fallback: T): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : fallback;
}
