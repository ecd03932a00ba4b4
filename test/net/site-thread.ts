// A loopback site in its own thread, standing for another machine: its loop does nothing but stamp
// arrivals and answer, so the crawler's own work cannot delay its clock. And a CPU hog thread, so that
// the machine is loaded the way a busy 2-core box is. Both are plain JS evaluated in worker threads.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const SITE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const log = [];
const server = http.createServer((req, res) => {
  const entry = { path: req.url, at: performance.now(), lateMs: 0 };
  log.push(entry);
  const robots = workerData.robots;
  const body = req.url === '/robots.txt' && robots !== null ? robots : 'page ' + req.url;
  const status = req.url === '/robots.txt' && robots === null ? 404 : 200;
  setTimeout(() => (entry.lateMs = performance.now() - entry.at - workerData.latencyMs, res).writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }).end(body),
    workerData.latencyMs);
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'log') parentPort.postMessage({ log });
  if (m === 'close') server.close(() => parentPort.close());
});
`;

const HOG = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
let junk = [];
while (Atomics.load(flag, 0) === 0) {
  // Allocation as well as arithmetic, so the collector runs too.
  junk.push({ n: Math.sqrt(junk.length) });
  if (junk.length > 50000) junk = [];
}
`;

/** One request as the site saw it: when it arrived, and how late the site's own latency timer fired for it. */
export interface Arrival { path: string; at: number; lateMs: number }

export interface SiteThread {
  origin: string;
  /** Arrivals in the site's own monotonic ms, in order. */
  arrivals(): Promise<Arrival[]>;
  close(): Promise<void>;
}

/** Starts the site; `robots` is the robots.txt text, or null for a 404. */
export async function startSiteThread(opts: { latencyMs: number; robots?: string | null }): Promise<SiteThread> {
  const worker = new Worker(SITE, { eval: true, workerData: { latencyMs: opts.latencyMs, robots: opts.robots ?? null } });
  const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
  return {
    origin: `http://127.0.0.1:${port}`,
    async arrivals() {
      worker.postMessage('log');
      const [{ log }] = (await once(worker, 'message')) as [{ log: Arrival[] }];
      return log;
    },
    async close() {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}

/** Keeps `threads` threads busy until the returned stop() is called. */
export function loadCpu(threads: number): () => Promise<void> {
  const flag = new SharedArrayBuffer(4);
  const workers = Array.from({ length: threads }, () => new Worker(HOG, { eval: true, workerData: { flag } }));
  return async () => {
    Atomics.store(new Int32Array(flag), 0, 1);
    await Promise.all(workers.map((w) => once(w, 'exit')));
  };
}

/** Arrival-to-arrival gaps of a log, in ms. */
export function gapsOf(arrivals: Arrival[]): number[] {
  return arrivals.slice(1).map((a, i) => a.at - arrivals[i].at);
}

/** Measures how late this thread's timers fire (mean, ms) until stop() is called: the load the crawler itself suffers. */
export function timerLateness(everyMs = 10): { stop(): number } {
  let total = 0;
  let count = 0;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const due = performance.now() + everyMs;
    timer = setTimeout(() => { total += Math.max(0, performance.now() - due); count++; arm(); }, everyMs);
  };
  arm();
  return { stop: () => { clearTimeout(timer); return count ? total / count : 0; } };
}
