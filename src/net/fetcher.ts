import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeBody } from './charset.js';
import { FetchError, httpError, isTransientStatus, networkError, redirectError } from './errors.js';
import { parseHttpUrl, resolveGuarded, systemLookup } from './guard.js';
import { HostScheduler, hostKey } from './host-queue.js';
import { backoffMs, parseRetryAfter, RETRY_AFTER_CAP_MS } from './retry.js';
import { RobotsCache } from './robots.js';
import { exchange, type RawResponse } from './transport.js';
import type { FetchPolicy, FetchRequest, FetchResponse, FetchStats, Fetcher, FetcherDeps } from './types.js';

const MAX_REDIRECTS = 5;
/** Longest robots.txt Crawl-delay honoured when the policy names none (fetch.max_crawl_delay_s). */
const DEFAULT_MAX_CRAWL_DELAY_S = 30;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,' +
  'application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8';

interface FollowOptions { headers: Record<string, string>; robots: boolean; retries: number }

/**
 * Builds the fetcher: polite per-host queues, robots.txt (its rules and its Crawl-delay), the
 * private-address guard, retries.
 */
export function createFetcher(policy: FetchPolicy, deps: FetcherDeps = {}): Fetcher {
  const closing = new AbortController();
  // Every queued request listens on this signal; many are normal, not a leak.
  setMaxListeners(0, closing.signal);
  const scheduler = new HostScheduler({
    concurrency: policy.concurrency,
    perHostConcurrency: policy.per_host_concurrency,
    perHostDelayMs: policy.per_host_delay_ms,
  }, closing.signal);
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const counters: FetchStats = { requests: 0, bytes: 0, notModified: 0, retries: 0, errors: 0 };
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const retryBaseMs = deps.retryBaseMs ?? 500;
  const log = deps.log;
  // With no injected lookup and private hosts allowed there is nothing to check, so
  // Node resolves as usual; otherwise we resolve, check, and pin the connection.
  const lookup = deps.lookup ?? (policy.allow_private_hosts ? null : systemLookup);

  const robots = policy.respect_robots
    ? new RobotsCache(async (robotsUrl) => {
      const { raw } = await follow(robotsUrl, { headers: baseHeaders('text/plain,*/*;q=0.5'), robots: false, retries: 0 });
      const ok = raw.status >= 200 && raw.status <= 299;
      return { status: raw.status, text: ok ? decodeBody(raw.body, contentType(raw)).text : '' };
    }, policy.user_agent, log)
    : null;

  function baseHeaders(accept: string): Record<string, string> {
    return { 'user-agent': policy.user_agent, accept, 'accept-encoding': 'gzip, deflate, br' };
  }

  async function resolve(url: URL): Promise<string[] | null> {
    if (!lookup) return null;
    const guardedLookup = async (host: string) => {
      try {
        const found = await lookup(host);
        if (found.length === 0) throw new Error(`no address for ${host}`);
        return found;
      } catch (err) {
        throw networkError(url.href, err);
      }
    };
    return resolveGuarded(url, guardedLookup, policy.allow_private_hosts, deps.addressRange);
  }

  const crawlDelaySeen = new Set<string>();
  /** Paces the host by its robots.txt Crawl-delay when that is longer than our gap, up to max_crawl_delay_s. */
  function applyCrawlDelay(url: URL, seconds: number | null): void {
    const host = hostKey(url);
    if (seconds === null || crawlDelaySeen.has(host)) return;
    crawlDelaySeen.add(host);
    const capS = policy.max_crawl_delay_s ?? DEFAULT_MAX_CRAWL_DELAY_S;
    if (seconds > capS) {
      log?.warn({ url: `${url.origin}/robots.txt`, crawl_delay_s: seconds, max_crawl_delay_s: capS, outcome: 'crawl_delay_capped' },
        `robots.txt of ${url.host} asks for Crawl-delay: ${seconds} s between requests; waiting ${capS} s ` +
        `(fetch.max_crawl_delay_s). Raise fetch.max_crawl_delay_s to honour it, or drop the source if that is too slow`);
    }
    scheduler.setHostDelay(host, Math.min(seconds, capS) * 1000);
  }

  /** One request on the wire to already-guarded addresses, when the host's politeness allows. */
  async function sendOnce(url: URL, addresses: string[] | null, headers: Record<string, string>): Promise<RawResponse> {
    return scheduler.run(hostKey(url), async (sent, answered) => {
      counters.requests++;
      const started = performance.now();
      try {
        const raw = await exchange({ url, headers, addresses, timeoutMs: policy.timeout_ms,
          maxBytes: policy.max_bytes, agents, signal: closing.signal, onSent: sent, onAnswered: answered });
        counters.bytes += raw.wireBytes;
        log?.debug({ url: url.href, status: raw.status, ms: Math.round(performance.now() - started), outcome: 'response' }, 'fetched');
        return raw;
      } catch (err) {
        const kind = err instanceof FetchError ? err.kind : 'network';
        log?.debug({ url: url.href, ms: Math.round(performance.now() - started), outcome: kind }, 'fetch failed');
        throw err;
      }
    });
  }

  /** Sends with retries of transient failures; returns the last response or throws. */
  async function sendWithRetries(url: URL, addresses: string[] | null, headers: Record<string, string>,
    retries: number): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      let raw: RawResponse;
      try {
        raw = await sendOnce(url, addresses, headers);
      } catch (err) {
        if (!(err instanceof FetchError) || !err.transient || attempt >= retries) throw err;
        await pauseBeforeRetry(url, err, backoffMs(attempt, retryBaseMs, random));
        continue;
      }
      if (!isTransientStatus(raw.status)) return raw;
      const asked = parseRetryAfter(raw.headers['retry-after'], now());
      if (asked !== null && asked > RETRY_AFTER_CAP_MS) {
        // Waiting that long would stall the run; fail now as transient, a later run retries.
        throw httpError(url.href, raw.status,
          ` and asked us to come back in ${Math.ceil(asked / 1000)} s (Retry-After), longer than we wait within a run`);
      }
      const failure = httpError(url.href, raw.status);
      if (attempt >= retries) throw failure;
      await pauseBeforeRetry(url, failure, asked ?? backoffMs(attempt, retryBaseMs, random));
    }
  }

  async function pauseBeforeRetry(url: URL, failure: FetchError, ms: number): Promise<void> {
    if (closing.signal.aborted) throw failure;
    counters.retries++;
    log?.debug({ url: url.href, ms, outcome: 'retry', kind: failure.kind, status: failure.status }, 'retrying');
    await sleep(ms, undefined, { signal: closing.signal });
  }

  /** Follows up to MAX_REDIRECTS redirects, re-checking guard and robots on every hop. */
  async function follow(start: string, opts: FollowOptions): Promise<{ url: URL; raw: RawResponse }> {
    let url = parseHttpUrl(start);
    const chain = [url.href];
    for (let hop = 0; ; hop++) {
      // Guard first: a refused host gets no robots.txt request either.
      const addresses = await resolve(url);
      if (opts.robots && robots) applyCrawlDelay(url, await robots.check(url));
      const raw = await sendWithRetries(url, addresses, opts.headers, opts.retries);
      if (!REDIRECT_STATUSES.has(raw.status)) return { url, raw };
      const location = raw.headers.location;
      let next: URL;
      try {
        next = new URL(location ?? '', url);
        if (!location) throw new Error('no Location');
      } catch {
        throw redirectError(start, [...chain, `(HTTP ${raw.status}, Location: ${location ?? 'missing'})`], 'no_location');
      }
      next.hash = '';
      if (chain.includes(next.href)) throw redirectError(start, [...chain, next.href], 'loop');
      chain.push(next.href);
      if (hop + 1 > MAX_REDIRECTS) throw redirectError(start, chain, 'too_many');
      url = parseHttpUrl(next.href);
    }
  }

  function toResponse(url: URL, raw: RawResponse, req: FetchRequest): FetchResponse {
    const etag = header(raw, 'etag');
    const lastModified = header(raw, 'last-modified');
    const base = { url: url.href, status: raw.status, contentType: contentType(raw), bytes: raw.wireBytes };
    if (raw.status === 304) {
      counters.notModified++;
      // Servers may omit validators on a 304; the caller's still hold.
      return { ...base, notModified: true, etag: etag ?? req.etag ?? null, lastModified: lastModified ?? req.lastModified ?? null,
        charset: null, body: Buffer.alloc(0), text: '' };
    }
    if (raw.status < 200 || raw.status > 299) throw httpError(url.href, raw.status);
    const { text, charset } = decodeBody(raw.body, base.contentType);
    return { ...base, notModified: false, etag, lastModified, charset, body: raw.body, text };
  }

  return {
    async get(rawUrl: string, req: FetchRequest = {}): Promise<FetchResponse> {
      try {
        if (closing.signal.aborted) throw new Error('the fetcher was closed');
        const headers = baseHeaders(req.accept ?? DEFAULT_ACCEPT);
        if (req.etag) headers['if-none-match'] = req.etag;
        if (req.lastModified) headers['if-modified-since'] = req.lastModified;
        const { url, raw } = await follow(rawUrl, { headers, robots: policy.respect_robots, retries: policy.retries });
        return toResponse(url, raw, req);
      } catch (err) {
        counters.errors++;
        if (err instanceof FetchError) throw err;
        // Anything else is a cancellation by close() (p-queue and timers throw AbortError).
        throw networkError(rawUrl, closing.signal.aborted ? new Error('the fetcher was closed') : err);
      }
    },
    stats: () => ({ ...counters }),
    async close(): Promise<void> {
      closing.abort();
      await scheduler.idle().catch(() => undefined);
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function header(raw: RawResponse, name: string): string | null {
  const v = raw.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

function contentType(raw: RawResponse): string | null {
  return header(raw, 'content-type');
}
