/**
 * The optional embeddings view of story matching (sources.yaml `cluster.embeddings`): one vector per item
 * from any OpenAI-compatible `POST {base_url}/embeddings`, cached in the database (store/embeddings.ts) so an
 * item is sent once, ever. Story matching blends the cosine of two items' vectors into its score. When the
 * endpoint fails, the run goes on lexically: the failure is reported once, the items of that run are filed on
 * wording alone (items are filed once, so they keep no vector), and the next run tries the endpoint again.
 */
import OpenAI from 'openai';

/** The `cluster.embeddings` block of sources.yaml. */
export interface EmbeddingsConfig {
  base_url: string;
  model: string;
  api_key_env?: string;
  timeout_ms?: number;
  batch_size?: number;
}

/** What the stage needs of the store (store/embeddings.ts). */
export interface VectorCache {
  itemVector(id: number, model: string): Float32Array | undefined;
  missingVectors(ids: number[], model: string): number[];
  putItemVectors(rows: { id: number; vector: Float32Array }[], model: string, now: string): void;
  vectorsInWindow(model: string, lo: number, hi: number, cap: number): { id: number; vector: Float32Array }[];
}

/** Stored vectors scanned per new item (most recent in the date window first). */
const NEIGHBOUR_SCAN = 5_000;
/** Vector neighbours added to an item's candidates. */
const NEIGHBOURS = 10;

/** Sent when no key is configured: local servers (Ollama, llama.cpp, vLLM, TEI) ignore it. */
const PLACEHOLDER_KEY = 'no-key-needed';
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_BATCH = 64;
/** Characters of the article text sent after the title (the lead carries the event). */
export const LEAD_CHARS = 1_000;

/** Cosine similarity of two vectors (0 when either is empty or their lengths differ). */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The text embedded for an item: its title and the first LEAD_CHARS characters of its text. */
export function embeddingInput(title: string | null, text: string | null): string {
  const t = (title ?? '').trim();
  const body = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, LEAD_CHARS);
  return t && body ? `${t}\n${body}` : t || body || ' ';
}

/** Sends texts to the endpoint; the vectors come back in input order. */
export type EmbedFn = (inputs: string[]) => Promise<Float32Array[]>;

/** The openai client on the configured endpoint (its own retries off: one failed call ends the view for the run). */
export function openAiEmbedder(cfg: EmbeddingsConfig, apiKey: string | undefined): EmbedFn {
  const client = new OpenAI({ apiKey: apiKey || PLACEHOLDER_KEY, baseURL: cfg.base_url.replace(/\/+$/, ''),
    maxRetries: 0, timeout: cfg.timeout_ms ?? DEFAULT_TIMEOUT_MS });
  return async (inputs) => {
    const res = await client.embeddings.create({ model: cfg.model, input: inputs, encoding_format: 'float' });
    const data = Array.isArray(res?.data) ? res.data : null;
    if (!data || data.length !== inputs.length) {
      throw new Error(`answered ${data ? data.length : 'no'} vectors for ${inputs.length} inputs`);
    }
    const out: Float32Array[] = new Array(inputs.length);
    let dims = -1;
    for (const [pos, d] of data.entries()) {
      const i = typeof d?.index === 'number' ? d.index : pos;
      const v = d?.embedding as unknown;
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new Error('answered something that is not a list of numbers as an embedding');
      }
      if (dims >= 0 && v.length !== dims) throw new Error('answered vectors of different lengths');
      dims = v.length;
      if (i < 0 || i >= inputs.length || out[i]) throw new Error(`answered a bad index ${i}`);
      out[i] = Float32Array.from(v as number[]);
    }
    return out;
  };
}

/** One item as the story stage reads it. */
export interface EmbeddableItem { id: number; title: string | null; text: string }

/** The embeddings view for one run: fills the cache for a page of items and hands out vectors. */
export interface EmbeddingStage {
  /** Fetches vectors for the items that have none (in batches); after a failure it does nothing more this run. */
  prepare(items: EmbeddableItem[]): Promise<void>;
  /** The cached vector of an item, if any. */
  vectorOf(id: number): Float32Array | undefined;
  /** Stored items filed in [lo, hi] whose vectors are closest to `v` with cosine ≥ `min` (candidates for story matching). */
  neighbours(v: Float32Array, lo: number, hi: number, min: number): number[];
  /** Calls made to the endpoint this run. */
  calls(): number;
  /** The run's warning, once the endpoint failed. */
  warning(): string | null;
}

/** Why a call failed, in a few words (status, timeout, connection). */
function describe(err: unknown): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return 'timed out';
  if (err instanceof OpenAI.APIConnectionError) return 'could not be reached';
  if (err instanceof OpenAI.APIError && err.status) return `answered HTTP ${err.status}`;
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof SyntaxError) return `answered something that is not JSON (${msg.slice(0, 80)})`;
  return msg.slice(0, 160);
}

/**
 * Builds the run's embeddings stage, or null when `cluster.embeddings` is not configured. A missing API key
 * variable is a warning (the run clusters lexically), not a config error: `newsdesk` commands other than
 * ingest never need the key.
 */
export function embeddingStage(cfg: EmbeddingsConfig | undefined, deps: {
  cache: VectorCache; env: NodeJS.ProcessEnv; now: () => Date;
  onWarning: (message: string, fields: Record<string, unknown>) => void;
  /** Tests: replaces the openai client. */
  embed?: EmbedFn;
}): EmbeddingStage | null {
  if (!cfg) return null;
  const endpoint = `${cfg.base_url.replace(/\/+$/, '')}/embeddings`;
  let warning: string | null = null;
  let calls = 0;
  const fail = (message: string) => {
    if (warning) return;
    warning = message;
    deps.onWarning(message, { stage: 'cluster', endpoint, model: cfg.model });
  };
  const key = cfg.api_key_env ? deps.env[cfg.api_key_env] : undefined;
  if (cfg.api_key_env && !key) {
    fail(`embeddings off for this run: environment variable ${cfg.api_key_env} (cluster.embeddings.api_key_env) is not set; ` +
      `set it, or remove api_key_env for a server that needs no key. Stories were matched on wording alone`);
  }
  const embed = deps.embed ?? openAiEmbedder(cfg, key);
  const batchSize = cfg.batch_size ?? DEFAULT_BATCH;
  return {
    async prepare(items) {
      if (warning || items.length === 0) return;
      const missing = new Set(deps.cache.missingVectors(items.map((i) => i.id), cfg.model));
      const todo = items.filter((i) => missing.has(i.id));
      for (let at = 0; at < todo.length; at += batchSize) {
        const chunk = todo.slice(at, at + batchSize);
        calls++;
        let vectors: Float32Array[];
        try {
          vectors = await embed(chunk.map((i) => embeddingInput(i.title, i.text)));
        } catch (err) {
          fail(`embeddings endpoint ${endpoint} (model ${cfg.model}) ${describe(err)}; the items of this run were matched on wording alone ` +
            `(none is lost; later runs try the endpoint again for their new items). Check cluster.embeddings.base_url and model in sources.yaml, ` +
            `or remove cluster.embeddings to turn the view off`);
          return;
        }
        deps.cache.putItemVectors(chunk.map((i, k) => ({ id: i.id, vector: vectors[k] })), cfg.model, deps.now().toISOString());
      }
    },
    vectorOf: (id) => deps.cache.itemVector(id, cfg.model),
    neighbours(v, lo, hi, min) {
      const scored = deps.cache.vectorsInWindow(cfg.model, lo, hi, NEIGHBOUR_SCAN)
        .map((r) => ({ id: r.id, cos: cosine(v, r.vector) })).filter((r) => r.cos >= min);
      return scored.sort((x, y) => y.cos - x.cos).slice(0, NEIGHBOURS).map((r) => r.id);
    },
    calls: () => calls,
    warning: () => warning,
  };
}
