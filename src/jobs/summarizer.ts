import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { offlineSummarizer, type Summarizer } from '../summarize/index.js';
import { createLlmSummarizer, processEndpoints } from '../summarize/llm/index.js';
import { setTopicModel } from '../summarize/topics.js';
import { modelWithEditorTopics } from '../topics/load.js';
import { callContext } from './summarize.js';
import type { Logger } from './log.js';

/** The prompts shipped with newsdesk (prompts/ at the package root). */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/** Which summarizer a run uses: forced by --summarizer, else the LLM when a key or base URL is configured. */
export function chooseSummarizer(config: Config, env: Record<string, string | undefined>, forced?: string): 'offline' | 'llm' {
  if (forced === 'offline' || forced === 'llm') return forced;
  return env.OPENAI_API_KEY || env.OPENAI_BASE_URL || config.llm?.base_url ? 'llm' : 'offline';
}

/** Builds the summarizer; LLM calls are stored as rows of the given run (read at call time). */
export function buildSummarizer(kind: 'offline' | 'llm', config: Config, deps: {
  env: Record<string, string | undefined>; store: Store; log: Logger; runId: () => number | null; now: () => Date; promptsDir?: string;
}): Summarizer {
  if (kind === 'offline') {
    // The editor's re-tags train the topic ranking of this run's drafts (none: the committed model alone).
    setTopicModel(modelWithEditorTopics(config.topics, deps.store.editorTopicExamples()));
    return offlineSummarizer();
  }
  const llm = config.llm ?? { model: 'gpt-4o-mini', max_input_tokens: 2000, max_output_tokens: 600, temperature: 0.2, concurrency: 4, timeout_ms: 60000 };
  return createLlmSummarizer(llm, {
    apiKey: deps.env.OPENAI_API_KEY,
    baseUrl: deps.env.OPENAI_BASE_URL,
    promptsDir: deps.promptsDir ?? PROMPTS_DIR,
    log: deps.log,
    // One registry per process: the 429 pause and the detected response_format outlive a run (serve).
    endpoints: processEndpoints,
    onCall: (r) => deps.store.recordLlmCall(deps.runId(), callContext.getStore()?.itemId ?? null, r, deps.now().toISOString()),
  });
}
