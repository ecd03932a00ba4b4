/**
 * The CPU stages in a pool of worker threads (piscina), sized by `fetch.cpu_workers` (default: the machine's cores).
 * The main thread keeps the network and the single SQLite writer; a task carries an item's HTML or text in and its
 * record out. A task whose worker throws is rejected with the reason; a worker that dies fails its task (the pool
 * starts another in its place) and the run goes on. Built by the composition root only (it starts threads).
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { StoryFeatures } from '../cluster/index.js';
import type { CpuSetup, CpuStages, OfflineDraft, PageRecord } from './index.js';
import type { CpuTask } from './stages.js';

/** The worker entry beside this file: worker.js in dist/, worker.ts when run from source under tsx. */
export function workerFile(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`./worker.${ext}`, import.meta.url));
}

export function startCpuWorkers(setup: CpuSetup, opts: { workers: number; filename?: string }): CpuStages {
  const spent: Record<string, number> = { page: 0, features: 0, summary: 0 };
  let pool: Piscina | null = null;
  // Threads start with the first task: a run with nothing new to extract never pays for them.
  const started = () => (pool ??= new Piscina({
    filename: opts.filename ?? workerFile(),
    minThreads: opts.workers,
    maxThreads: opts.workers,
    idleTimeout: 60_000,
    workerData: { setup },
  }));
  const run = async <T>(task: CpuTask): Promise<T> => {
    let out: { value: T; ms: number };
    try {
      out = await started().run(task) as { value: T; ms: number };
    } catch (err) {
      throw new Error(`the ${task.kind === 'page' ? 'extraction' : task.kind === 'features' ? 'story features' : 'offline summary'} worker failed: ${(err as Error).message}`);
    }
    spent[task.kind] += out.ms;
    return out.value;
  };
  return {
    workers: opts.workers,
    page: (input) => run<PageRecord>({ kind: 'page', input }),
    features: (input) => run<StoryFeatures>({ kind: 'features', input }),
    summary: (input) => run<OfflineDraft>({ kind: 'summary', input }),
    cpuMs: () => ({ ...spent }),
    close: async () => { const p = pool; pool = null; await p?.destroy(); },
  };
}
