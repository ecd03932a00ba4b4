/**
 * A CPU worker for tests: the real one (src/pool/worker.ts), except that a page carrying a poison marker makes it
 * throw (POISON-THROW) or end its thread (POISON-EXIT), as a crash in a parser would.
 */
import run from '../../src/pool/worker.js';
import type { CpuTask } from '../../src/pool/stages.js';

export default async function poisoned(task: CpuTask): Promise<unknown> {
  if (task.kind === 'page' && task.input.html?.includes('POISON-THROW')) throw new Error('the parser choked on this page');
  if (task.kind === 'page' && task.input.html?.includes('POISON-EXIT')) process.exit(3);
  return run(task);
}
