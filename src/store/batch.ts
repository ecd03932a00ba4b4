import type { Db } from './db.js';

/** Group commit: many small writes share one transaction, committed every `maxMs` or `maxWrites`. */
export interface WriteBatch {
  /** Runs `fn` inside the open batch (opening one if needed); if it throws, only its own writes are undone. */
  run<T>(fn: () => T): T;
  /** Commits what the batch holds now. */
  flush(): void;
}

/**
 * A commit writes every page the transaction dirtied to the WAL, and an item's story keys and document
 * frequencies land on scattered pages of large indexes: one commit per item cost more than extracting the
 * item (`npm run bench`). Batching shares those pages between items. A kill loses at most the last
 * `maxMs` of writes, which leaves those items pending (or undiscovered, with the feed's validators not yet
 * saved), so the next run redoes them: nothing is lost, some work is repeated. Commits keep their order.
 */
export function batchQueries(db: Db) {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  return {
    writeBatch(opts: { maxMs: number; maxWrites: number }): WriteBatch {
      let open = false;
      let writes = 0;
      let timer: NodeJS.Timeout | null = null;
      // A commit that failed on the timer (disk full, say) is reported by the next call.
      let failure: Error | null = null;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = null;
        writes = 0;
        const wasOpen = open;
        open = false;
        if (failure) { const e = failure; failure = null; throw e; }
        if (!wasOpen || !db.open || !db.inTransaction) return;
        try {
          commit.run();
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      };
      const onTimer = () => {
        try { flush(); } catch (err) { failure = err as Error; }
      };
      return {
        run<T>(fn: () => T): T {
          if (failure) flush();
          if (!db.inTransaction) {
            begin.run();
            open = true;
            // Unref'd: a batch never keeps a process alive; jobs flush before they finish.
            timer = setTimeout(onTimer, opts.maxMs).unref();
          }
          // Nested in the open transaction this is a savepoint: a throw rolls back this call's writes only.
          const result = db.transaction(fn)();
          if (open && ++writes >= opts.maxWrites) flush();
          return result;
        },
        flush,
      };
    },
  };
}
