/**
 * A fake OpenAI-compatible server for tests and benches: real HTTP on 127.0.0.1 (random port),
 * `POST /v1/chat/completions` and `GET /v1/models`. Every request is recorded; chat requests are
 * answered by a handler function or a scripted queue of replies. Like some real servers it can
 * refuse `response_format` json_schema (or json_object) with a 400, check the API key, and answer
 * 404 for unknown models, so the client's fallbacks and error messages can be exercised.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat-completions request body as received. */
export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

/** How to answer one chat request. `raw` is sent verbatim (for broken bodies); otherwise `json`. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: string;
  /** Wait this long before answering (the client may time out first). */
  delayMs?: number;
}

/** Answers chat request number `n` (1-based, counting every chat request received). */
export type FakeHandler = (body: ChatBody, n: number) => FakeReply | Promise<FakeReply>;

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (undefined for GET or a body that is not JSON). */
  body: ChatBody | undefined;
  at: number;
}

/** Options of startFakeOpenAI. */
export interface FakeOptions {
  handler?: FakeHandler;
  /** Used in order when there is no handler; when it runs out, the server answers 418. */
  replies?: FakeReply[];
  /** Answer 400 to response_format json_schema, as llama.cpp builds or older vLLM do. */
  rejectJsonSchema?: boolean;
  /** Answer 400 to response_format json_object as well. */
  rejectJsonObject?: boolean;
  /**
   * Structured-output support, as a server advertises it: 'schema' takes json_schema and json_object
   * (OpenAI), 'json' only json_object (a 400 naming response_format for json_schema, as older vLLM),
   * 'none' neither (a 400 for any response_format, as some llama.cpp builds). Same as the reject* flags.
   */
  structured?: 'schema' | 'json' | 'none';
  /** Known models: others get 404 model_not_found. Default: any model is accepted. */
  models?: string[];
  /** When set, requests without "Authorization: Bearer <apiKey>" get 401. */
  apiKey?: string;
}

/** A running fake server. */
export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:54321/v1 — pass as baseURL / OPENAI_BASE_URL. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Number of chat-completion requests received. */
  calls(): number;
  /** Bodies of the chat-completion requests, in order. */
  chats(): ChatBody[];
  /** Most chat requests ever in progress at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** An OpenAI-style error reply. */
export function apiError(status: number, message: string,
  opts: { type?: string; code?: string; param?: string; headers?: Record<string, string> } = {}): FakeReply {
  return { status, headers: opts.headers,
    json: { error: { message, type: opts.type ?? 'invalid_request_error', code: opts.code ?? null, param: opts.param ?? null } } };
}

/** A successful completion whose message content is `content`; usage is included unless `usage: false`. */
export function completion(content: string | null,
  opts: { usage?: false | { prompt_tokens: number; completion_tokens: number }; finish?: string; refusal?: string; model?: string } = {}): FakeReply {
  const usage = opts.usage === false ? undefined : opts.usage ?? { prompt_tokens: 900, completion_tokens: 120 };
  return { status: 200, json: {
    id: 'chatcmpl-fake', object: 'chat.completion', created: 1_700_000_000, model: opts.model ?? 'fake-model',
    choices: [{ index: 0, finish_reason: opts.finish ?? 'stop', logprobs: null,
      message: { role: 'assistant', content, refusal: opts.refusal ?? null } }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  } };
}

/** A 200 answer with an empty choices array (seen from overloaded proxies). */
export function noChoices(): FakeReply {
  return { status: 200, json: { id: 'chatcmpl-empty', object: 'chat.completion', created: 1_700_000_000, model: 'fake-model', choices: [] } };
}

/** What is wrong with a chat body, or null: the fake checks the request like a strict server would. */
function badRequest(b: ChatBody | undefined): string | null {
  if (!b || typeof b !== 'object') return 'body is not JSON';
  if (typeof b.model !== 'string' || !b.model) return 'model is required';
  if (!Array.isArray(b.messages) || !b.messages.length) return 'messages must be a non-empty array';
  if (b.messages.some((m) => !['system', 'user', 'assistant'].includes(m.role) || typeof m.content !== 'string')) {
    return 'every message needs a role and string content';
  }
  const rf = b.response_format;
  if (rf && rf.type === 'json_schema' && (!rf.json_schema?.name || typeof rf.json_schema.schema !== 'object')) {
    return 'response_format.json_schema needs name and schema';
  }
  return null;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFakeOpenAI(opts: FakeOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue = [...(opts.replies ?? [])];
  let chatCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  // Pending delays end early on close(), so a slow scripted reply never keeps the process alive.
  const delays = new Map<NodeJS.Timeout, () => void>();
  const delay = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { delays.delete(t); resolve(); }, ms);
    delays.set(t, resolve);
  });

  const send = (res: http.ServerResponse, r: FakeReply) => {
    if (res.destroyed || res.writableEnded) return;
    const payload = r.raw ?? JSON.stringify(r.json ?? {});
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
    res.end(payload);
  };

  async function answerChat(body: ChatBody | undefined, n: number): Promise<FakeReply> {
    const bad = badRequest(body);
    if (bad) return apiError(400, bad);
    const b = body!;
    if (opts.models && !opts.models.includes(b.model)) {
      return apiError(404, `The model \`${b.model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
    }
    const type = b.response_format?.type;
    const noSchema = opts.rejectJsonSchema || opts.structured === 'json' || opts.structured === 'none';
    const noJson = opts.rejectJsonObject || opts.structured === 'none';
    if ((type === 'json_schema' && noSchema) || (type === 'json_object' && noJson)) {
      return apiError(400, `response_format type '${type}' is not supported by this server`, { param: 'response_format' });
    }
    if (opts.handler) return opts.handler(b, n);
    return queue.shift() ?? apiError(418, `fake-openai: no scripted reply left for request ${n}`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let body: ChatBody | undefined;
      try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined; } catch { body = undefined; }
      const path = (req.url ?? '/').split('?')[0];
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, at: Date.now() });
      const isChat = req.method === 'POST' && path === '/v1/chat/completions';
      const n = isChat ? ++chatCount : 0;
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        return send(res, apiError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' }));
      }
      if (req.method === 'GET' && path === '/v1/models') {
        const ids = opts.models ?? ['fake-model'];
        return send(res, { json: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) } });
      }
      if (!isChat) return send(res, apiError(404, `no route ${req.method} ${path}`));
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const reply = await answerChat(body, n);
        if (reply.delayMs) await delay(reply.delayMs);
        send(res, reply);
      } catch (err) {
        send(res, apiError(500, `fake-openai handler threw: ${String(err)}`, { type: 'server_error' }));
      } finally {
        inFlight--;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    calls: () => chatCount,
    chats: () => requests.filter((r) => r.path === '/v1/chat/completions' && r.body).map((r) => r.body!),
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => {
      for (const [t, done] of delays) { clearTimeout(t); done(); }
      delays.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
