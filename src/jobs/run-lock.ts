import { hostname as osHostname } from 'node:os';
import type { Store, LockHolder } from '../store/index.js';

/** Another run holds the database; the CLI exits with code 3. */
export class LockedError extends Error {
  constructor(readonly holder: LockHolder) {
    super(`another newsdesk run is using this database: run ${holder.run_id ?? '?'} (process ${holder.pid} on ` +
      `${holder.hostname}, started ${holder.acquired_at}, last seen ${holder.heartbeat_at}). ` +
      'Wait for it to finish; a lock left by a killed process is taken over automatically.');
    this.name = 'LockedError';
  }
}

/** A held lock: keeps its heartbeat fresh until released. */
export interface RunLock {
  tookOverFrom: LockHolder | null;
  attach(runId: number): void;
  release(): void;
}

/** A lock whose heartbeat is older than this is considered abandoned even if its pid looks alive. */
export const STALE_AFTER_MS = 10 * 60_000;
const HEARTBEAT_MS = 30_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the database's run lock or throws LockedError naming the holder. */
export function acquireRunLock(store: Store, now: () => Date, opts: { pid?: number; hostname?: string } = {}): RunLock {
  const me = { pid: opts.pid ?? process.pid, hostname: opts.hostname ?? osHostname() };
  const isStale = (h: LockHolder) => {
    if (h.hostname === me.hostname && !processAlive(h.pid)) return true;
    return now().getTime() - Date.parse(h.heartbeat_at) > STALE_AFTER_MS;
  };
  const got = store.acquireLock({ ...me, run_id: null }, now().toISOString(), isStale);
  if (!got.ok) throw new LockedError(got.holder);
  const timer = setInterval(() => store.heartbeat(me, now().toISOString()), HEARTBEAT_MS);
  timer.unref();
  return {
    tookOverFrom: got.tookOverFrom,
    attach: (runId) => store.setLockRun(me, runId),
    release: () => {
      clearInterval(timer);
      store.releaseLock(me);
    },
  };
}
