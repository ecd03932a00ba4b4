import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';

/** Politeness limits the scheduler enforces. */
export interface HostLimits {
  concurrency: number;
  perHostConcurrency: number;
  perHostDelayMs: number;
}

interface Lane {
  /** Bounds requests in flight to this host. */
  slots: PQueue;
  /** Lets one request at a time wait for the gap and a global slot, so starts stay ordered. */
  starter: PQueue;
  /** Earliest performance.now() at which the next request to this host may start. */
  nextStart: number;
}

/**
 * Added to every non-zero gap. A server stamps a request when its own loop gets to it, a fraction of a
 * millisecond after arrival when it is busy with others; `npm run bench` saw gaps of 199.6 ms at a
 * 200 ms delay from that alone. One ms (0.5% of a 200 ms gap) keeps such a server's log clean.
 */
const RECEIVE_JITTER_MS = 1;

/** Monotonic ms; immune to wall-clock jumps. */
const clock = () => performance.now();

/**
 * Runs requests so that per host at most `perHostConcurrency` are in flight and starts
 * are at least `perHostDelayMs` apart, with at most `concurrency` in flight overall.
 *
 * A request takes, in order: a slot of its host, the host's start turn, a wait until the
 * host's gap has passed, and only then a global slot. Waiting for the gap holds no
 * global slot, so one slow-paced host never idles capacity that another host could use;
 * and since the start turn is held until the request is on the wire, the gap is measured
 * from the moment a request really starts.
 */
export class HostScheduler {
  private readonly global: PQueue;
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limits: HostLimits, private readonly signal: AbortSignal) {
    this.global = new PQueue({ concurrency: limits.concurrency });
  }

  /**
   * Runs `task` as one request to `host` (hostname:port) once politeness allows. The task
   * calls `sent()` when its request has left for the server; the host's gap is measured
   * from then, so slow first-connection setup on our side cannot shrink the gap the
   * server sees. A task that settles without calling it counts as sent when it settles.
   */
  async run<T>(host: string, task: (sent: () => void) => Promise<T>): Promise<T> {
    const lane = this.lane(host);
    const { signal } = this;
    return lane.slots.add(async () => {
      const started = await lane.starter.add(async () => {
        await waitUntil(lane.nextStart, signal);
        const release = await this.acquireGlobal();
        let sent!: () => void;
        const onWire = new Promise<void>((resolve) => { sent = resolve; });
        const result = (async () => {
          try {
            return await task(sent);
          } finally {
            sent();
            release();
          }
        })();
        // The caller awaits `result` later; until then a quick failure must not count as unhandled.
        result.catch(() => undefined);
        await onWire;
        // The bytes are in the kernel now, but a receiver sharing our event loop (a test
        // server, a local proxy) reads them only after the work queued in this loop turn.
        // Anchoring the gap after that turn costs microseconds and keeps such a receiver
        // from seeing two starts closer than the gap.
        await new Promise((resolve) => setImmediate(resolve));
        lane.nextStart = clock() + this.limits.perHostDelayMs + (this.limits.perHostDelayMs > 0 ? RECEIVE_JITTER_MS : 0);
        // Wrapped so the start turn ends here instead of waiting for the response.
        return { result };
      }, { signal });
      return started.result;
    }, { signal });
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    await Promise.all([this.global.onIdle(), ...[...this.lanes.values()].map((l) => l.slots.onIdle())]);
  }

  private lane(host: string): Lane {
    let lane = this.lanes.get(host);
    if (!lane) {
      lane = {
        slots: new PQueue({ concurrency: this.limits.perHostConcurrency }),
        starter: new PQueue({ concurrency: 1 }),
        nextStart: -Infinity,
      };
      this.lanes.set(host, lane);
    }
    return lane;
  }

  // p-queue as a semaphore: the queued task holds its slot until `release` is called.
  private acquireGlobal(): Promise<() => void> {
    return new Promise((resolve, reject) => {
      this.global.add(() => new Promise<void>((release) => resolve(release)), { signal: this.signal })
        .catch(reject);
    });
  }
}

// Timers may fire a fraction of a millisecond early relative to the monotonic clock, so
// sleep in a loop until the deadline has really passed: politeness must never be short.
async function waitUntil(deadline: number, signal: AbortSignal): Promise<void> {
  for (let left = deadline - clock(); left > 0; left = deadline - clock()) {
    await sleep(Math.ceil(left), undefined, { signal });
  }
  signal.throwIfAborted();
}

/** The politeness key of a URL: hostname:port, the default port filled in; an unparsable URL is its own key. */
export function hostKey(url: string | URL): string {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return String(url);
  }
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`;
}
