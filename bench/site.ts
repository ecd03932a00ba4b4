// Serves the synthetic corpus on loopback (127.0.0.2, 127.0.0.3, ... are distinct hosts to the crawler)
// from the bench process, with a fixed response latency and ETag/Last-Modified on the feeds, and keeps the
// server's own request log, which is what the politeness numbers are computed from.
import http from 'node:http';
import { startFixtureServer, staticBody, type FixtureServer, type LoggedRequest } from '../test/support/fixture-server.js';
import { articlePage, articlePath, feedXml, ROBOTS_TXT, type CorpusShape } from './corpus.js';

/** A running bench site. */
export interface BenchSite {
  shape: CorpusShape;
  /** Hostnames in use, one per simulated outlet. */
  hosts: string[];
  /** Feed URL of each host, in host order. */
  feedUrls: string[];
  /** Every request the server saw, in arrival order. */
  log: LoggedRequest[];
  server: FixtureServer;
  close(): Promise<void>;
}

/** The loopback address standing for host h (127.0.0.2 upwards; 127.0.0.1 is left to the fake LLM). */
export const hostAddress = (h: number) => `127.0.${Math.floor(h / 250)}.${(h % 250) + 2}`;

const FEED_PATH = '/feed.xml';
const FEED_MODIFIED = new Date(Date.UTC(2026, 10, 20, 12, 0, 0)).toUTCString();

/**
 * Starts the server; every response waits `latencyMs` first (the fixture server's latency). With `cache`,
 * pages are built once up front, so answering costs the server next to nothing and its timestamps stay
 * true; without it (the 10,000-article memory run) they are built on request.
 */
export async function startBenchSite(shape: CorpusShape, latencyMs: number, opts: { cache?: boolean } = {}): Promise<BenchSite> {
  const server = await startFixtureServer({ latencyMs });
  const hosts = Array.from({ length: shape.hosts }, (_, h) => hostAddress(h));
  const indexOf = new Map(hosts.map((host, h) => [host, h]));
  const origin = (host: string) => server.url(host, '');

  server.route('/robots.txt', () => ({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: ROBOTS_TXT }));
  hosts.forEach((host, h) => {
    const body = feedXml(shape, h, origin(host));
    server.route(FEED_PATH, staticBody(body, { contentType: 'application/rss+xml; charset=utf-8',
      etag: `"feed-${shape.seed}-${h}-${shape.articlesPerHost}"`, lastModified: FEED_MODIFIED }), host);
  });
  const cached = opts.cache ? hosts.map((host, h) => Array.from({ length: shape.articlesPerHost },
    (_, i) => Buffer.from(articlePage(shape, h, i, origin(host)), 'utf8'))) : null;
  for (let i = 0; i < shape.articlesPerHost; i++) {
    server.route(articlePath(i), (_req, _res, ctx) => {
      const h = indexOf.get(ctx.host);
      if (h === undefined) return { status: 404, body: 'unknown host' };
      const body = cached ? cached[h][i] : articlePage(shape, h, i, origin(ctx.host));
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
    });
  }
  await warmUp(server, hosts);
  return {
    shape, hosts, server, log: server.log,
    feedUrls: hosts.map((host) => server.url(host, FEED_PATH)),
    close: () => server.close(),
  };
}

/** What kind of request a logged path was. */
export function requestKind(path: string): 'robots' | 'feed' | 'article' | 'other' {
  if (path === '/robots.txt') return 'robots';
  if (path.startsWith(FEED_PATH)) return 'feed';
  if (path.startsWith('/news/')) return 'article';
  return 'other';
}

// The server's first requests run cold code (JIT, first route lookups, accepting a burst of new
// connections) for several ms, which would delay its timestamps of the crawler's first requests (robots.txt
// of every host at once) and distort their gaps; warm it the same way, then forget the warm-up.
async function warmUp(server: FixtureServer, hosts: string[]): Promise<void> {
  const get = (host: string, path: string) => new Promise<void>((resolve, reject) => {
    http.get(server.url(host, path), { agent: false }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
  });
  for (let k = 0; k < 10; k++) {
    await Promise.all(hosts.flatMap((host) => ['/robots.txt', FEED_PATH, articlePath(k % 3)].map((path) => get(host, path))));
  }
  server.log.length = 0;
}

/** A stretch of time in which the server's event loop could not run (busy, GC, or descheduled by the OS). */
export interface Stall { from: number; to: number }

/**
 * Records stalls of this process's event loop (a 1 ms timer firing over half a millisecond late), in the
 * log's clock; `from` is when the loop should have run again, `to` when it did. A request that reached the
 * socket during a stall is logged when the loop resumes, so its logged start is late; the politeness
 * analysis uses these to tell measurement error from a crawler that was too fast.
 */
export function watchStalls(): { stop(): Stall[] } {
  const stalls: Stall[] = [];
  const now = () => performance.timeOrigin + performance.now();
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    if (t - last > 1.5) stalls.push({ from: last + 1, to: t });
    last = t;
  }, 1);
  return { stop() { clearInterval(timer); return stalls; } };
}
