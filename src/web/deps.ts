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
   * Who drafts on the desk (a split-out story, "Redraft"): a summarizer, or a function that builds it on first use
   * (`serve` passes the composition root's, so an LLM set-up error is a message on the desk, not a crash).
   * Unset: the offline summarizer.
   */
  summarizer?: Summarizer | (() => Summarizer);
  /** Extra names the desk answers to (`serve --allowed-host`), beside config `web.allowed_hosts`. */
  allowedHosts?: string[];
}

/** Hono's context variables of this app. */
export type Env = { Variables: { session: Session | null; csrf: string; deps: WebDeps; drafter: Drafter } };
