/**
 * The LLM summarizer: drafts headline, bullet and topics for one story through any
 * OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, llama.cpp, vLLM, LM Studio, ...).
 * An edge: it does network I/O and must not import jobs, cli or web.
 */
import type { Summary, SummaryInput, Topic } from '../../domain/types.js';
import { instructionFindings } from '../injection.js';
import { contentHash, loadPrompt } from '../prompts.js';
import { draftSummary } from './draft.js';
import { REPAIR_VARS, splitRoles, SUMMARIZE_VARS } from './messages.js';
import { createTransport } from './transport.js';
import type { LlmConfig, LlmDeps } from './types.js';

export { LlmFatalError, LlmItemError } from './errors.js';
export { createEndpointRegistry, processEndpoints, type EndpointRegistry } from './endpoint.js';
export { createLlmTriage, type LlmTriage, type TriageVerdict } from './triage.js';

/** The model of a tier: llm.models.<tier>, else llm.model (one model for both tiers). */
export function tierModel(cfg: LlmConfig, tier: 'triage' | 'draft'): string {
  return cfg.models?.[tier] ?? cfg.model;
}
export type { LlmCallRecord, LlmDeps, LlmLog } from './types.js';

/** A summarizer backed by a chat model; `summarize` throws LlmFatalError (stop the stage) or LlmItemError (fail the item). */
export interface LlmSummarizer {
  /** 'llm:<model>' */
  name: string;
  /** Short hash of the prompt templates in use, stored with each summary and call. */
  promptVersion: string;
  summarize(input: SummaryInput, ctx: { publication: string; topics: Topic[] }): Promise<{ summary: Summary; unsupported: string[] }>;
}

/**
 * Loads and checks prompts/summarize.md and prompts/repair.md (PromptError at start-up if they are
 * wrong) and returns a summarizer; every HTTP attempt is reported through `deps.onCall`.
 */
export function createLlmSummarizer(cfg: LlmConfig, deps: LlmDeps): LlmSummarizer {
  const summarizeT = loadPrompt(deps.promptsDir, 'summarize', SUMMARIZE_VARS);
  const repair = loadPrompt(deps.promptsDir, 'repair', REPAIR_VARS);
  const roles = splitRoles(summarizeT);
  const promptVersion = contentHash(`${summarizeT.version}+${repair.version}`);
  const model = tierModel(cfg, 'draft');
  const transport = createTransport(cfg, deps, promptVersion, { tier: 'draft', model });
  const env = { cfg, roles, repair, transport, log: deps.log };
  return {
    name: `llm:${model}`,
    promptVersion,
    // Instructions planted in the article are quoted to the editor whatever the draft says.
    summarize: async (input, ctx) => {
      const r = await draftSummary(env, input, ctx);
      return { ...r, unsupported: [...r.unsupported, ...instructionFindings(input)] };
    },
  };
}
