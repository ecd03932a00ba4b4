/**
 * A loopback HTTP server for tests. It listens on 0.0.0.0, so every 127.x.y.z address
 * reaches it and http://127.0.0.2:PORT and http://127.0.0.3:PORT are different hosts to a
 * crawler. Every request is logged with its host and its start/end times, which is what
 * politeness tests assert on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One request as the server saw it. Times are epoch ms with sub-ms precision. */
export interface LoggedRequest {
  /** Hostname from the Host header (no port), e.g. '127.0.0.2' or 'feeds.test'. */
  host: string;
  /** Path and query as requested. */
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** When the request head was received. */
  start: number;
  /** When the response finished or the connection closed; NaN while in flight. */
  end: number;
  /** Status sent (0 if the client left before headers were sent). */
  status: number;
}

/** What a route knows about the request it is answering. */
export interface RouteContext {
  host: string;
  url: URL;
  /** 1 for the first request this route answered for this host, 2 for the next, ... */
  hit: number;
  log: LoggedRequest;
}

/** A declarative response; a handler may instead write to `res` itself and return nothing. */
export interface Reply {
  status?: number;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Wait this long before sending anything. */
  delayMs?: number;
  /** Send the body with chunked encoding (no Content-Length). */
  chunked?: boolean;
  /** Never answer; the connection stays open until the client gives up. */
  hang?: boolean;
  /** After the headers, send `chunk` every `everyMs`, `count` times (forever if omitted). */
  trickle?: { chunk: string | Buffer; everyMs: number; count?: number };
  /** After the headers, write `chunk` as fast as the client reads, forever. */
  flood?: { chunk: Buffer };
}

/** Answers one request. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) =>
  Reply | void | Promise<Reply | void>;

/** A running fixture server. */
export interface FixtureServer {
  port: number;
  /** Absolute URL of `path` on `host` (an address like '127.0.0.2' or any hostname). */
  url(host: string, path: string): string;
  /** Every request received, in arrival order. */
  log: LoggedRequest[];
  /** Serves `path` (pathname, no query) on every host, or only on `host` when given; later calls replace. */
  route(path: string, handler: RouteHandler, host?: string): void;
  /** Forgets all routes, hit counts and the log (for a server shared by several tests). */
  reset(): void;
  close(): Promise<void>;
}

/** Epoch ms with the monotonic clock's resolution. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts a server; `latencyMs` delays every response (before its handler runs). */
export async function startFixtureServer(opts: { latencyMs?: number } = {}): Promise<FixtureServer> {
  const routes = new Map<string, RouteHandler>();
  const hits = new Map<string, number>();
  const log: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? req.socket.localAddress ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    const entry: LoggedRequest = { host, path: req.url ?? '/', method: req.method ?? 'GET',
      headers: { ...req.headers }, start: preciseNow(), end: NaN, status: 0 };
    log.push(entry);
    res.on('close', () => {
      entry.end = preciseNow();
      entry.status = res.headersSent ? res.statusCode : 0;
    });
    void answer(req, res, host, entry).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture handler failed: ${err.message}`);
    });
  });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, host: string, entry: LoggedRequest) {
    if (opts.latencyMs) await wait(opts.latencyMs);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'fixture'}`);
    const key = routes.has(host + url.pathname) ? host + url.pathname : url.pathname;
    const handler = routes.get(key);
    if (!handler) {
      send(res, { status: 404, body: 'no such fixture' });
      return;
    }
    const hitKey = `${host}\n${url.pathname}`;
    const hit = (hits.get(hitKey) ?? 0) + 1;
    hits.set(hitKey, hit);
    const reply = await handler(req, res, { host, url, hit, log: entry });
    if (reply) await sendLater(res, reply);
  }

  async function sendLater(res: http.ServerResponse, reply: Reply) {
    if (reply.delayMs) await wait(reply.delayMs);
    if (res.destroyed) return;
    send(res, reply);
  }

  function send(res: http.ServerResponse, reply: Reply) {
    if (reply.hang || res.destroyed) return;
    const headers = { ...reply.headers };
    // writeHead() fixes the head, so a plain body needs its Content-Length named here.
    const plain = reply.body !== undefined && !reply.chunked && !reply.trickle && !reply.flood;
    if (plain && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
      headers['content-length'] = Buffer.byteLength(reply.body!);
    }
    res.writeHead(reply.status ?? 200, headers);
    if (reply.trickle) {
      const { chunk, everyMs, count = Infinity } = reply.trickle;
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return stop();
        res.write(chunk);
        if (++sent >= count) { stop(); res.end(); }
      }, everyMs);
      const stop = () => { clearInterval(timer); timers.delete(timer); };
      timers.add(timer);
      res.on('close', stop);
    } else if (reply.flood) {
      const pump = () => {
        while (!res.destroyed && res.write(reply.flood!.chunk));
      };
      res.on('drain', pump);
      pump();
    } else if (reply.chunked && reply.body !== undefined) {
      res.write(reply.body);
      res.end();
    } else {
      res.end(reply.body);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    log,
    url: (host, path) => `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    route(path, handler, host) {
      routes.set((host ?? '') + path, handler);
    },
    reset() {
      routes.clear();
      hits.clear();
      log.length = 0;
    },
    async close() {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- handler helpers -------------------------------------------------------------

/** Always the same reply. */
export function reply(r: Reply): RouteHandler {
  return () => r;
}

/** A status with an optional body and headers. */
export function status(code: number, headers: http.OutgoingHttpHeaders = {}, body = ''): RouteHandler {
  return () => ({ status: code, headers: { 'content-type': 'text/plain', ...headers }, body });
}

/** A redirect to `location` (relative or absolute). */
export function redirect(location: string, code = 302): RouteHandler {
  return () => ({ status: code, headers: { location }, body: '' });
}

/**
 * A static resource with validators: answers 304 when If-None-Match matches the ETag, or
 * (without If-None-Match) when If-Modified-Since is not older than Last-Modified.
 */
export function staticBody(body: string | Buffer, opts: { contentType?: string; etag?: string; lastModified?: string;
  headers?: http.OutgoingHttpHeaders } = {}): RouteHandler {
  return (req) => {
    const validators: http.OutgoingHttpHeaders = {};
    if (opts.etag) validators.etag = opts.etag;
    if (opts.lastModified) validators['last-modified'] = opts.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm !== undefined
      ? !!opts.etag && inm.split(',').map((s) => s.trim()).includes(opts.etag)
      : !!ims && !!opts.lastModified && Date.parse(ims) >= Date.parse(opts.lastModified);
    if (fresh) return { status: 304, headers: validators };
    return { status: 200, headers: { 'content-type': opts.contentType ?? 'text/html; charset=utf-8', ...validators,
      ...opts.headers }, body };
  };
}

/** The n-th request (per host) gets the n-th handler; the last one repeats. */
export function sequence(...handlers: RouteHandler[]): RouteHandler {
  return (req, res, ctx) => handlers[Math.min(ctx.hit, handlers.length) - 1](req, res, ctx);
}

/** Headers now, then a chunk every `everyMs` (forever unless `count`). */
export function trickle(chunk: string | Buffer, everyMs: number, count?: number): RouteHandler {
  return () => ({ status: 200, headers: { 'content-type': 'text/html' }, trickle: { chunk, everyMs, count } });
}

/** Never answers. */
export function hang(): RouteHandler {
  return () => ({ hang: true });
}

/** Wraps a handler so its reply is sent `ms` later. */
export function delayed(ms: number, handler: RouteHandler): RouteHandler {
  return async (req, res, ctx) => {
    await wait(ms);
    return handler(req, res, ctx);
  };
}

// ---- log analysis ----------------------------------------------------------------

/** Greatest number of the given requests in flight at once, from their start/end times. */
export function maxInFlight(entries: LoggedRequest[]): number {
  // A request still in flight (end NaN) counts as open until the end of time.
  const events = entries.flatMap((e) => [[e.start, 1], [Number.isNaN(e.end) ? Infinity : e.end, -1]] as const)
    // Ends before starts at the same instant: back-to-back is not overlap.
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (now += d));
  return max;
}

/** Smallest gap between consecutive request starts (Infinity for fewer than two). */
export function minStartGap(entries: LoggedRequest[]): number {
  const starts = entries.map((e) => e.start).sort((a, b) => a - b);
  let min = Infinity;
  for (let i = 1; i < starts.length; i++) min = Math.min(min, starts[i] - starts[i - 1]);
  return min;
}

/**
 * Watches this process's event loop. The fixture server shares the loop with the code
 * under test, so a stall (GC, a busy CPU, a parallel test file) delays the moment the
 * server notices a request; timing assertions can widen their slack by what was seen.
 */
export function watchEventLoop(): { stop(): { maxStallMs: number; blockedMs: number } } {
  let last = performance.now();
  let maxStallMs = 0;
  let blockedMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const stall = now - last - 1; // the interval itself is 1 ms
    if (stall > 1) blockedMs += stall;
    maxStallMs = Math.max(maxStallMs, stall);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return { maxStallMs, blockedMs };
    },
  };
}

/** The log grouped by host. */
export function byHost(entries: LoggedRequest[]): Map<string, LoggedRequest[]> {
  const out = new Map<string, LoggedRequest[]>();
  for (const e of entries) out.set(e.host, [...(out.get(e.host) ?? []), e]);
  return out;
}
