import PQueue from 'p-queue';
import { hostKey } from '../net/index.js';

/**
 * Items in flight, bounded per host of the item's URL rather than overall. With one shared bound, the
 * first feed read fills every slot with its own host's items, which then wait out that host's polite gap
 * one by one while the other hosts sit idle; per host, each host always has its next request ready and
 * the run's length is set by the busiest host, as politeness allows. The bound also keeps a large run
 * streaming: a producer waits while its host already has `perHost` items running and `perHost` waiting.
 */
export class HostWork {
  private readonly queues = new Map<string, PQueue>();

  constructor(private readonly perHost: number) {}

  /** Waits until the URL's host has room, then starts `task` without waiting for it. */
  async add(url: string, task: () => Promise<void>): Promise<void> {
    const q = this.queue(hostKey(url));
    await q.onSizeLessThan(this.perHost);
    void q.add(task);
  }

  /** Items queued or running over all hosts. */
  get outstanding(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.size + q.pending;
    return n;
  }

  /** Resolves when no host has anything queued or running (tasks may add more while it waits). */
  async onIdle(): Promise<void> {
    while (this.outstanding > 0) await Promise.all([...this.queues.values()].map((q) => q.onIdle()));
  }

  private queue(key: string): PQueue {
    let q = this.queues.get(key);
    if (!q) {
      q = new PQueue({ concurrency: this.perHost });
      this.queues.set(key, q);
    }
    return q;
  }
}
