import type { Fetcher } from '../net/index.js';
import { FetchError } from '../net/index.js';
import type { PendingItem, ExtractedRow } from '../store/index.js';
import type { Adjustment } from '../learn/index.js';
import type { CpuStages, PageInput, PageRecord } from '../pool/index.js';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** The result of working on one pending item. */
export type ItemOutcome =
  | { ok: true; row: ExtractedRow; ms: { fetch: number; extract: number; relevance: number }; learned?: (Adjustment & { rule_state: string }) | null }
  | { ok: false; kind: string; message: string; retryable: boolean; ms: { fetch: number; extract: number; relevance: number } };

/** Time spent per stage; passed in so the job's clock stays at the edge. */
export type Clock = () => number;

/**
 * Fetches an item's page (here, on the main thread), then extracts the article and scores relevance in the run's
 * CPU stages (inline or a worker thread). When the page cannot be fetched or yields nothing, the feed's own content
 * stands in (text_from = 'feed'); with neither, the item fails. A worker that fails on the page fails this item only.
 */
export async function processItem(item: PendingItem, deps: {
  fetcher: Fetcher; cpu: CpuStages; alwaysRelevant: boolean; clock: Clock;
  /** The item's sources' `extract.remove` selectors. */
  remove?: string[];
}): Promise<ItemOutcome> {
  const ms = { fetch: 0, extract: 0, relevance: 0 };
  const t = deps.clock();
  let html: string | null = null;
  let finalUrl: string | null = null;
  let failure: FetchError | null = null;
  try {
    const res = await deps.fetcher.get(item.url, { accept: PAGE_ACCEPT });
    finalUrl = res.url;
    html = res.text;
    ms.fetch = deps.clock() - t;
    // Inline, extraction holds the event loop for milliseconds. Taking it from the timer queue, in turn with
    // the timers that start each host's next polite request, keeps pages that finish together from
    // running back to back and pushing every host's next request late (the bench measures this).
    if (deps.cpu.workers === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  } catch (err) {
    ms.fetch = deps.clock() - t;
    failure = err instanceof FetchError ? err
      : new FetchError('network', item.url, `could not fetch ${item.url}: ${(err as Error).message}`, true);
  }

  const input: PageInput = { url: item.url, html, final_url: finalUrl, feed_title: item.feed_title, feed_summary: item.feed_summary,
    feed_content: item.feed_content, feed_published_at: item.feed_published_at, source_ids: item.source_ids,
    always_relevant: deps.alwaysRelevant, remove: deps.remove ?? [] };
  let rec: PageRecord;
  try {
    rec = await deps.cpu.page(input);
  } catch (err) {
    // The worker threw or died on this page: the feed's text, if any, stands in, as for a page that yields nothing.
    const reason = (err as Error).message;
    rec = { ok: false, extract_error: reason, ms: { extract: 0, relevance: 0 } };
    if (html !== null) {
      try {
        const fallback = await deps.cpu.page({ ...input, html: null, final_url: finalUrl });
        rec = fallback.ok ? fallback : { ...fallback, extract_error: reason };
      } catch { /* keep the first reason */ }
    }
  }
  ms.extract = rec.ms.extract;
  ms.relevance = rec.ms.relevance;
  if (rec.ok) return { ok: true, ms, learned: rec.learned, row: rec.row };
  if (failure) return { ok: false, kind: failure.kind, message: failure.message, retryable: failure.transient, ms };
  if (rec.extract_error) {
    return { ok: false, kind: 'extract', retryable: false, ms,
      message: `could not extract the article from ${item.url} (${rec.extract_error}) and the feed gave no text; ` +
        'check the page in a browser, or the source\'s extract.remove selectors' };
  }
  return { ok: false, kind: 'empty', retryable: true, ms,
    message: `no article text found on ${item.url} and the feed gave none; the page may need a browser or a different source` };
}
