import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFetcher, type FetchPolicy } from '../../src/net/index.js';
import {
  byHost, maxInFlight, minStartGap, redirect, sequence, startFixtureServer, staticBody, status, watchEventLoop,
  type LoggedRequest,
} from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy>): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0', concurrency: 8, per_host_concurrency: 2, per_host_delay_ms: 100,
  timeout_ms: 5000, max_bytes: 100_000, retries: 0, respect_robots: false, allow_private_hosts: true, ...o,
});

/**
 * Timer and loopback jitter we tolerate between our clock and the server's, plus the
 * worst event-loop stall seen during the run: the server shares our loop, so a stall
 * right after a request is sent makes the server log that request late.
 */
const SLACK_MS = 2;

/**
 * An achievable schedule, by greedy simulation in 1 ms steps: each host starts its next
 * request as soon as its gap, its own slots and a global slot allow.
 */
function greedyMs(requestsPerHost: number[], p: FetchPolicy, latencyMs: number): number {
  const left = [...requestsPerHost];
  const next = left.map(() => 0);
  const ends: number[][] = left.map(() => []);
  let last = 0;
  for (let t = 0; left.some((n) => n > 0); t++) {
    for (const e of ends) while (e.length && e[0] <= t) e.shift();
    for (let h = 0; h < left.length; h++) {
      const total = ends.reduce((s, e) => s + e.length, 0);
      if (left[h] > 0 && t >= next[h] && ends[h].length < p.per_host_concurrency && total < p.concurrency) {
        left[h]--;
        next[h] = t + p.per_host_delay_ms;
        ends[h].push(t + latencyMs);
        ends[h].sort((a, b) => a - b);
        last = Math.max(last, t + latencyMs);
      }
    }
  }
  return last;
}

/** A time no schedule within the limits can beat: each host's gaps and slots, and the global slots. */
function lowerBoundMs(requestsPerHost: number[], p: FetchPolicy, latencyMs: number): number {
  const perHost = requestsPerHost.map((n) => Math.max((n - 1) * p.per_host_delay_ms + latencyMs,
    Math.ceil(n / p.per_host_concurrency) * latencyMs));
  const total = requestsPerHost.reduce((a, b) => a + b, 0);
  return Math.max(...perHost, Math.ceil(total / p.concurrency) * latencyMs);
}

function assertPolite(log: LoggedRequest[], p: FetchPolicy, stallMs: number) {
  assert.ok(log.every((e) => !Number.isNaN(e.end)), 'every request finished');
  // A stall of the event loop (server and fetcher share it) can delay one start and not the next, so the
  // gap the server sees shrinks by up to the stall. Capped at half the gap, so that even on a badly
  // overloaded machine a missing gap (two starts ~0 ms apart) is still caught; a quarter failed at load 11.
  const slack = SLACK_MS + Math.min(stallMs, p.per_host_delay_ms / 2);
  for (const [host, entries] of byHost(log)) {
    assert.ok(maxInFlight(entries) <= p.per_host_concurrency, `${host}: ${maxInFlight(entries)} in flight`);
    const gap = minStartGap(entries);
    assert.ok(gap >= p.per_host_delay_ms - slack,
      `${host}: starts only ${gap.toFixed(2)} ms apart (event loop stalled up to ${stallMs.toFixed(1)} ms)`);
  }
  assert.ok(maxInFlight(log) <= p.concurrency, `${maxInFlight(log)} in flight overall`);
}

/**
 * Not faster than the limits allow, and within 10% of an achievable schedule, not
 * counting time our event loop was blocked (see SLACK_MS).
 */
function assertEfficient(r: Awaited<ReturnType<typeof burst>>) {
  assert.ok(r.elapsed >= r.lowerBound - SLACK_MS, `took ${r.elapsed.toFixed(0)} ms, less than the ${r.lowerBound} ms the limits allow`);
  assert.ok(r.elapsed <= r.achievable * 1.1 + r.blockedMs, `took ${r.elapsed.toFixed(0)} ms; ${r.achievable} ms is achievable ` +
    `(+10%, +${r.blockedMs.toFixed(0)} ms of blocked event loop)`);
}

/** Fires `counts[i]` requests at `hosts[i]`, all at once, and reports what the server saw. */
async function burst(hosts: string[], counts: number[], p: FetchPolicy, latencyMs: number) {
  const srv = await startFixtureServer({ latencyMs });
  srv.route('/page', staticBody('<p>page</p>'));
  const f = createFetcher(p);
  const most = Math.max(...counts);
  const urls = Array.from({ length: most }, (_, i) => hosts.filter((_h, j) => i < counts[j]).map((h) => srv.url(h, `/page?n=${i}`))).flat();
  const loop = watchEventLoop();
  const t0 = performance.now();
  await Promise.all(urls.map((u) => f.get(u)));
  const elapsed = performance.now() - t0;
  const { maxStallMs, blockedMs } = loop.stop();
  await f.close();
  await srv.close();
  return { log: srv.log, elapsed, maxStallMs, blockedMs,
    achievable: greedyMs(counts, p, latencyMs), lowerBound: lowerBoundMs(counts, p, latencyMs) };
}

describe('politeness', () => {
  it('keeps per-host gap and limits for 12 requests to two hosts, close to the bound', async () => {
    const p = policy({ concurrency: 3, per_host_concurrency: 2, per_host_delay_ms: 100 });
    const r = await burst(['127.0.0.2', '127.0.0.3'], [6, 6], p, 50);
    assert.equal(r.log.length, 12);
    assertPolite(r.log, p, r.maxStallMs);
    assert.equal(r.achievable, 550);
    assertEfficient(r);
  });

  it('stays efficient when slow responses make every limit bind', async () => {
    // 200 ms responses, 50 ms gap. At first the global limit (3) holds the first host
    // back; once the other hosts are done, it is held by its own limit (2) while the gap
    // would allow more.
    const p = policy({ concurrency: 3, per_host_concurrency: 2, per_host_delay_ms: 50 });
    const r = await burst(['127.0.0.2', '127.0.0.3', '127.0.0.4'], [5, 1, 1], p, 200);
    assert.equal(r.log.length, 7);
    assertPolite(r.log, p, r.maxStallMs);
    assert.equal(maxInFlight(r.log), 3, 'the global limit was reached, so it was tested');
    assert.equal(maxInFlight(byHost(r.log).get('127.0.0.2')!), 2, 'the per-host limit was reached');
    assertEfficient(r);
  });

  it('does not let a host waiting out its gap hold a global slot', async () => {
    // One global slot. Host A has a long gap; B's requests must flow while A waits.
    const p = policy({ concurrency: 1, per_host_concurrency: 1, per_host_delay_ms: 400 });
    const srv = await startFixtureServer();
    srv.route('/page', staticBody('x'));
    const f = createFetcher(p);
    const a = [0, 1].map((i) => f.get(srv.url('127.0.0.2', `/page?a${i}`)));
    await new Promise((r) => setTimeout(r, 20));
    const b = f.get(srv.url('127.0.0.3', '/page?b'));
    await Promise.all([...a, b]);
    await f.close();
    await srv.close();
    const order = [...srv.log].sort((x, y) => x.start - y.start).map((e) => e.path);
    assert.deepEqual(order, ['/page?a0', '/page?b', '/page?a1']);
  });

  it('counts robots.txt, redirects and retries as requests to the host', async () => {
    const p = policy({ per_host_delay_ms: 150, per_host_concurrency: 2, retries: 2, respect_robots: true });
    const srv = await startFixtureServer();
    srv.route('/robots.txt', staticBody('User-agent: *\nAllow: /\n', { contentType: 'text/plain' }));
    srv.route('/old', redirect('/flaky'));
    srv.route('/flaky', sequence(status(500), staticBody('ok')));
    const f = createFetcher(p, { retryBaseMs: 1 });
    const loop = watchEventLoop();
    const res = await f.get(srv.url('127.0.0.2', '/old'));
    const { maxStallMs } = loop.stop();
    assert.equal(res.text, 'ok');
    await f.close();
    await srv.close();
    assert.deepEqual(srv.log.map((e) => e.path), ['/robots.txt', '/old', '/flaky', '/flaky']);
    assertPolite(srv.log, p, maxStallMs);
    assert.equal(f.stats().requests, 4);
    assert.equal(f.stats().retries, 1);
  });
});
