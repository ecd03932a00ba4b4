// The bench site in a process of its own, for the politeness run: its event loop does nothing but answer
// requests and stamp them, so its log is not delayed by the bench's own work (reports, the fake LLM, GC of a
// large heap). The parent asks for the log and the stall record over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoggedRequest } from '../test/support/fixture-server.js';
import type { CorpusShape } from './corpus.js';
import { startBenchSite, watchStalls, type Stall } from './site.js';

type Msg = { type: 'log' } | { type: 'close' };

/** A bench site served by a child process. */
export interface RemoteSite {
  hosts: string[];
  feedUrls: string[];
  /** The requests the server saw since it started, and its event-loop stalls since the last call. */
  collect(): Promise<{ log: LoggedRequest[]; stalls: Stall[] }>;
  close(): Promise<void>;
}

/** Forks this file as the server and waits until it listens. */
export async function startSiteProcess(shape: CorpusShape, latencyMs: number): Promise<RemoteSite> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify({ shape, latencyMs })], {
    execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) => new Promise<T>((resolve, reject) => {
    const onMsg = (m: { type: string } & T) => { if (m.type === type) { child.off('message', onMsg); child.off('exit', onExit); resolve(m); } };
    const onExit = (code: number | null) => reject(new Error(`bench site process exited (${code}) before it sent '${type}'`));
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
  const ready = await next<{ hosts: string[]; feedUrls: string[] }>('ready');
  return {
    hosts: ready.hosts,
    feedUrls: ready.feedUrls,
    async collect() {
      const got = next<{ log: LoggedRequest[]; stalls: Stall[] }>('log');
      child.send({ type: 'log' } satisfies Msg);
      const { log, stalls } = await got;
      return { log, stalls };
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' } satisfies Msg);
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const { shape, latencyMs } = JSON.parse(process.argv[2]) as { shape: CorpusShape; latencyMs: number };
  const site = await startBenchSite(shape, latencyMs, { cache: true });
  let stalls = watchStalls();
  process.on('message', (m: Msg) => {
    if (m.type === 'log') {
      const recorded = stalls.stop();
      process.send!({ type: 'log', log: site.log, stalls: recorded });
      stalls = watchStalls();
    } else if (m.type === 'close') {
      void site.close().then(() => process.exit(0));
    }
  });
  process.send({ type: 'ready', hosts: site.hosts, feedUrls: site.feedUrls });
}
