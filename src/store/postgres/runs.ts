import { json, type Conn } from './conn.js';
import type { RunsPort, RunRow, RunWithCost, LockHolder, LockAttempt } from '../ports.js';

const decode = <R extends { counts: unknown }>(r: R) => ({ ...r, counts: json(r.counts, null) });
const HOLDER = `SELECT run_id, pid, hostname, acquired_at, heartbeat_at FROM run_lock WHERE id = 1`;

/** Runs and the run lock on PostgreSQL. */
export function pgRuns(db: Conn): RunsPort {
  return {
    async createRun(trigger, pid, now) {
      return (await db.one<{ id: number }>(`INSERT INTO runs (started_at, trigger, pid) VALUES (@now, @trigger, @pid) RETURNING id`,
        { now, trigger, pid }))!.id;
    },
    async saveRunProgress(id, counts) {
      await db.run(`UPDATE runs SET counts = @counts WHERE id = @id`, { id, counts: JSON.stringify(counts) });
    },
    async finishRun(id, outcome, counts, error, now) {
      await db.run(`UPDATE runs SET finished_at = @now, outcome = @outcome, counts = @counts, error = @error WHERE id = @id`,
        { id, outcome, counts: JSON.stringify(counts), error, now });
    },
    async listRuns(limit = 50) {
      return (await db.all<RunRow>(`SELECT * FROM runs ORDER BY id DESC LIMIT @limit`, { limit })).map(decode);
    },
    async getRun(id) {
      const r = await db.one<RunRow>(`SELECT * FROM runs WHERE id = @id`, { id });
      return r && decode(r);
    },
    async listRunsWithCost(limit, offset = 0) {
      return (await db.all<RunWithCost>(`SELECT r.*,
          (SELECT count(*) FROM llm_calls l WHERE l.run_id = r.id) AS llm_calls,
          (SELECT coalesce(sum(tokens_in), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_in,
          (SELECT coalesce(sum(tokens_out), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_out,
          (SELECT coalesce(sum(cost_usd), 0) FROM llm_calls l WHERE l.run_id = r.id) AS cost_usd
        FROM runs r ORDER BY r.id DESC LIMIT @limit OFFSET @offset`, { limit, offset })).map(decode);
    },
    async countRuns() {
      return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM runs`))!.n;
    },
    acquireLock(me, now, isStale) {
      // One transaction holding the lock row (or, while there is none, a transaction-scoped advisory lock), so two
      // processes deciding at once are served one after the other: the second sees the first's row.
      return db.atomic(async (c): Promise<LockAttempt> => {
        await c.run(`SELECT pg_advisory_xact_lock(7214003016)`);
        const holder = await c.one<LockHolder>(`${HOLDER} FOR UPDATE`);
        if (holder && !isStale(holder)) return { ok: false, holder };
        if (holder?.run_id != null) {
          await c.run(`UPDATE runs SET outcome = 'interrupted', finished_at = coalesce(finished_at, @now),
            error = coalesce(error, 'the process stopped before the run finished (killed or crashed)')
            WHERE id = @run_id AND outcome = 'running'`, { run_id: holder.run_id, now });
        }
        await c.run(`INSERT INTO run_lock (id, run_id, pid, hostname, acquired_at, heartbeat_at) VALUES (1, @run_id, @pid, @hostname, @now, @now)
          ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, pid = excluded.pid, hostname = excluded.hostname,
            acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
        { run_id: me.run_id, pid: me.pid, hostname: me.hostname, now });
        return { ok: true, tookOverFrom: holder ?? null };
      });
    },
    async setLockRun(me, runId) {
      await db.run(`UPDATE run_lock SET run_id = @run_id WHERE id = 1 AND pid = @pid AND hostname = @hostname`,
        { run_id: runId, pid: me.pid, hostname: me.hostname });
    },
    async heartbeat(me, now) {
      await db.run(`UPDATE run_lock SET heartbeat_at = @now WHERE id = 1 AND pid = @pid AND hostname = @hostname`,
        { now, pid: me.pid, hostname: me.hostname });
    },
    async releaseLock(me) {
      await db.run(`DELETE FROM run_lock WHERE id = 1 AND pid = @pid AND hostname = @hostname`, { pid: me.pid, hostname: me.hostname });
    },
    lockHolder: () => db.one<LockHolder>(HOLDER),
  };
}
