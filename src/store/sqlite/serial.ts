/**
 * Runs tasks one at a time, in the order they were queued: a small async mutex.
 *
 * better-sqlite3 runs every statement synchronously on one connection, and a transaction is just the state of that
 * connection. An async unit of work (`BEGIN IMMEDIATE`, awaited port calls, `COMMIT`) leaves the transaction open
 * across awaits; any other statement run on the connection meanwhile would land inside it (and be committed or
 * rolled back with it). So every port call and every unit goes through one queue per connection: a unit holds the
 * queue from BEGIN to COMMIT/ROLLBACK, and a single call waits for it.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after everything queued before it has settled; its result or error is passed on. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => task());
    // The next task waits for this one to settle, whatever its outcome.
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
