import { parseFeed as feedsmithParse } from 'feedsmith';
import type { ParsedFeed } from '../domain/types.js';
import { adaptFeedsmith } from './adapt.js';
import { looksLikeHtml } from './autodiscover.js';
import { channelXmlBase, cleanFeedText, countEntryTags, looksLikeJson } from './clean.js';
import { countLinkedEntries, finishFeed, type RawFeed } from './entry.js';
import { parseWithFeedparser } from './fallback.js';
import { applyLinkXmlBase, atomTextLinks, closeOpenItems, decodeBase64Modes, wrapEntryDocument } from './repair.js';
import { textOrNull } from './text.js';

/** The text could not be read as an RSS, Atom, RDF or JSON feed at all. */
export class FeedParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedParseError';
  }
}

/** Which parser produced a result: the strict-ish fast one, or the forgiving fallback. */
export type FeedParserUsed = 'feedsmith' | 'feedparser';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tryFeedsmith(text: string, baseUrl: string | null): { raw: RawFeed | null; error: unknown } {
  try {
    return { raw: adaptFeedsmith(feedsmithParse(text), baseUrl, channelXmlBase(text)), error: null };
  } catch (error) {
    return { raw: null, error };
  }
}

function notAFeed(text: string, error: unknown): FeedParseError {
  if (text.trim() === '') return new FeedParseError('The document is empty; expected an RSS, Atom, RDF or JSON feed.');
  if (looksLikeHtml(text)) {
    return new FeedParseError(
      'The document is an HTML page, not a feed; check the source URL (the page may name its feed in a <link rel="alternate">).',
      { cause: error },
    );
  }
  if (looksLikeJson(text)) {
    return new FeedParseError(`The JSON document is not a JSON Feed (${reason(error)}).`, { cause: error });
  }
  return new FeedParseError(`The document is not a readable RSS, Atom or RDF feed (${reason(error)}).`, { cause: error });
}

/** Like parseFeed, and also says which parser produced the result (for reports and tests). */
export async function parseFeedWithInfo(
  xml: string,
  baseUrl: string | null,
): Promise<{ feed: ParsedFeed; parser: FeedParserUsed }> {
  const cleaned = cleanFeedText(xml);
  const json = looksLikeJson(cleaned);
  const text = json ? cleaned : atomTextLinks(applyLinkXmlBase(decodeBase64Modes(wrapEntryDocument(cleaned))));
  const first = tryFeedsmith(text, baseUrl);
  if (json) {
    if (first.raw) return { feed: finishFeed(first.raw), parser: 'feedsmith' };
    throw notAFeed(text, first.error);
  }
  const expected = countEntryTags(text);
  // Compare usable entries, not raw ones: a parser that reads every entry but none of their links
  // (Atom 0.3 `<link>URL</link>`, say) has found nothing a reader could open.
  const firstLinked = first.raw ? countLinkedEntries(first.raw) : -1;
  if (first.raw && firstLinked >= expected) return { feed: finishFeed(first.raw), parser: 'feedsmith' };

  // feedsmith failed or lost entries the text visibly has: re-read the text with items a publisher
  // left open closed, and with the forgiving parser; keep the result with the most usable items
  // (compared before the costly text conversion; feedsmith wins ties).
  let best: { raw: RawFeed; parser: FeedParserUsed; linked: number } | null = first.raw
    ? { raw: first.raw, parser: 'feedsmith', linked: firstLinked }
    : null;
  const repaired = closeOpenItems(text);
  if (repaired !== text) {
    const second = tryFeedsmith(repaired, baseUrl);
    const linked = second.raw ? countLinkedEntries(second.raw) : -1;
    if (second.raw && (!best || linked > best.linked)) best = { raw: second.raw, parser: 'feedsmith', linked };
  }
  if (!best || best.linked < expected) {
    const fallback = await parseWithFeedparser(repaired, baseUrl);
    const linked = fallback ? countLinkedEntries(fallback) : -1;
    if (fallback && (!best || linked > best.linked)) {
      const feed = finishFeed(fallback);
      return { feed: { ...feed, title: feed.title ?? textOrNull(first.raw?.title) }, parser: 'feedparser' };
    }
  }
  if (best) return { feed: finishFeed(best.raw), parser: best.parser };
  throw notAFeed(text, first.error);
}

/**
 * Parses RSS 0.9x/2.0, Atom 0.3/1.0, RDF 1.0 or JSON Feed text into newsdesk's shape, recovering
 * what it can from damaged feeds; throws FeedParseError only when the text is not a feed at all.
 */
export async function parseFeed(xml: string, baseUrl: string | null): Promise<ParsedFeed> {
  return (await parseFeedWithInfo(xml, baseUrl)).feed;
}
