// Politeness from the server's side: how long a crawl took against the shortest time any crawler obeying
// the same limits could have taken, and which requests broke the limits. Pure functions of the request log.
import type { LoggedRequest } from '../test/support/fixture-server.js';
import { requestKind, type Stall } from './site.js';

/** The limits the crawler was configured with, and the server's fixed latency. */
export interface Limits {
  perHostDelayMs: number;
  perHostConcurrency: number;
  concurrency: number;
  latencyMs: number;
}

/**
 * Earliest possible end of `n` requests to one host, from its first request's start. Request 0 is
 * robots.txt and request 1 the feed: each must be answered before the next may start (the crawler
 * cannot know the feed's URL is allowed, or which articles exist, any sooner). Every later request
 * may start `d` after the previous start, once one of the `c` slots is free again (each is held
 * for at least the latency L). Earliest-start greedy scheduling is optimal for equal-length jobs
 * under these constraints, so the result is a true lower bound; for the articles it reduces to
 * max((n−1)·d + L, ceil(n/c)·L) after the two-step chain.
 */
export function hostLowerBound(n: number, l: Limits): number {
  const { perHostDelayMs: d, perHostConcurrency: c, latencyMs: L } = l;
  const starts: number[] = [];
  for (let k = 0; k < n; k++) {
    if (k === 0) { starts.push(0); continue; }
    let s = starts[k - 1] + d;
    if (k <= 2) s = Math.max(s, starts[k - 1] + L); // robots → feed → first article: answered before the next
    if (k >= c) s = Math.max(s, starts[k - c] + L); // a slot frees when the request c places back ends
    starts.push(s);
  }
  return n ? starts[n - 1] + L : 0;
}

/** Requests of one host that broke its limits, judged by the server's own timestamps. */
export function hostViolations(entries: LoggedRequest[], l: Limits, stalls: Stall[] = []):
  { gap: number; concurrency: number; minGapMs: number; maxInFlight: number; explained: number; gaps: number[]; samples: ViolationSample[] } {
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  let gap = 0;
  let explained = 0;
  let concurrency = 0;
  let minGapMs = Infinity;
  let maxInFlight = 0;
  const gaps: number[] = [];
  const samples: ViolationSample[] = [];
  for (let k = 0; k < byStart.length; k++) {
    const e = byStart[k];
    if (k > 0) {
      const g = e.start - byStart[k - 1].start;
      minGapMs = Math.min(minGapMs, g);
      gaps.push(g);
      if (g < l.perHostDelayMs) {
        gap++;
        // The earlier request was logged late if the server's loop was stalled when it arrived, by at
        // least the shortfall: then the server's clock, not the crawler, made the gap look short.
        const a = byStart[k - 1].start;
        const stall = stalls.filter((s) => a >= s.from && a <= s.to + 2).reduce((m, s) => Math.max(m, s.to - s.from), 0);
        if (stall >= l.perHostDelayMs - g) explained++;
        samples.push({ host: e.host, path: e.path, at: e.start, gap_ms: round(g, 2),
          previous_gap_ms: k > 1 ? round(byStart[k - 1].start - byStart[k - 2].start, 2) : null, server_stall_ms: round(stall, 1) });
      }
    }
    // In flight when this one arrived: earlier starts whose response had not ended (unfinished = open).
    let open = 1;
    for (let j = 0; j < k; j++) {
      const end = Number.isNaN(byStart[j].end) ? Infinity : byStart[j].end;
      if (end > e.start) open++;
    }
    maxInFlight = Math.max(maxInFlight, open);
    if (open > l.perHostConcurrency) concurrency++;
  }
  return { gap, concurrency, minGapMs, maxInFlight, explained, gaps, samples };
}

/** Most requests in flight at once over all hosts. */
function globalInFlight(entries: LoggedRequest[]): { max: number; over: (limit: number) => number } {
  const events = entries.flatMap((e) => [[e.start, 1], [Number.isNaN(e.end) ? Infinity : e.end, -1]] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  const levels: number[] = [];
  for (const [, delta] of events) {
    now += delta;
    if (delta > 0) levels.push(now);
    max = Math.max(max, now);
  }
  return { max, over: (limit) => levels.filter((x) => x > limit).length };
}

/** One short gap as the server saw it, with the stall of its loop (if any) when the earlier request came in. */
export interface ViolationSample {
  host: string;
  path: string;
  /** ms after the first request of the run (absolute epoch ms until the report rebases it). */
  at: number;
  gap_ms: number;
  previous_gap_ms: number | null;
  server_stall_ms: number;
}

/** The politeness report of one crawl. */
export interface PolitenessReport {
  politeness_ratio: number;
  violations: number;
  violation_detail: {
    /** Short gaps the server's own busy time cannot explain (counted in `violations`). */
    gap: number;
    host_concurrency: number; global_concurrency: number;
    /** Every start-to-start gap shorter than the delay by the server's timestamps... */
    gap_stamped_short: number;
    /** ...of which the earlier request arrived while the server's loop was stalled (busy answering others, GC, or
     * descheduled) at least as long as the shortfall: it was stamped late, so the crawler's gap may have been whole. */
    gap_during_server_stall: number; server_stalls: number; server_stall_max_ms: number };
  elapsed_ms: number;
  lower_bound_ms: number;
  bound_from: string;
  min_gap_ms: number;
  /** Start-to-start gaps between consecutive requests to a host: how closely the crawler keeps the pace. */
  median_gap_ms: number;
  mean_gap_ms: number;
  max_in_flight_per_host: number;
  max_in_flight: number;
  requests: number;
  slowest_host: { host: string; requests: number; elapsed_ms: number; bound_ms: number };
  /** The first violations, for diagnosis. */
  violation_samples: ViolationSample[];
}

/** Elapsed (first request seen → last response end) against the largest per-host or global bound. */
export function analysePoliteness(log: LoggedRequest[], l: Limits, stalls: Stall[] = []): PolitenessReport {
  const first = Math.min(...log.map((e) => e.start));
  const last = Math.max(...log.map((e) => (Number.isNaN(e.end) ? e.start : e.end)));
  const hosts = new Map<string, LoggedRequest[]>();
  for (const e of log) hosts.set(e.host, [...(hosts.get(e.host) ?? []), e]);
  let bound = 0;
  let boundFrom = '';
  let gap = 0;
  let explained = 0;
  let hostConc = 0;
  let minGap = Infinity;
  let maxPerHost = 0;
  const allGaps: number[] = [];
  const samples: ViolationSample[] = [];
  let slowest = { host: '', requests: 0, elapsed_ms: 0, bound_ms: 0 };
  let latestEnd = -Infinity;
  for (const [host, entries] of hosts) {
    const kinds = [...entries].sort((a, b) => a.start - b.start).map((e) => requestKind(e.path));
    if (kinds[0] !== 'robots' || kinds[1] !== 'feed') {
      throw new Error(`host ${host}: expected robots.txt then the feed first, saw ${kinds.slice(0, 3).join(', ')}`);
    }
    const b = hostLowerBound(entries.length, l);
    if (b > bound) { bound = b; boundFrom = `host ${host} (${entries.length} requests)`; }
    const v = hostViolations(entries, l, stalls);
    gap += v.gap;
    explained += v.explained;
    allGaps.push(...v.gaps);
    samples.push(...v.samples);
    hostConc += v.concurrency;
    minGap = Math.min(minGap, v.minGapMs);
    maxPerHost = Math.max(maxPerHost, v.maxInFlight);
    const hostEnd = Math.max(...entries.map((e) => e.end));
    const hostStart = Math.min(...entries.map((e) => e.start));
    if (hostEnd > latestEnd) {
      latestEnd = hostEnd;
      slowest = { host, requests: entries.length, elapsed_ms: round(hostEnd - hostStart), bound_ms: round(b) };
    }
  }
  // Over all hosts: `concurrency` slots, each request holding one for at least L.
  const globalBound = Math.ceil(log.length / l.concurrency) * l.latencyMs;
  if (globalBound > bound) { bound = globalBound; boundFrom = `global concurrency ${l.concurrency}`; }
  const g = globalInFlight(log);
  const elapsed = last - first;
  return {
    politeness_ratio: round(elapsed / bound, 3),
    violations: gap - explained + hostConc,
    violation_detail: { gap: gap - explained, host_concurrency: hostConc, global_concurrency: g.over(l.concurrency),
      gap_stamped_short: gap, gap_during_server_stall: explained,
      server_stalls: stalls.filter((s) => s.to >= first && s.from <= last).length,
      server_stall_max_ms: round(Math.max(0, ...stalls.filter((s) => s.to >= first && s.from <= last).map((s) => s.to - s.from))) },
    elapsed_ms: round(elapsed), lower_bound_ms: round(bound), bound_from: boundFrom,
    min_gap_ms: round(minGap, 2),
    median_gap_ms: round([...allGaps].sort((a, b) => a - b)[Math.floor(allGaps.length / 2)] ?? 0, 2),
    mean_gap_ms: round(allGaps.reduce((a, b) => a + b, 0) / Math.max(1, allGaps.length), 2), max_in_flight_per_host: maxPerHost, max_in_flight: g.max, requests: log.length,
    slowest_host: slowest,
    violation_samples: samples.sort((a, b) => a.at - b.at).slice(0, 12).map((x) => ({ ...x, at: round(x.at - first) })),
  };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
