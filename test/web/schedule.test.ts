import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createIngestRunner, startSchedule, otherHolder } from '../../src/jobs/schedule.js';
import { runIngest, type IngestDeps, type IngestReport } from '../../src/jobs/ingest.js';
import { acquireRunLock } from '../../src/jobs/run-lock.js';
import { createLogger, silentLogger } from '../../src/jobs/log.js';
import { configSchema } from '../../src/config/schema.js';
import { tempStore } from '../support/temp-db.js';
import { compose } from '../../src/app/compose.js';
import { deskConfig } from './helpers.js';

/** An ingest that holds the real lock (as runIngest does) and finishes only when told to, or when aborted. */
function slowIngest() {
  let finish: () => void = () => {};
  let aborted = false;
  const fn = (async (deps: IngestDeps, opts: { trigger: string }): Promise<IngestReport> => {
    const lock = acquireRunLock(deps.store, deps.now);
    const id = deps.store.createRun(opts.trigger, process.pid, deps.now().toISOString());
    lock.attach(id);
    deps.onRunId?.(id);
    deps.progress?.sourceDone?.({ id: 'wire', ok: true, error: null, not_modified: false, discovered: 3, new: 3, known: 0, failed: 0, ms: 5 });
    try {
      await new Promise<void>((resolve) => {
        finish = resolve;
        deps.signal?.addEventListener('abort', () => { aborted = true; resolve(); });
      });
      const at = deps.now().toISOString();
      deps.store.finishRun(id, aborted ? 'interrupted' : 'ok', {}, null, at);
      return { run_id: id, started_at: at, finished_at: at, outcome: aborted ? 'interrupted' : 'ok', sources: [],
        items: { new: 3, extracted: 2, irrelevant: 1, failed: 0, merged: 0, retried: 0, joined: 0, follow_ups: 0 }, requests: { sent: 0, bytes: 0, not_modified: 0 }, stage_ms: {} };
    } finally {
      lock.release();
    }
  }) as typeof runIngest;
  return { fn, finish: () => finish(), wasAborted: () => aborted };
}

const now = () => new Date();

test('one run at a time in this process; progress is visible; the next starts after it finishes', async () => {
  const { store, cleanup } = tempStore();
  try {
    const slow = slowIngest();
    const runner = createIngestRunner({ config: deskConfig(), store, log: silentLogger(), now, edges: compose({ config: deskConfig(), env: {}, store }), ingest: slow.fn });
    const first = runner.start('web');
    assert.equal(first.started, true);
    const second = runner.start('schedule');
    assert.equal(second.started, false);
    assert.equal(!second.started && second.reason, 'running');
    const s = runner.status();
    assert.equal(s.running?.sources_done, 1);
    assert.equal(s.running?.trigger, 'web');
    assert.equal(s.elsewhere, null, 'our own lock is not "another process"');
    slow.finish();
    await runner.idle();
    assert.equal(runner.status().running, null);
    assert.equal(runner.status().last?.outcome, 'ok');
    assert.equal(store.lockHolder(), undefined, 'the lock is released');
    const again = runner.start('web');
    assert.equal(again.started, true);
    slow.finish();
    await runner.stop();
  } finally { cleanup(); }
});

test('stop() aborts the run in flight and waits until it has released the lock', async () => {
  const { store, cleanup } = tempStore();
  try {
    const slow = slowIngest();
    const runner = createIngestRunner({ config: deskConfig(), store, log: silentLogger(), now, edges: compose({ config: deskConfig(), env: {}, store }), ingest: slow.fn });
    assert.equal(runner.start('web').started, true);
    assert.ok(store.lockHolder());
    await runner.stop();
    assert.equal(slow.wasAborted(), true);
    assert.equal(store.lockHolder(), undefined);
    assert.equal(store.listRuns()[0].outcome, 'interrupted');
  } finally { cleanup(); }
});

test('a run held by another process (a cron-line ingest) is reported, and the real runIngest does not start beside it', async () => {
  const { store, cleanup } = tempStore();
  try {
    const other = acquireRunLock(store, now, { hostname: 'cron-box', pid: 4242 });
    other.attach(store.createRun('cli', 4242, now().toISOString()));
    assert.equal(otherHolder(store, now())?.hostname, 'cron-box');
    const runner = createIngestRunner({ config: deskConfig(), store, log: silentLogger(), now, edges: compose({ config: deskConfig(), env: {}, store, summarizer: 'offline' }) });
    assert.equal(runner.status().elsewhere?.pid, 4242);
    const r = runner.start('web');
    assert.equal(r.started, false);
    assert.equal(!r.started && r.reason, 'locked');
    assert.equal(store.listRuns().length, 1, 'no second run row');
    other.release();
    assert.equal(runner.status().elsewhere, null);
  } finally { cleanup(); }
});

test('the schedule starts runs on its ticks and logs a skipped tick while a run is still going', async () => {
  const { store, cleanup } = tempStore();
  try {
    const slow = slowIngest();
    const lines: string[] = [];
    const log = createLogger(new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }), 'info');
    const config = configSchema.parse({ ...deskConfig(), schedule: { cron: '* * * * *', timezone: 'UTC' } });
    // Ticks every second so the test is quick; sources.yaml refuses 6 fields, so it is set after validation.
    config.schedule.cron = '* * * * * *';
    const runner = createIngestRunner({ config, store, log, now, edges: compose({ config, env: {}, store, log }), ingest: slow.fn });
    const schedule = startSchedule(runner, config, log);
    try {
      assert.ok(schedule.nextRun());
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !lines.some((l) => l.includes('scheduled run skipped'))) await new Promise((r) => setTimeout(r, 50));
    } finally {
      schedule.stop();
      await runner.stop();
    }
    assert.equal(store.listRuns().length, 1, 'one run, though the clock ticked more than once');
    assert.equal(store.listRuns()[0].trigger, 'schedule');
    assert.ok(lines.some((l) => /scheduled run skipped: run 1 \(schedule\) is still going/.test(l)), lines.join(''));
  } finally { cleanup(); }
});
