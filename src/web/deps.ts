import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import type { IngestRunner } from '../jobs/schedule.js';
import type { Logger } from '../jobs/log.js';
import type { Summarizer } from '../summarize/index.js';
import type { Session } from './session.js';
import type { Drafter } from './draft.js';

/** Everything the web app needs, built by `newsdesk serve` (or a test) and passed in. */
export interface WebDeps {
  store: Store;
  config: Config;
  now: () => Date;
  runner: IngestRunner;
  log?: Logger;
  /** When the schedule runs in this process: the next tick. */
  nextRun?: () => Date | null;
  /** When set, every page needs a login with this password (required for a non-loopback bind). */
  password?: string;
  /** Extra delay added to each failed login, in ms (the lockout grows on top of it). */
  loginFailDelayMs?: number;
  /**
   * Who drafts on the desk (a split-out story, "Redraft"): a summarizer, or which kind to build
   * (as `--summarizer` forces it). Unset: the LLM when a key or base URL is configured, else offline.
   */
  summarizer?: Summarizer | 'offline' | 'llm';
  /** Extra names the desk answers to (`serve --allowed-host`), beside config `web.allowed_hosts`. */
  allowedHosts?: string[];
  /** The environment the LLM summarizer reads its key and base URL from (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** Hono's context variables of this app. */
export type Env = { Variables: { session: Session | null; csrf: string; deps: WebDeps; drafter: Drafter } };
