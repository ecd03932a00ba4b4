/**
 * The CPU stages of a run behind one small interface: inline on the main thread (`fetch.cpu_workers: 0`, tests, the
 * fallback) or in a pool of worker threads (src/pool/threads.ts, built by the composition root). Either way the
 * results are the same; only where the CPU time is spent differs.
 */
import type { StoryFeatures } from '../cluster/index.js';
import type { SummaryInput } from '../domain/types.js';
import type { PageInput, PageRecord } from './record.js';
import { stageHandlers, type CpuSetup, type FeaturesInput, type OfflineDraft } from './stages.js';

export type { CpuSetup, FeaturesInput, OfflineDraft } from './stages.js';
export type { PageInput, PageRecord } from './record.js';
export { pageRecord, recordOf } from './record.js';

/** One run's CPU stages. A rejected promise is that one item's failure (the message says why); the others go on. */
export interface CpuStages {
  /** Worker threads doing the work; 0 when it runs inline. */
  readonly workers: number;
  page(input: PageInput): Promise<PageRecord>;
  features(input: FeaturesInput): Promise<StoryFeatures>;
  summary(input: SummaryInput): Promise<OfflineDraft>;
  /** CPU ms the stages took, by stage (for the run report); measured where they ran. */
  cpuMs(): Record<string, number>;
  /** Stops the workers (inline: nothing to do). */
  close(): Promise<void>;
}

/** Builds one run's stages from its setup (the composition root's `cpu`; absent: inline). */
export type CpuFactory = (setup: CpuSetup) => CpuStages;

/** The stages on the calling thread, as before there was a pool. */
export function inlineStages(setup: CpuSetup, clock: () => number = () => performance.now()): CpuStages {
  const h = stageHandlers(setup);
  const spent = { page: 0, features: 0, summary: 0 };
  const timed = <T>(stage: keyof typeof spent, fn: () => T): T => {
    const t = clock();
    try { return fn(); } finally { spent[stage] += clock() - t; }
  };
  const timedAsync = async <T>(stage: keyof typeof spent, fn: () => Promise<T>): Promise<T> => {
    const t = clock();
    try { return await fn(); } finally { spent[stage] += clock() - t; }
  };
  return {
    workers: 0,
    page: async (input) => timed('page', () => h.page(input, clock)),
    features: (input) => timedAsync('features', () => h.features(input)),
    summary: (input) => timedAsync('summary', () => h.summary(input)),
    cpuMs: () => ({ ...spent }),
    close: async () => {},
  };
}
