/**
 * The CPU part of working on one fetched page: extract the article, fall back on the feed's text, score relevance
 * (rules, then what the editor's decisions taught) and shape the record the store files. Pure: the same input gives
 * the same record on the main thread or in a worker (src/pool/worker.ts).
 */
import type { Article } from '../domain/types.js';
import type { ExtractedRow } from '../store/index.js';
import { extractArticle } from '../extract/article.js';
import { normalizeUrl } from '../cluster/url.js';
import { contentHash } from '../cluster/fingerprint.js';
import { scoreRelevance, type CompiledRules } from '../relevance/index.js';
import { applyLearning, type Learned, type Adjustment } from '../learn/index.js';

/** A page with less text than this "yields nothing" and the feed's own text is used instead, when it has some. */
const MIN_PAGE_CHARS = 80;

/** What the page stage gets: the item's feed fields and, when the fetch worked, the page's HTML (messages carry no more). */
export interface PageInput {
  url: string;
  /** The page's HTML, or null when it could not be fetched (the feed's text alone is scored). */
  html: string | null;
  /** The URL the page was served from after redirects. */
  final_url: string | null;
  feed_title: string | null;
  feed_summary: string | null;
  feed_content: string | null;
  feed_published_at: string | null;
  source_ids: string[];
  always_relevant: boolean;
  /** The sources' `extract.remove` selectors. */
  remove: string[];
}

/** The record, or why there is none; `extract_error` says extraction itself failed (the feed's text was tried). */
export type PageRecord =
  | { ok: true; row: ExtractedRow; learned: (Adjustment & { rule_state: string }) | null; ms: { extract: number; relevance: number } }
  | { ok: false; extract_error: string | null; ms: { extract: number; relevance: number } };

/** What the page stage scores with: compiled once per run (per worker). */
export interface PageRules { rules: CompiledRules; learned?: Learned }

export function pageRecord(input: PageInput, ctx: PageRules, clock: () => number = () => performance.now()): PageRecord {
  const ms = { extract: 0, relevance: 0 };
  let article: Article | null = null;
  let extractError: string | null = null;
  if (input.html !== null && input.final_url !== null) {
    const t = clock();
    try {
      article = extractArticle(input.html, input.final_url, { remove: input.remove });
    } catch (err) {
      extractError = (err as Error).message;
    }
    ms.extract = clock() - t;
  }
  return recordOf(input, article, extractError, ctx, clock, ms);
}

/** The record from an extracted article (or none); the page stage's second half, also used when a worker failed. */
export function recordOf(input: PageInput, article: Article | null, extractError: string | null, ctx: PageRules,
  clock: () => number, ms: { extract: number; relevance: number }): PageRecord {
  const feedText = input.feed_content || input.feed_summary || '';
  let text = article?.text ?? '';
  let textFrom: 'page' | 'feed' = 'page';
  if (text.length < MIN_PAGE_CHARS && feedText.length > text.length) {
    text = feedText;
    textFrom = 'feed';
  }
  if (!text.trim()) return { ok: false, extract_error: extractError, ms };

  const t = clock();
  const title = (textFrom === 'page' && article?.title) || input.feed_title || article?.title || '';
  const ruled = scoreRelevance(ctx.rules, title, text);
  // The editor's past decisions move the rules' score (src/learn); both are kept (learn_adjustments).
  const { adjustment, ...moved } = applyLearning(ctx.learned, ruled, { title, text, sources: input.source_ids, terms: ruled.terms });
  const rel = { ...ruled, ...moved };
  ms.relevance = clock() - t;
  const canonical = usableCanonical(article?.canonical_url ?? null, input.url);
  const aliases = [input.url, input.final_url && normalizeUrl(input.final_url), canonical]
    .filter((u, i, a): u is string => !!u && a.indexOf(u) === i);
  return {
    ok: true,
    ms,
    learned: adjustment,
    row: {
      canonical_url: canonical,
      aliases,
      title: title || null,
      byline: textFrom === 'page' ? article?.byline ?? null : null,
      published_at: article?.published_at ?? input.feed_published_at ?? null,
      lang: article?.lang ?? null,
      site_name: article?.site_name ?? null,
      text,
      text_from: textFrom,
      content_hash: contentHash(text),
      state: input.always_relevant || rel.relevant ? 'extracted' : 'irrelevant',
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
