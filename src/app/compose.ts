/**
 * The composition root: the one place that builds newsdesk's edges — the store, the fetcher, the summarizer (offline
 * or LLM) and its triage tier, the embeddings view — and the clock and logger, from the loaded config plus explicit
 * options (CLI flags, the environment as an object). The CLI commands, the scheduler (`serve`), the web app and the
 * demo receive what they need from here; nothing under jobs/ or web/ builds an edge or reads `process.env`.
 */
import type { Writable } from 'node:stream';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { createFetcher, type Fetcher } from '../net/index.js';
import { embeddingStage } from '../cluster/embeddings.js';
import { processEndpoints, type EndpointRegistry, type LlmTriage } from '../summarize/llm/index.js';
import type { Summarizer } from '../summarize/index.js';
import { createLogger, silentLogger, type Logger } from '../jobs/log.js';
import type { EmbeddingsFactory, RunEdges } from '../jobs/edges.js';
import { buildSummarizer, buildTriage, chooseSummarizer } from './summarizer.js';
import { openChosen, type DbChoice } from './store.js';
import { inlineStages, type CpuFactory } from '../pool/index.js';
import { startCpuWorkers } from '../pool/threads.js';

/** The environment, read once at the entry (src/cli.ts) and passed down as a plain object. */
export type Env = Record<string, string | undefined>;

export interface ComposeOptions {
  config: Config;
  env: Env;
  /** Which database to open (see DbChoice); or `store`, one already open (tests). One of the two is required. */
  db?: DbChoice;
  store?: Store;
  /** A logger, or where to write one: level NEWSDESK_LOG_LEVEL, else `defaultLevel`. Unset: silent. */
  log?: Logger | { stream: Writable; defaultLevel: string };
  /** `--summarizer offline|llm`; unset: the LLM when a key or base URL is configured, else offline. */
  summarizer?: 'offline' | 'llm';
  now?: () => Date;
  /** The LLM endpoint registry every summarizer and triage tier built here shares (default: the process's one). */
  endpoints?: EndpointRegistry;
  /** Where the prompt templates are (default: prompts/ of the package). */
  promptsDir?: string;
  /** The CPU worker entry (default: src/pool/worker beside the pool; tests give their own). */
  cpuWorkerFile?: string;
}

/** What the root built. The caller owns it: `close()` closes the store (fetchers are closed by whoever asked for one). */
export interface Composition extends RunEdges {
  config: Config;
  env: Env;
  store: Store;
  /** True when the default database did not exist and was created (`serve`, `sources` on a fresh install). */
  created: boolean;
  log: Logger;
  now: () => Date;
  /** The summarizer runs use: forced by `--summarizer`, else chosen from the config and the environment. */
  summarizerKind: 'offline' | 'llm';
  endpoints: EndpointRegistry;
  close(): void;
}

/** Builds the edges, the clock and the logger for one command (or one `serve` process). */
export function compose(o: ComposeOptions): Composition {
  const { config, env } = o;
  const log = !o.log ? silentLogger() : 'stream' in o.log ? logger(env, o.log.stream, o.log.defaultLevel) : o.log;
  const now = o.now ?? (() => new Date());
  const endpoints = o.endpoints ?? processEndpoints;
  const opened = o.store ? { store: o.store, created: false } : o.db ? openChosen(o.db) : null;
  if (!opened) throw new Error('compose: give the database to open (db) or an open store (store)');
  const { store } = opened;
  const summarizerKind = chooseSummarizer(config, env, o.summarizer);
  const built = (runId: () => number | null) => ({ env, store, log, now, runId, endpoints, promptsDir: o.promptsDir });
  return {
    config, env, store, created: opened.created, log, now, summarizerKind, endpoints,
    fetcher: (): Fetcher => createFetcher(config.fetch, { log }),
    summarizer: (runId): Summarizer => buildSummarizer(summarizerKind, config, built(runId)),
    triage: (runId): LlmTriage | null => buildTriage(summarizerKind, config, built(runId)),
    embeddings: embeddingsFor(config, env),
    cpu: cpuStagesFor(config, { filename: o.cpuWorkerFile }),
    close: () => store.close(),
  };
}

/** The logger of a command: JSON lines on `stream`, at NEWSDESK_LOG_LEVEL when set, else `defaultLevel`. */
export function logger(env: Env, stream: Writable, defaultLevel: string): Logger {
  return createLogger(stream, env.NEWSDESK_LOG_LEVEL ?? defaultLevel);
}

/**
 * The CPU stages of a run: `fetch.cpu_workers` worker threads, or inline (unset or 0). Inline is the default
 * because on the 2-core machine measured the threads halved articles/s and added ~70 MB per worker (README).
 */
export function cpuStagesFor(config: Config, opts: { filename?: string; inlineUntilReady?: boolean } = {}): CpuFactory {
  const workers = config.fetch.cpu_workers ?? 0;
  return (setup) => (workers > 0 ? startCpuWorkers(setup, { workers, ...opts }) : inlineStages(setup));
}

/** The embeddings view of story matching for a run (its API key from `cluster.embeddings.api_key_env` in `env`). */
export function embeddingsFor(config: Config, env: Env): EmbeddingsFactory {
  return (run) => embeddingStage(config.cluster?.embeddings, { ...run, env });
}
