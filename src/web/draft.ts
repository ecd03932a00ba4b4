import { offlineSummarizer, type Summarizer } from '../summarize/index.js';
import { LlmFatalError } from '../summarize/llm/index.js';
import { runSummarize } from '../jobs/summarize.js';
import { silentLogger } from '../jobs/log.js';
import type { WebDeps } from './deps.js';

/** How drafting on the desk went: `error` says why no new draft was stored. */
export type DraftOutcome = { ok: true } | { ok: false; error: string };

/** Drafts the given stories now (`redo`: even those that have a draft); never throws. */
export type Drafter = (storyIds: number[], redo: boolean) => Promise<DraftOutcome>;

/**
 * Any failure becomes a stop of the stage instead of an item failure: an item marked failed would
 * vanish from the desk and spend one of its retries on a click. Left as it was, the next run drafts it.
 */
function failSoftly(s: Summarizer): Summarizer {
  return {
    name: s.name,
    promptVersion: s.promptVersion,
    summarize: (input, ctx) => s.summarize(input, ctx).catch((err: unknown) => {
      throw err instanceof LlmFatalError ? err : new LlmFatalError((err as Error).message);
    }),
  };
}

/** The desk's drafter over the summarizer it was given, built on first use (an LLM set-up error is then a message, not a crash). */
export function createDrafter(deps: WebDeps): Drafter {
  const log = deps.log ?? silentLogger();
  const make = deps.summarizer ?? offlineSummarizer;
  let summarizer: Summarizer | null = typeof make === 'object' ? failSoftly(make) : null;
  const get = () => summarizer ??= failSoftly((make as () => Summarizer)());

  return async (storyIds, redo) => {
    try {
      const report = await runSummarize({ config: deps.config, store: deps.store, summarizer: get(), log, now: deps.now, runId: null },
        { storyIds, redo });
      if (report.stopped) return { ok: false, error: report.stopped };
      if (report.summarized + report.cached === 0) return { ok: false, error: 'the story has no article text to draft from' };
      return { ok: true };
    } catch (err) {
      log.warn({ stage: 'summarize', outcome: 'failed' }, `drafting story ${storyIds.join(', ')} on the desk failed: ${(err as Error).message}`);
      return { ok: false, error: (err as Error).message };
    }
  };
}
