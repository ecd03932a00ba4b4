/** Types shared by the LLM summarizer's files; index.ts re-exports the public ones. */
import type { LlmConfig } from '../../config/schema.js';
import type { LlmCall } from '../../domain/types.js';
import type { EndpointRegistry } from './endpoint.js';

/** One HTTP attempt against the chat-completions endpoint, as stored in the llm_calls table. */
export type LlmCallRecord = LlmCall;

/** The logging the summarizer needs; a pino logger fits. */
export interface LlmLog {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What createLlmSummarizer is given: secrets and endpoint from the environment, hooks from the caller. */
export interface LlmDeps {
  /** OPENAI_API_KEY; servers such as Ollama need none (a placeholder is sent). */
  apiKey?: string;
  /** OPENAI_BASE_URL; wins over llm.base_url. */
  baseUrl?: string;
  promptsDir: string;
  onCall: (r: LlmCallRecord) => void;
  log?: LlmLog;
  /** Backoff sleeps go through this (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /**
   * Shared per-endpoint state (429 pause, detected response_format). Summarizers given the same
   * registry share it; without one, each summarizer has its own. Jobs pass the process-wide one.
   */
  endpoints?: EndpointRegistry;
}

/** A chat message as sent to the server. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type { LlmConfig };
