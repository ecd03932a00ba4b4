/**
 * What a run needs from outside jobs/: the edges (network, LLM, embeddings endpoint), built by the composition root
 * (src/app/compose.ts) from the config and the environment it was given. Nothing under jobs/ builds one.
 */
import type { Fetcher } from '../net/index.js';
import type { Summarizer } from '../summarize/index.js';
import type { LlmTriage } from '../summarize/llm/index.js';
import type { EmbeddingStage, VectorCache } from '../cluster/embeddings.js';
import type { CpuFactory } from '../pool/index.js';

/** Builds one run's embeddings stage (sources.yaml `cluster.embeddings`), or null when it is not configured. */
export type EmbeddingsFactory = (run: {
  cache: VectorCache; now: () => Date; onWarning: (message: string, fields: Record<string, unknown>) => void;
}) => EmbeddingStage | null;

/** The edges of one ingest run; `runId` is read at call time (LLM calls are stored as rows of the run). */
export interface RunEdges {
  /** A fresh fetcher (its host queues and connections belong to one run); the caller closes it. */
  fetcher(): Fetcher;
  /** The run's summarizer (offline, or the configured LLM). */
  summarizer(runId: () => number | null): Summarizer;
  /** The triage tier, or null when none is configured. */
  triage(runId: () => number | null): LlmTriage | null;
  /** The embeddings view of story matching. */
  embeddings: EmbeddingsFactory;
  /** Starts a run's CPU stages: worker threads (`fetch.cpu_workers`) or, unset or 0 (the default), inline. */
  cpu: CpuFactory;
}
