import type { Article } from '../domain/types.js';
import type { Fetcher } from '../net/index.js';
import { FetchError } from '../net/index.js';
import type { PendingItem, ExtractedRow } from '../store/index.js';
import { extractArticle, type ExtractOptions } from '../extract/article.js';
import { normalizeUrl, contentHash } from '../cluster/index.js';
import { scoreRelevance, type CompiledRules } from '../relevance/index.js';
import { applyLearning, type Learned, type Adjustment } from '../learn/index.js';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
/** A page giving less text than this "yields nothing" and the feed's own text is used instead, when it has some. */
const MIN_PAGE_CHARS = 80;

/** The result of working on one pending item. */
export type ItemOutcome =
  | { ok: true; row: ExtractedRow; ms: { fetch: number; extract: number; relevance: number }; learned?: (Adjustment & { rule_state: string }) | null }
  | { ok: false; kind: string; message: string; retryable: boolean; ms: { fetch: number; extract: number; relevance: number } };

/** Time spent per stage; passed in so the job's clock stays at the edge. */
export type Clock = () => number;

/**
 * Fetches an item's page, extracts the article, and scores relevance. When the page cannot be fetched
 * or yields nothing, the feed's own content stands in (text_from = 'feed'); with neither, the item fails.
 */
export async function processItem(item: PendingItem, deps: {
  fetcher: Fetcher; rules: CompiledRules; alwaysRelevant: boolean; clock: Clock; learned?: Learned;
  /** The item's sources' extraction rules (sources.yaml `extract:`). */
  extract?: ExtractOptions;
}): Promise<ItemOutcome> {
  const ms = { fetch: 0, extract: 0, relevance: 0 };
  let t = deps.clock();
  let article: Article | null = null;
  let finalUrl: string | null = null;
  let failure: FetchError | null = null;
  try {
    const res = await deps.fetcher.get(item.url, { accept: PAGE_ACCEPT });
    finalUrl = res.url;
    ms.fetch = deps.clock() - t;
    // Extraction holds the event loop for milliseconds. Taking it from the timer queue, in turn with
    // the timers that start each host's next polite request, keeps pages that finish together from
    // running back to back and pushing every host's next request late (the bench measures this).
    await new Promise((resolve) => setTimeout(resolve, 0));
    t = deps.clock();
    article = extractArticle(res.text, res.url, deps.extract);
    ms.extract = deps.clock() - t;
  } catch (err) {
    ms.fetch = deps.clock() - t;
    failure = err instanceof FetchError ? err
      : new FetchError('network', item.url, `could not fetch ${item.url}: ${(err as Error).message}`, true);
  }

  const feedText = item.feed_content || item.feed_summary || '';
  let text = article?.text ?? '';
  let textFrom: 'page' | 'feed' = 'page';
  if (text.length < MIN_PAGE_CHARS && feedText.length > text.length) {
    text = feedText;
    textFrom = 'feed';
  }
  if (!text.trim()) {
    if (failure) return { ok: false, kind: failure.kind, message: failure.message, retryable: failure.transient, ms };
    return { ok: false, kind: 'empty', retryable: true, ms,
      message: `no article text found on ${item.url} and the feed gave none; the page may need a browser or a different source` };
  }

  t = deps.clock();
  const title = (textFrom === 'page' && article?.title) || item.feed_title || article?.title || '';
  const ruled = scoreRelevance(deps.rules, title, text);
  // The editor's past decisions move the rules' score (src/learn); both are kept (learn_adjustments).
  const { adjustment, ...moved } = applyLearning(deps.learned, ruled, { title, text, sources: item.source_ids, terms: ruled.terms });
  const rel = { ...ruled, ...moved };
  ms.relevance = deps.clock() - t;
  const canonical = usableCanonical(article?.canonical_url ?? null, item.url);
  const aliases = [item.url, finalUrl && normalizeUrl(finalUrl), canonical].filter((u, i, a): u is string => !!u && a.indexOf(u) === i);
  return {
    ok: true,
    ms,
    learned: adjustment,
    row: {
      canonical_url: canonical,
      aliases,
      title: title || null,
      byline: textFrom === 'page' ? article?.byline ?? null : null,
      published_at: article?.published_at ?? item.feed_published_at ?? null,
      lang: article?.lang ?? null,
      site_name: article?.site_name ?? null,
      text,
      text_from: textFrom,
      content_hash: contentHash(text),
      state: deps.alwaysRelevant || rel.relevant ? 'extracted' : 'irrelevant',
      relevance: rel.score,
      relevance_terms: rel.terms,
    },
  };
}

/** A canonical URL pointing at a site's home page is a site misconfiguration, not this article's address. */
function usableCanonical(raw: string | null, itemUrl: string): string | null {
  const canonical = raw ? normalizeUrl(raw) : null;
  if (!canonical) return null;
  const path = new URL(canonical).pathname;
  return path === '/' && new URL(itemUrl).pathname !== '/' ? null : canonical;
}
