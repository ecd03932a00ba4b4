/**
 * One chat completion with everything around it: the openai client (its own retries off, so every
 * attempt is recorded), the response_format fallback chain (detected once per endpoint, see
 * endpoint.ts), max_tokens/temperature adaptation for reasoning models, backoff on 429/5xx/timeouts
 * honouring Retry-After up to llm.max_retry_wait_s (a 429's Retry-After pauses every request to the
 * endpoint; beyond the limit, or after 3 timeouts in a row, the instance stops: LlmFatalError for
 * this and every later request), the concurrency and requests-per-minute limits, and one
 * LlmCallRecord per attempt, tagged with the tier (triage or draft) and model that made it.
 */
import OpenAI from 'openai';
import PQueue from 'p-queue';
import { backoffMs } from '../../net/retry.js';
import { createEndpointRegistry, NEXT_MODE, pauseEndpoint, waitForPause, type Mode } from './endpoint.js';
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

/** Which tier a transport serves: the cheap triage model or the strong draft model. */
export type Tier = 'triage' | 'draft';

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
  model: string;
  tier: Tier;
  /** The response_format mode in use for this endpoint (json_schema until the server refuses it). */
  mode(): Mode;
  chat(messages: ChatMessage[], schema: Record<string, unknown>): Promise<ChatReply>;
}

/** The base URL requests go to: OPENAI_BASE_URL, else llm.base_url, else OpenAI's. */
export function endpointUrl(cfg: LlmConfig, deps: Pick<LlmDeps, 'baseUrl'>): string {
  return (deps.baseUrl || cfg.base_url || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** USD per million tokens for `model`: llm.model_prices[model], else llm.prices. */
export function pricesFor(cfg: LlmConfig, model: string): { input_per_mtok: number; output_per_mtok: number } {
  const p = cfg.model_prices?.[model] ?? cfg.prices;
  return { input_per_mtok: p?.input_per_mtok ?? 0, output_per_mtok: p?.output_per_mtok ?? 0 };
}

/**
 * Builds the transport of one tier. `tier.model` defaults to llm.model; transports given the same
 * `deps.endpoints` registry share the 429 pause and the detected response_format of each endpoint
 * (without one, a registry of their own).
 */
export function createTransport(cfg: LlmConfig, deps: LlmDeps, promptVersion: string,
  tier: { tier: Tier; model?: string } = { tier: 'draft' }): Transport {
  const baseUrl = endpointUrl(cfg, deps);
  const model = tier.model ?? cfg.model;
  const ep = (deps.endpoints ?? createEndpointRegistry()).get(baseUrl);
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
  // Learned from 400s, like the mode: reasoning models want max_completion_tokens and no temperature.
  let tokenParam: 'max_tokens' | 'max_completion_tokens' = 'max_tokens';
  let sendTemperature = true;
  const prices = pricesFor(cfg, model);
  const price = (tin: number, tout: number) => ((tin * prices.input_per_mtok) + (tout * prices.output_per_mtok)) / 1e6;
  const record = (r: Omit<LlmCallRecord, 'model' | 'prompt_version' | 'cost_usd' | 'tier'>, billed: boolean) =>
    deps.onCall({ model, tier: tier.tier, prompt_version: promptVersion, ...r,
      cost_usd: billed ? Number(price(r.tokens_in, r.tokens_out).toFixed(8)) : 0 });

  function body(messages: ChatMessage[], schema: Record<string, unknown>, m: Mode) {
    const format = m === 'json_schema' ? { type: 'json_schema' as const, json_schema: { name: 'news_summary', strict: true, schema } }
      : m === 'json_object' ? { type: 'json_object' as const } : undefined;
    return { model, messages, [tokenParam]: cfg.max_output_tokens,
      ...(sendTemperature ? { temperature: cfg.temperature } : {}), ...(format ? { response_format: format } : {}) };
  }

  async function attempt(messages: ChatMessage[], schema: Record<string, unknown>, m: Mode, ownPause: number | null) {
    return queue.add(async () => {
      // Another request's 429 may have paused the endpoint while this one waited for a slot.
      await waitForPause(ep, now, sleep, ownPause);
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

  /**
   * While the endpoint's mode is unknown, one request at a time probes it (the others wait for its
   * answer), so a server without structured outputs refuses json_schema once, not once per request.
   */
  async function claimProbe(): Promise<(() => void) | null> {
    while (!ep.known && ep.probe) await ep.probe;
    if (ep.known) return null;
    let release!: () => void;
    ep.probe = new Promise<void>((r) => { release = r; });
    return () => { ep.probe = null; release(); };
  }

  async function chat(messages: ChatMessage[], schema: Record<string, unknown>): Promise<ChatReply> {
    const promptTokens = () => countTokens(messages.map((x) => x.content).join('\n')) + 4 * messages.length;
    if (stopped) throw new LlmFatalError(stopped);
    const releaseProbe = await claimProbe();
    try {
      return await send(messages, schema, promptTokens);
    } finally {
      releaseProbe?.();
    }
  }

  async function send(messages: ChatMessage[], schema: Record<string, unknown>, promptTokens: () => number): Promise<ChatReply> {
    // The pause this request already slept through itself (it got the 429).
    let ownPause: number | null = null;
    for (let retry = 0; ; ) {
      if (stopped) throw new LlmFatalError(stopped);
      // Another tier (or story) was told to wait longer than we may: stop too, sending nothing.
      if (ep.pausedUntil - now() > maxWaitS * 1000 && ep.pausedUntil !== ownPause) {
        stopped = `rate limited until ${new Date(ep.pausedUntil).toISOString()} — ${baseUrl} asked to wait ` +
          `${Math.round((ep.pausedUntil - now()) / 1000)} s, more than llm.max_retry_wait_s (${maxWaitS} s); the remaining stories wait for the next run`;
        throw new LlmFatalError(stopped);
      }
      const used = ep.mode;
      const r = await attempt(messages, schema, used, ownPause);
      if (stopped) throw new LlmFatalError(stopped);
      if ('res' in r && r.res) {
        timeoutsInRow = 0;
        // The server took this response_format: that is the endpoint's mode from now on.
        if (ep.mode === used) ep.known = true;
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
      const f = classifyFailure(r.error, { model, baseUrl, timeoutMs: cfg.timeout_ms }, now());
      // Pause the endpoint before anything else runs, so no request slips in between.
      if (f.outcome === 'http_429' && f.retryAfterMs != null) ownPause = pauseEndpoint(ep, now() + f.retryAfterMs);
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
        // Remembered for the endpoint; a request that raced the probe may have downgraded it already.
        if (ep.mode === used) ep.mode = NEXT_MODE[used];
        deps.log?.warn({ stage: 'summarize', outcome: f.outcome, mode: ep.mode }, `${f.message}; falling back to response_format ${ep.mode}`);
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

  return { baseUrl, model, tier: tier.tier, mode: () => ep.mode, chat };
}
