import type { Summary, SummaryInput, Topic } from '../domain/types.js';
import { summarizeOffline } from './offline/index.js';
import { instructionFindings } from './injection.js';
import { verifyDraft } from './verify-draft.js';

/** What every summarizer offers: a draft for one story, with the claims the article does not support. */
export interface Summarizer {
  /** 'offline' or 'llm:<model>'. */
  name: string;
  /** Version of the prompt (LLM) or of the algorithm (offline); part of the cache key. */
  promptVersion: string;
  summarize(input: SummaryInput, ctx: { publication: string; topics: Topic[] }): Promise<{ summary: Summary; unsupported: string[] }>;
}

/** Bumped when the offline algorithm changes what it writes, so cached drafts are redone. */
export const OFFLINE_VERSION = 'offline-3';

/** The built-in extractive summarizer: no key, no network, deterministic. */
export function offlineSummarizer(): Summarizer {
  const s: Summarizer = {
    name: 'offline',
    promptVersion: OFFLINE_VERSION,
    async summarize(input, ctx) {
      const summary = summarizeOffline(input, ctx.topics);
      // A bullet may quote another outlet of the story: its claims are checked against every outlet's text.
      const others = (input.others ?? []).map((o) => `${o.title}\n${o.text}`);
      const { unsupported } = verifyDraft(summary, { title: input.title, text: [input.text, ...others].join('\n\n') }, ctx.topics);
      return { summary, unsupported: [...unsupported, ...instructionFindings(input)] };
    },
  };
  OFFLINE.add(s);
  return s;
}

const OFFLINE = new WeakSet<Summarizer>();

/** True for the built-in offline summarizer: a pure function of its input, so a run's CPU workers may run it instead. */
export function isOfflineSummarizer(s: Summarizer): boolean {
  return OFFLINE.has(s);
}
