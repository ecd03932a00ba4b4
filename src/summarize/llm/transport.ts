/**
 * One chat completion with everything around it: the openai client (its own retries off, so every
 * attempt is recorded), the response_format fallback chain, max_tokens/temperature adaptation for
 * reasoning models, backoff on 429/5xx/timeouts honouring Retry-After up to llm.max_retry_wait_s
 * (beyond it, or after 3 timeouts in a row, the instance stops: LlmFatalError for this and every
 * later request), the concurrency and requests-per-minute limits, and one LlmCallRecord per attempt.
 */
import OpenAI from 'openai';
import PQueue from 'p-queue';
import { backoffMs } from '../../net/retry.js';
import { classifyFailure, LlmFatalError, LlmItemError } from './errors.js';
import { countTokens } from './truncate.js';
import type { ChatMessage, LlmCallRecord, LlmConfig, LlmDeps } from './types.js';

/** Retries after a transient failure (so up to 5 attempts per message). */
const MAX_RETRIES = 4;
const BACKOFF_BASE_MS = 1000;
/** llm.max_retry_wait_s when not configured. */
const DEFAULT_MAX_RETRY_WAIT_S = 60;
/** Timeouts in a row (across stories) after which the server is taken for hung and the stage stops. */
const BREAKER_TIMEOUTS = 3;
/** Sent when no key is configured: local servers (Ollama, llama.cpp, vLLM) ignore it. */
const PLACEHOLDER_KEY = 'no-key-needed';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

type Mode = 'json_schema' | 'json_object' | 'none';
const NEXT_MODE: Record<Mode, Mode> = { json_schema: 'json_object', json_object: 'none', none: 'none' };

/** A successful HTTP answer; `settle` records the call once the caller knows what the content was worth. */
export interface ChatReply {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  /** True when the server sent no choice at all. */
  noChoices: boolean;
  settle(outcome: string, error?: string | null): void;
}

/** Sends conversations to the endpoint. */
export interface Transport {
  baseUrl: string;
  /** The response_format mode in use (json_schema until the server refuses it). */
  mode(): Mode;
  chat(messages: ChatMessage[], schema: Record<string, unknown>): Promise<ChatReply>;
}

/** Builds the transport for one summarizer instance. */
export function createTransport(cfg: LlmConfig, deps: LlmDeps, promptVersion: string): Transport {
  const baseUrl = (deps.baseUrl || cfg.base_url || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const client = new OpenAI({ apiKey: deps.apiKey || PLACEHOLDER_KEY, baseURL: baseUrl, maxRetries: 0, timeout: cfg.timeout_ms });
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  // Concurrency caps requests in flight; requests_per_minute spaces their starts evenly (p-queue's
  // interval option counts per fixed window, which lets two starts fall either side of a boundary).
  const queue = new PQueue({ concurrency: cfg.concurrency });
  const spacing = cfg.requests_per_minute ? 60_000 / cfg.requests_per_minute : 0;
  let nextStart = 0;
  const pace = async () => {
    if (!spacing) return;
    const t = now();
    const at = Math.max(t, nextStart);
    nextStart = at + spacing;
    if (at > t) await new Promise<void>((r) => setTimeout(r, at - t));
  };
  const maxWaitS = cfg.max_retry_wait_s ?? DEFAULT_MAX_RETRY_WAIT_S;
  // Once set, every later request of this instance fails at once with this message (the stage stops).
  let stopped: string | null = null;
  let timeoutsInRow = 0;
  let mode: Mode = 'json_schema';
  // Learned from 400s, like the mode: reasoning models want max_completion_tokens and no temperature.
  let tokenParam: 'max_tokens' | 'max_completion_tokens' = 'max_tokens';
  let sendTemperature = true;
  const price = (tin: number, tout: number) =>
    ((tin * (cfg.prices?.input_per_mtok ?? 0)) + (tout * (cfg.prices?.output_per_mtok ?? 0))) / 1e6;
  const record = (r: Omit<LlmCallRecord, 'model' | 'prompt_version' | 'cost_usd'>, billed: boolean) =>
    deps.onCall({ model: cfg.model, prompt_version: promptVersion, ...r,
      cost_usd: billed ? Number(price(r.tokens_in, r.tokens_out).toFixed(8)) : 0 });

  function body(messages: ChatMessage[], schema: Record<string, unknown>, m: Mode) {
    const format = m === 'json_schema' ? { type: 'json_schema' as const, json_schema: { name: 'news_summary', strict: true, schema } }
      : m === 'json_object' ? { type: 'json_object' as const } : undefined;
    return { model: cfg.model, messages, [tokenParam]: cfg.max_output_tokens,
      ...(sendTemperature ? { temperature: cfg.temperature } : {}), ...(format ? { response_format: format } : {}) };
  }

  async function attempt(messages: ChatMessage[], schema: Record<string, unknown>, m: Mode) {
    return queue.add(async () => {
      await pace();
      const sent = body(messages, schema, m);
      const t0 = now();
      try {
        const res = await client.chat.completions.create(sent, { timeout: cfg.timeout_ms });
        return { res, ms: now() - t0, sent };
      } catch (error) {
        return { error, ms: now() - t0, sent };
      }
    });
  }

  async function chat(messages: ChatMessage[], schema: Record<string, unknown>): Promise<ChatReply> {
    const promptTokens = () => countTokens(messages.map((x) => x.content).join('\n')) + 4 * messages.length;
    for (let retry = 0; ; ) {
      if (stopped) throw new LlmFatalError(stopped);
      const used = mode;
      const r = await attempt(messages, schema, used);
      if (stopped) throw new LlmFatalError(stopped);
      if ('res' in r && r.res) {
        timeoutsInRow = 0;
        const choice = r.res.choices?.[0];
        const content = choice?.message?.content ?? null;
        const tin = r.res.usage?.prompt_tokens ?? promptTokens();
        const tout = r.res.usage?.completion_tokens ?? (content ? countTokens(content) : 0);
        let settled = false;
        return {
          content, refusal: choice?.message?.refusal ?? null, finishReason: choice?.finish_reason ?? null, noChoices: !choice,
          settle(outcome, error = null) {
            if (settled) return;
            settled = true;
            record({ tokens_in: tin, tokens_out: tout, ms: r.ms, outcome, error }, true);
          },
        };
      }
      const f = classifyFailure(r.error, { model: cfg.model, baseUrl, timeoutMs: cfg.timeout_ms }, now());
      record({ tokens_in: 0, tokens_out: 0, ms: r.ms, outcome: f.outcome, error: f.message }, false);
      if (f.kind === 'fatal') throw new LlmFatalError(f.message);
      timeoutsInRow = f.outcome === 'timeout' ? timeoutsInRow + 1 : 0;
      if (timeoutsInRow >= BREAKER_TIMEOUTS) {
        stopped = `LLM not answering: ${timeoutsInRow} requests in a row to ${baseUrl} got no answer within ${cfg.timeout_ms} ms; ` +
          'the remaining stories wait for the next run (check that the server is up and not overloaded, or raise llm.timeout_ms)';
        throw new LlmFatalError(stopped);
      }
      if (f.kind === 'transient' && f.retryAfterMs != null && f.retryAfterMs > maxWaitS * 1000) {
        stopped = `rate limited until ${new Date(now() + f.retryAfterMs).toISOString()} — ${baseUrl} asked to wait ` +
          `${Math.round(f.retryAfterMs / 1000)} s, more than llm.max_retry_wait_s (${maxWaitS} s); the remaining stories wait for the next run`;
        throw new LlmFatalError(stopped);
      }
      if (f.kind === 'format' && used !== 'none') {
        // Remember the downgrade for the whole instance; a parallel request may have done it already.
        if (mode === used) mode = NEXT_MODE[used];
        deps.log?.warn({ stage: 'summarize', outcome: f.outcome, mode }, `${f.message}; falling back to response_format ${mode}`);
        continue;
      }
      // Judged on what this request sent: a parallel one may already have adapted the settings.
      if (f.kind === 'param' && (f.param === 'max_tokens' ? 'max_tokens' in r.sent : 'temperature' in r.sent)) {
        if (f.param === 'max_tokens') tokenParam = 'max_completion_tokens';
        else sendTemperature = false;
        deps.log?.warn({ stage: 'summarize', outcome: f.outcome }, `${f.message}; adapting the request for this model`);
        continue;
      }
      if (f.kind === 'transient' && retry < MAX_RETRIES) {
        const wait = f.retryAfterMs != null ? f.retryAfterMs : backoffMs(retry, BACKOFF_BASE_MS, random);
        deps.log?.debug({ stage: 'summarize', outcome: f.outcome, ms: wait }, `${f.message}; retrying in ${wait} ms`);
        retry++;
        await sleep(wait);
        continue;
      }
      throw new LlmItemError(f.kind === 'transient' ? `${f.message}; gave up after ${retry + 1} attempts` : f.message);
    }
  }

  return { baseUrl, mode: () => mode, chat };
}
