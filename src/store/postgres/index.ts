import { openPgPool } from './db.js';
import { migrate } from './migrate.js';
import { explainPgError } from './pool.js';
import { clientConn, poolConn, type Conn } from './conn.js';
import { pgSources } from './sources.js';
import { pgItems } from './items.js';
import { pgRuns } from './runs.js';
import { pgStories } from './stories.js';
import { pgSummaries } from './summaries.js';
import { pgReview } from './review.js';
import { pgIssues } from './issues.js';
import { pgLlm } from './llm.js';
import { pgLearn } from './learn.js';
import { pgEmbeddings } from './embeddings.js';
import type { AggregatePorts, PortsHandle } from '../ports.js';
import type { PgPool } from './pool.js';

export { isPostgresUrl } from './db.js';
export { schemaVersion } from './migrate.js';
export { PgOpenError, safeUrl } from './pool.js';

function aggregate(c: Conn): AggregatePorts {
  return {
    sources: pgSources(c), items: pgItems(c), runs: pgRuns(c), stories: pgStories(c), summaries: pgSummaries(c),
    review: pgReview(c), issues: pgIssues(c), llm: pgLlm(c), learn: pgLearn(c), embeddings: pgEmbeddings(c),
  };
}

/** The ports on an open pool (migrated already). */
export function postgresPorts(pool: PgPool): PortsHandle {
  const ports = {
    ...aggregate(poolConn(pool)),
    backend: 'postgres',
    unitOfWork: {
      async run<T>(fn: (p: AggregatePorts) => Promise<T>): Promise<T> {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          try {
            const result = await fn(aggregate(clientConn(client)));
            await client.query('COMMIT');
            return result;
          } catch (err) {
            await client.query('ROLLBACK').catch(() => {});
            throw err;
          }
        } finally {
          client.release();
        }
      },
    },
  };
  return { ports, close: () => pool.end() };
}

/**
 * Opens the PostgreSQL database at `url` (postgres://…; the password may come from PGPASSWORD), migrates it (once,
 * even when several processes start together) and returns its ports.
 */
export async function openPostgresPorts(url: string, opts: { max?: number } = {}): Promise<PortsHandle> {
  return postgresPorts(await openPgPool(url, opts));
}

/** Applies pending migrations to the database at `url` (`newsdesk db migrate`); returns how many it applied. */
export async function migratePostgres(url: string): Promise<{ applied: number }> {
  const pool = await openPgPool(url, { max: 1, migrate: false });
  try {
    return { applied: await migrate(pool) };
  } catch (err) {
    throw explainPgError(url, err);
  } finally {
    await pool.end();
  }
}
