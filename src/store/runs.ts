import type { Db } from './db.js';

/** One ingest run as stored. */
export interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  trigger: string;
  pid: number | null;
  outcome: string;
  counts: Record<string, unknown> | null;
  error: string | null;
}

/** Queries on the runs aggregate. */
export function runQueries(db: Db) {
  const insert = db.prepare(`INSERT INTO runs (started_at, trigger, pid) VALUES (?, ?, ?)`);
  const finish = db.prepare(`UPDATE runs SET finished_at = @now, outcome = @outcome, counts = @counts, error = @error
    WHERE id = @id`);
  const progress = db.prepare(`UPDATE runs SET counts = ? WHERE id = ?`);
  const list = db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`);
  const one = db.prepare(`SELECT * FROM runs WHERE id = ?`);
  const decode = (r: RunRow & { counts: string | null }): RunRow => ({ ...r, counts: r.counts ? JSON.parse(r.counts) : null });
  return {
    /** Starts a run row; returns its id. */
    createRun(trigger: string, pid: number, now: string): number {
      return Number(insert.run(now, trigger, pid).lastInsertRowid);
    },
    /** Saves a run's counts so far (the web app shows them while it runs). */
    saveRunProgress(id: number, counts: object): void {
      progress.run(JSON.stringify(counts), id);
    },
    /** Closes a run with its outcome and counts. */
    finishRun(id: number, outcome: string, counts: object, error: string | null, now: string): void {
      finish.run({ id, outcome, counts: JSON.stringify(counts), error, now });
    },
    /** The latest runs, newest first. */
    listRuns(limit = 50): RunRow[] {
      return (list.all(limit) as (RunRow & { counts: string | null })[]).map(decode);
    },
    /** One run by id. */
    getRun(id: number): RunRow | undefined {
      const r = one.get(id) as (RunRow & { counts: string | null }) | undefined;
      return r && decode(r);
    },
  };
}
