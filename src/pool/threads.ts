/**
 * The CPU stages in a pool of worker threads (piscina), sized by `fetch.cpu_workers` (off by default: see cpuStagesFor).
 * The main thread keeps the network and the single SQLite writer; a task carries an item's HTML or text in and its
 * record out. A task whose worker throws is rejected with the reason; a worker that dies fails its task (the pool
 * starts another in its place) and the run goes on. Built by the composition root only (it starts threads).
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { StoryFeatures } from '../cluster/index.js';
import { inlineStages, type CpuSetup, type CpuStages, type OfflineDraft, type PageRecord } from './index.js';
import type { CpuTask } from './stages.js';

/** The worker entry beside this file: worker.js in dist/, worker.ts when run from source under tsx. */
export function workerFile(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`./worker.${ext}`, import.meta.url));
}

/** Workers get a smaller young generation than V8's default: two or more isolates each keeping 48 MB of it add up. */
const YOUNG_GEN_MB = 16;

export function startCpuWorkers(setup: CpuSetup, opts: { workers: number; filename?: string; youngGenerationMb?: number; inlineUntilReady?: boolean }): CpuStages {
  const spent: Record<string, number> = { page: 0, features: 0, summary: 0 };
  // Until a worker has loaded its stages (about half a second), tasks run here, on the main thread: a run with a
  // handful of new items never waits for the threads, and a long one moves to them as soon as they are ready.
  const here = inlineStages(setup);
  let pool: Piscina | null = null;
  let ready = opts.inlineUntilReady === false;
  // After close (a run that failed part-way may still have items in flight), tasks run here: no new threads.
  let closed = false;
  const started = (): Piscina => {
    if (pool) return pool;
    const p = new Piscina({
      filename: opts.filename ?? workerFile(),
      minThreads: opts.workers,
      maxThreads: opts.workers,
      idleTimeout: 60_000,
      workerData: { setup },
      resourceLimits: { maxYoungGenerationSizeMb: opts.youngGenerationMb ?? YOUNG_GEN_MB },
    });
    pool = p;
    p.run({ kind: 'warm' } satisfies CpuTask).then(() => { ready = true; }, () => { /* the first real task reports it */ });
    return p;
  };
  const run = async <T>(task: Exclude<CpuTask, { kind: 'warm' }>): Promise<T> => {
    if (closed) return (await here[task.kind](task.input as never)) as T;
    const p = started();
    if (!ready) return (await here[task.kind](task.input as never)) as T;
    let out: { value: T; ms: number };
    try {
      out = await p.run(task) as { value: T; ms: number };
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
    cpuMs: () => {
      const inline = here.cpuMs();
      return Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, v + (inline[k] ?? 0)]));
    },
    close: async () => { closed = true; const p = pool; pool = null; await p?.destroy(); },
  };
}
