import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { offlineSummarizer, type Summarizer } from '../summarize/index.js';
import { createLlmSummarizer, createLlmTriage, processEndpoints, tierModel, type EndpointRegistry, type LlmTriage } from '../summarize/llm/index.js';
import { setTopicModel } from '../summarize/topics.js';
import { modelWithEditorTopics } from '../topics/load.js';
import { callContext } from '../jobs/summarize.js';
import type { Logger } from '../jobs/log.js';

/** The prompts shipped with newsdesk (prompts/ at the package root). */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/** Which summarizer a run uses: forced by --summarizer, else the LLM when a key or base URL is configured. */
export function chooseSummarizer(config: Config, env: Record<string, string | undefined>, forced?: string): 'offline' | 'llm' {
  if (forced === 'offline' || forced === 'llm') return forced;
  return env.OPENAI_API_KEY || env.OPENAI_BASE_URL || config.llm?.base_url ? 'llm' : 'offline';
}

/** Builds the summarizer (the LLM one is an edge: built here, in the composition root's directory, never under jobs/); LLM calls are stored as rows of the given run (read at call time). */
export function buildSummarizer(kind: 'offline' | 'llm', config: Config, deps: {
  env: Record<string, string | undefined>; store: Store; log: Logger; runId: () => number | null; now: () => Date; promptsDir?: string;
  /** What is shared per base URL (the 429 pause, the detected response_format); default: the process's one registry. */
  endpoints?: EndpointRegistry;
}): Summarizer {
  if (kind === 'offline') {
    // The editor's re-tags train the topic ranking of this run's drafts (none: the committed model alone).
    setTopicModel(modelWithEditorTopics(config.topics, deps.store.editorTopicExamples()));
    return offlineSummarizer();
  }
  return createLlmSummarizer(llmConfig(config), llmDeps(deps));
}

/** llm: from sources.yaml, or the defaults when only a key or base URL is given. */
function llmConfig(config: Config) {
  return config.llm ?? { model: 'gpt-4o-mini', max_input_tokens: 2000, max_output_tokens: 600, temperature: 0.2, concurrency: 4, timeout_ms: 60000 };
}

type BuildDeps = Parameters<typeof buildSummarizer>[2];

function llmDeps(deps: BuildDeps) {
  return {
    apiKey: deps.env.OPENAI_API_KEY,
    baseUrl: deps.env.OPENAI_BASE_URL,
    promptsDir: deps.promptsDir ?? PROMPTS_DIR,
    log: deps.log,
    // One registry for every run of the composition root: the 429 pause and the detected response_format outlive a
    // run (serve), and both tiers share it.
    endpoints: deps.endpoints ?? processEndpoints,
    onCall: (r: Parameters<Parameters<typeof createLlmSummarizer>[1]['onCall']>[0]) =>
      deps.store.recordLlmCall(deps.runId(), callContext.getStore()?.itemId ?? null, r, deps.now().toISOString()),
  };
}

/**
 * The triage tier for an ingest run, or null: it runs with the LLM summarizer when llm.models.triage or
 * llm.triage_band is set (with a single llm.model, that model triages too).
 */
export function buildTriage(kind: 'offline' | 'llm', config: Config, deps: BuildDeps): LlmTriage | null {
  const llm = config.llm;
  if (kind !== 'llm' || !llm || (!llm.models?.triage && llm.triage_band === undefined)) return null;
  return createLlmTriage(llm, llmDeps(deps), { publication: config.publication.name, topics: config.topics.map((t) => ({ ...t })),
    allOf: config.relevance.all_of, model: tierModel(llm, 'triage') });
}
