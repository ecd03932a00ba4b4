import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../support/temp-db.js';
import { acquireRunLock, LockedError, STALE_AFTER_MS } from '../../src/jobs/run-lock.js';

test('a second lock on the same database is refused, naming the holder', () => {
  const { store, cleanup } = tempStore();
  try {
    const now = () => new Date('2026-11-20T00:00:00Z');
    const first = acquireRunLock(store, now);
    first.attach(store.createRun('cli', process.pid, now().toISOString()));
    assert.throws(() => acquireRunLock(store, now), (e: unknown) => e instanceof LockedError && /run 1/.test(e.message));
    first.release();
    acquireRunLock(store, now).release();
  } finally { cleanup(); }
});

test('a lock left by a dead process is taken over and its run marked interrupted', () => {
  const { store, cleanup } = tempStore();
  try {
    const now = () => new Date('2026-11-20T00:00:00Z');
    const deadPid = 2 ** 22 + 12345; // above Linux's default pid_max, so never alive
    const ghost = acquireRunLock(store, now, { pid: deadPid });
    const runId = store.createRun('cli', deadPid, now().toISOString());
    ghost.attach(runId);
    const mine = acquireRunLock(store, now);
    assert.equal(mine.tookOverFrom?.pid, deadPid);
    assert.equal(store.getRun(runId)?.outcome, 'interrupted');
    mine.release();
  } finally { cleanup(); }
});

test('a lock whose heartbeat is older than the stale limit is taken over even on another host', () => {
  const { store, cleanup } = tempStore();
  try {
    let t = Date.parse('2026-11-20T00:00:00Z');
    const now = () => new Date(t);
    acquireRunLock(store, now, { hostname: 'elsewhere', pid: 1 });
    assert.throws(() => acquireRunLock(store, now), LockedError);
    t += STALE_AFTER_MS + 1000;
    acquireRunLock(store, now).release();
  } finally { cleanup(); }
});
