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
  /** The host's gap in ms: the configured one, or a longer robots.txt Crawl-delay. */
  delayMs: number;
  /** The request that started last, from which the next one's gap is measured. */
  last: Sent | null;
  /** Recent round trips (sent → response headers) of this host, newest last. */
  rtts: number[];
}

/** One request on the wire, as the gap needs it. */
interface Sent {
  /** performance.now() once the request was on the wire. */
  sentAt: number;
  /** performance.now() when its response headers came, or it settled without any; null until then. */
  answeredAt: number | null;
  /** Resolves when answeredAt is set. */
  answered: Promise<void>;
}

/** How many recent round trips of a host make its baseline. */
const RTT_WINDOW = 8;

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
 * are at least the host's gap apart, with at most `concurrency` in flight overall.
 *
 * A request takes, in order: a slot of its host, the host's start turn, a wait until the
 * host's gap has passed, and only then a global slot. Waiting for the gap holds no
 * global slot, so one slow-paced host never idles capacity that another host could use;
 * and since the start turn is held until the request is on the wire, the gap is measured
 * from the moment a request really starts.
 *
 * The gap must hold as the site sees it, from arrival to arrival. A site stamps a request
 * when its own loop gets to it: a loaded server (or one sharing a busy machine) may stamp
 * the earlier request many ms after it arrived, and measured from our send the next one
 * then looks early. Its answer is late by the same amount, so the gap is measured from the
 * later of the send and "answer time minus the host's recent fastest round trip", our
 * estimate of when the site took the request in; when that answer is overdue (later than
 * the fastest round trip would allow while the gap is longer than it), the next request
 * waits for it. A host that answers as fast as usual costs nothing extra.
 */
export class HostScheduler {
  private readonly global: PQueue;
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limits: HostLimits, private readonly signal: AbortSignal) {
    this.global = new PQueue({ concurrency: limits.concurrency });
  }

  /**
   * Runs `task` as one request to `host` (hostname:port) once politeness allows. The task
   * calls `sent()` when its request has left for the server, and `answered()` when the
   * response headers came; the host's gap is measured from those (see the class comment),
   * so slow first-connection setup on our side cannot shrink the gap the server sees. A
   * task that settles without calling them counts as sent, and unanswered, when it settles.
   */
  async run<T>(host: string, task: (sent: () => void, answered: () => void) => Promise<T>): Promise<T> {
    const lane = this.lane(host);
    const { signal } = this;
    return lane.slots.add(async () => {
      const started = await lane.starter.add(async () => {
        await this.waitForGap(lane);
        const release = await this.acquireGlobal();
        let sent!: () => void;
        const onWire = new Promise<void>((resolve) => { sent = resolve; });
        let answer!: () => void;
        const record: Sent = { sentAt: NaN, answeredAt: null, answered: new Promise<void>((resolve) => { answer = resolve; }) };
        const answered = (withResponse: boolean) => {
          if (record.answeredAt !== null) return;
          record.answeredAt = clock();
          if (withResponse && !Number.isNaN(record.sentAt)) {
            lane.rtts.push(record.answeredAt - record.sentAt);
            if (lane.rtts.length > RTT_WINDOW) lane.rtts.shift();
          }
          answer();
        };
        const result = (async () => {
          try {
            return await task(sent, () => answered(true));
          } finally {
            sent();
            answered(false);
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
        record.sentAt = Math.min(clock(), record.answeredAt ?? Infinity);
        lane.last = record;
        // Wrapped so the start turn ends here instead of waiting for the response.
        return { result };
      }, { signal });
      return started.result;
    }, { signal });
  }

  /**
   * Sets the gap of one host (a robots.txt Crawl-delay), never below the configured one.
   * It applies to the next start, measured from the last one.
   */
  setHostDelay(host: string, ms: number): void {
    const lane = this.lane(host);
    lane.delayMs = Math.max(this.limits.perHostDelayMs, ms);
  }

  /** The gap of a host now, in ms. */
  hostDelay(host: string): number {
    return this.lanes.get(host)?.delayMs ?? this.limits.perHostDelayMs;
  }

  private async waitForGap(lane: Lane): Promise<void> {
    const prev = lane.last;
    const gap = lane.delayMs;
    if (!prev || gap <= 0) return;
    const margin = RECEIVE_JITTER_MS;
    await waitUntil(prev.sentAt + gap + margin, this.signal);
    const fastest = () => (lane.rtts.length ? Math.min(...lane.rtts) : Infinity);
    // Overdue: a usual answer would have come within the gap. Wait for it; the site is slow right now.
    if (prev.answeredAt === null && fastest() < gap) {
      await prev.answered;
      this.signal.throwIfAborted();
    }
    if (prev.answeredAt === null) return;
    const received = Math.max(prev.sentAt, prev.answeredAt - fastest());
    await waitUntil(received + gap + margin, this.signal);
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
        delayMs: this.limits.perHostDelayMs,
        last: null,
        rtts: [],
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
