/** The two ways an LLM summarization ends badly, and how HTTP/client errors map onto them. */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { parseRetryAfter } from '../../net/retry.js';

/** The endpoint cannot work at all (bad key, unknown model, server down): stop the stage; the message says what to fix. */
export class LlmFatalError extends Error {
  override name = 'LlmFatalError';
}

/** This item could not be summarized (garbage, refusal, empty, gave up retrying): mark it failed, retry next run. */
export class LlmItemError extends Error {
  override name = 'LlmItemError';
}

/** What to do about one failed HTTP attempt. */
export interface Failure {
  kind: 'fatal' | 'transient' | 'format' | 'param' | 'item';
  /** Stored as LlmCallRecord.outcome. */
  outcome: string;
  message: string;
  /** For kind 'param': the request parameter this model refuses. */
  param?: 'max_tokens' | 'temperature';
  /** From retry-after-ms or Retry-After (seconds or HTTP date), when the server sent one. */
  retryAfterMs?: number | null;
}

/** Error codes of a refused or unresolvable connection: retrying will not help. */
const DEAD_ENDPOINT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** The first `code` found along an error's cause chain (fetch wraps the socket error twice). */
function causeCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** The server's own explanation, without the SDK's "400 " prefix. */
function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const msg = typeof body?.message === 'string' ? body.message : err.message;
  return msg.replace(/^\d{3}\s+/, '').slice(0, 300);
}

/** Classifies an error thrown by `client.chat.completions.create`. */
export function classifyFailure(err: unknown, where: { model: string; baseUrl: string; timeoutMs: number }, nowMs: number): Failure {
  const { model, baseUrl, timeoutMs } = where;
  if (err instanceof APIConnectionTimeoutError) {
    return { kind: 'transient', outcome: 'timeout', message: `no answer from ${baseUrl} within ${timeoutMs} ms` };
  }
  if (err instanceof APIConnectionError) {
    const code = causeCode(err);
    if (code && DEAD_ENDPOINT.has(code)) {
      return { kind: 'fatal', outcome: 'connection', message: `cannot connect to the LLM server at ${baseUrl} (${code}) — ` +
        'is the server running? check OPENAI_BASE_URL or llm.base_url in sources.yaml' };
    }
    return { kind: 'transient', outcome: 'network', message: `connection to ${baseUrl} failed (${code ?? err.message})` };
  }
  if (!(err instanceof APIError) || err.status === undefined) {
    return { kind: 'item', outcome: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  const status = err.status;
  const said = serverMessage(err);
  const header = (n: string) => err.headers?.get(n) ?? undefined;
  if (status === 401 || status === 403) {
    return { kind: 'fatal', outcome: 'auth', message: `the API key was refused by ${baseUrl} (HTTP ${status}: ${said}) — ` +
      'set OPENAI_API_KEY to a valid key for this server (or unset it for a local server that needs none)' };
  }
  if (status === 404) {
    return { kind: 'fatal', outcome: 'not_found', message: `model "${model}" not found at ${baseUrl} (HTTP 404: ${said}) — ` +
      'check llm.model in sources.yaml and OPENAI_BASE_URL (it usually ends in /v1)' };
  }
  if (status === 429 && /insufficient_quota|billing|quota/i.test(`${err.code ?? ''} ${said}`)) {
    return { kind: 'fatal', outcome: 'quota', message: `the account at ${baseUrl} has no quota left (HTTP 429: ${said}) — ` +
      'add credit or raise the limit, then run again' };
  }
  // OpenAI sends retry-after-ms beside the standard header; it is the more precise of the two.
  const precise = Number(header('retry-after-ms'));
  const retryAfterMs = Number.isFinite(precise) && precise >= 0 && header('retry-after-ms')
    ? precise : parseRetryAfter(header('retry-after'), nowMs);
  if (status === 429) return { kind: 'transient', outcome: 'http_429', message: `rate limited (HTTP 429: ${said})`, retryAfterMs };
  if (status >= 500 || status === 408) {
    return { kind: 'transient', outcome: 'http_5xx', message: `server error (HTTP ${status}: ${said})`, retryAfterMs };
  }
  // Reasoning models refuse max_tokens (they want max_completion_tokens) and any non-default temperature.
  const rejected = `${err.param ?? ''} ${said}`;
  if (status === 400 && /max_tokens/.test(rejected) && /max_completion_tokens|unsupported|not supported/i.test(said)) {
    return { kind: 'param', outcome: 'param_rejected', param: 'max_tokens', message: `max_tokens rejected (HTTP 400: ${said})` };
  }
  if (status === 400 && /temperature/i.test(rejected) && /unsupported|not supported|only the default/i.test(said)) {
    return { kind: 'param', outcome: 'param_rejected', param: 'temperature', message: `temperature rejected (HTTP 400: ${said})` };
  }
  if ((status === 400 || status === 422) && /response_format|json_schema|json_object|structured/i.test(said)) {
    return { kind: 'format', outcome: 'format_rejected', message: `response_format rejected (HTTP ${status}: ${said})` };
  }
  return { kind: 'item', outcome: 'http_4xx', message: `the server rejected the request (HTTP ${status}: ${said})` };
}
