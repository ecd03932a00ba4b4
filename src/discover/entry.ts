import type { Discovered, ParsedFeed } from '../domain/types.js';
import { firstDate } from './dates.js';
import { paragraphsOrNull, textOrNull, truncate } from './text.js';
import { isHttpUrl, resolveUrl, usableLink } from './urls.js';

/** One feed entry as read by either parser, before it becomes a Discovered. */
export interface RawEntry {
  /** Candidate titles, best first (title, itunes:title, dc:title …). */
  titles: unknown[];
  /** Candidate links, best first, possibly relative. */
  links: unknown[];
  guid: unknown;
  /** False only when the feed says isPermaLink="false". */
  guidIsPermaLink: boolean;
  /** Candidate dates, best first (published before updated). */
  dates: unknown[];
  summary: unknown;
  content: unknown;
  /** 'text' when the content is plain text (JSON Feed content_text). */
  contentIsText?: boolean;
  authors: unknown[];
  /** The base URL links resolve against (feed URL combined with xml:base). */
  base: string | null;
}

/** The feed-level fields both parsers give, before they become a ParsedFeed. */
export interface RawFeed {
  title: unknown;
  links: unknown[];
  base: string | null;
  entries: RawEntry[];
}

const SUMMARY_MAX = 1000;
const DERIVED_TITLE_MAX = 120;

function firstString(values: unknown[]): string | null {
  for (const v of values) {
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

function pickLink(entry: RawEntry): string | null {
  for (const candidate of entry.links) {
    if (typeof candidate !== 'string') continue;
    const link = usableLink(resolveUrl(candidate, entry.base));
    if (link) return link;
  }
  const guid = typeof entry.guid === 'string' ? entry.guid.trim() : '';
  if (entry.guidIsPermaLink && isHttpUrl(guid)) return new URL(guid).href;
  return null;
}

function plainContent(entry: RawEntry): string | null {
  if (typeof entry.content !== 'string') return null;
  if (entry.contentIsText) {
    const paras = entry.content.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());
    const text = paras.filter((p) => p !== '').join('\n\n');
    return text === '' ? null : text;
  }
  return paragraphsOrNull(entry.content);
}

/** Normalises one raw entry; null when it has no usable link. */
export function toDiscovered(entry: RawEntry): Discovered | null {
  const url = pickLink(entry);
  if (!url) return null;
  const summary = textOrNull(entry.summary, SUMMARY_MAX);
  const content = plainContent(entry);
  // A title-less item (allowed by RSS, common on Mastodon) is shown by readers as its opening words.
  const opening = summary ?? content;
  const title = textOrNull(firstString(entry.titles)) ?? (opening ? truncate(opening.replace(/\s+/g, ' '), DERIVED_TITLE_MAX) : null);
  const guid = typeof entry.guid === 'string' && entry.guid.trim() !== '' ? entry.guid.trim() : null;
  return {
    url,
    title,
    published_at: firstDate(...entry.dates),
    summary,
    content,
    guid,
    author: textOrNull(firstString(entry.authors)),
  };
}

/** How many distinct usable links the raw feed's entries carry (cheap: no text conversion). */
export function countLinkedEntries(raw: RawFeed): number {
  const links = new Set<string>();
  for (const entry of raw.entries) {
    try {
      const link = pickLink(entry);
      if (link) links.add(link);
    } catch {
      // counted as unusable, as finishFeed would drop it
    }
  }
  return links.size;
}

/** Turns a raw feed into a ParsedFeed: normalised items, link-less ones dropped, duplicate links folded. */
export function finishFeed(raw: RawFeed): ParsedFeed {
  const seen = new Set<string>();
  const items: Discovered[] = [];
  for (const entry of raw.entries) {
    let item: Discovered | null;
    try {
      item = toDiscovered(entry);
    } catch {
      continue; // one malformed entry must not cost the feed its other items
    }
    if (!item || seen.has(item.url)) continue;
    seen.add(item.url);
    items.push(item);
  }
  let link: string | null = null;
  for (const candidate of raw.links) {
    if (typeof candidate !== 'string') continue;
    link = usableLink(resolveUrl(candidate, raw.base));
    if (link) break;
  }
  return { title: textOrNull(raw.title), link, items };
}
