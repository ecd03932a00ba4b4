/**
 * The entry of a CPU worker thread (piscina): sets the stages up once from the run's setup (workerData), then
 * answers one task per message with plain data. Loaded as dist/pool/worker.js when built, as this .ts file under tsx.
 */
import { workerData } from 'node:worker_threads';
import { stageHandlers, type CpuSetup, type CpuTask } from './stages.js';

const handlers = stageHandlers((workerData as { setup: CpuSetup }).setup);

/** Runs one task; the CPU ms it took come back with the result. */
export default async function run(task: CpuTask): Promise<{ value: unknown; ms: number }> {
  const t = performance.now();
  const value = task.kind === 'warm' ? null
    : task.kind === 'page' ? handlers.page(task.input)
    : task.kind === 'features' ? await handlers.features(task.input)
      : await handlers.summary(task.input);
  return { value, ms: performance.now() - t };
}
