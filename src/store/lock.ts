import type { Db } from './db.js';

/** Who holds the run lock. */
export interface LockHolder {
  run_id: number | null;
  pid: number;
  hostname: string;
  acquired_at: string;
  heartbeat_at: string;
}

/** Result of trying to take the lock. */
export type LockAttempt = { ok: true; tookOverFrom: LockHolder | null } | { ok: false; holder: LockHolder };

/** The single-row run lock that keeps two runs off one database. */
export function lockQueries(db: Db) {
  const get = db.prepare(`SELECT run_id, pid, hostname, acquired_at, heartbeat_at FROM run_lock WHERE id = 1`);
  const put = db.prepare(`INSERT OR REPLACE INTO run_lock (id, run_id, pid, hostname, acquired_at, heartbeat_at)
    VALUES (1, @run_id, @pid, @hostname, @now, @now)`);
  const beat = db.prepare(`UPDATE run_lock SET heartbeat_at = @now WHERE id = 1 AND pid = @pid AND hostname = @hostname`);
  const setRun = db.prepare(`UPDATE run_lock SET run_id = @run_id WHERE id = 1 AND pid = @pid AND hostname = @hostname`);
  const drop = db.prepare(`DELETE FROM run_lock WHERE id = 1 AND pid = @pid AND hostname = @hostname`);
  const interrupt = db.prepare(`UPDATE runs SET outcome = 'interrupted', finished_at = coalesce(finished_at, @now),
    error = coalesce(error, 'the process stopped before the run finished (killed or crashed)') WHERE id = @run_id AND outcome = 'running'`);

  return {
    /**
     * Takes the lock in one immediate transaction. A holder is stale when `isStale` says so
     * (its process is gone, or its heartbeat is old); a stale lock is taken over and its run marked interrupted.
     */
    acquireLock(me: { pid: number; hostname: string; run_id: number | null }, now: string,
      isStale: (holder: LockHolder) => boolean): LockAttempt {
      return db.transaction((): LockAttempt => {
        const holder = get.get() as LockHolder | undefined;
        if (holder && !isStale(holder)) return { ok: false, holder };
        if (holder?.run_id != null) interrupt.run({ run_id: holder.run_id, now });
        put.run({ ...me, now });
        return { ok: true, tookOverFrom: holder ?? null };
      }).immediate();
    },
    /** Records which run holds the lock. */
    setLockRun(me: { pid: number; hostname: string }, runId: number): void {
      setRun.run({ ...me, run_id: runId });
    },
    /** Refreshes the holder's heartbeat. */
    heartbeat(me: { pid: number; hostname: string }, now: string): void {
      beat.run({ ...me, now });
    },
    /** Releases the lock if we hold it. */
    releaseLock(me: { pid: number; hostname: string }): void {
      drop.run(me);
    },
    /** The current holder, if any. */
    lockHolder(): LockHolder | undefined {
      return get.get() as LockHolder | undefined;
    },
  };
}
