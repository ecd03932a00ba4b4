import type { Discovered, Source } from '../domain/types.js';
import type { Fetcher } from '../net/index.js';
import { FetchError } from '../net/index.js';
import { parseFeed, parseListing, findFeedLink, looksLikeHtml } from '../discover/index.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** What reading a source's feed or listing page gave. */
export type SourceRead =
  | { notModified: true; etag: string | null; lastModified: string | null; feedUrl: string | null }
  | { notModified: false; items: Discovered[]; etag: string | null; lastModified: string | null; feedUrl: string | null };

/**
 * Fetches a source (conditionally, with its stored validators) and parses it. An rss source whose URL
 * answers with a web page is followed to the feed that page advertises (autodiscovery).
 */
export async function readSource(
  source: Source,
  stored: { feed_url: string | null; etag: string | null; last_modified: string | null } | undefined,
  fetcher: Fetcher,
): Promise<SourceRead> {
  const url = (source.type === 'rss' && stored?.feed_url) || source.url;
  const res = await fetcher.get(url, {
    etag: stored?.etag, lastModified: stored?.last_modified,
    accept: source.type === 'rss' ? FEED_ACCEPT : PAGE_ACCEPT,
  });
  let feedUrl = source.type === 'rss' && url !== source.url ? url : null;
  if (res.notModified) return { notModified: true, etag: res.etag, lastModified: res.lastModified, feedUrl };

  if (source.type === 'html') {
    const items = parseListing(res.text, res.url, {
      link_selector: source.link_selector!, include: source.include, exclude: source.exclude,
    });
    return { notModified: false, items, etag: res.etag, lastModified: res.lastModified, feedUrl: null };
  }

  let feedRes = res;
  if (looksLikeHtml(res.text)) {
    const link = findFeedLink(res.text, res.url);
    if (!link) {
      throw new FetchError('parse', res.url, `${res.url} is a web page, not a feed, and it advertises no feed ` +
        '(<link rel="alternate" type="application/rss+xml">). Use the feed\'s own URL, or make this an html source with a link_selector.', false);
    }
    feedRes = await fetcher.get(link, { accept: FEED_ACCEPT });
    feedUrl = link;
  }
  const parsed = await parseFeed(feedRes.text, feedRes.url);
  // Validators belong to the URL we will ask next time: the discovered feed, or the source URL itself.
  const v = feedRes === res ? { etag: res.etag, lastModified: res.lastModified } : { etag: feedRes.etag, lastModified: feedRes.lastModified };
  return { notModified: false, items: parsed.items, ...v, feedUrl };
}

/** Keeps a run's share of a source's items: newest first, not older than maxAgeDays, at most maxItems. */
export function selectItems(items: Discovered[], now: Date, maxAgeDays: number, maxItems: number): { kept: Discovered[]; tooOld: number } {
  const cutoff = maxAgeDays > 0 ? now.getTime() - maxAgeDays * 86_400_000 : -Infinity;
  const fresh = items.filter((d) => !d.published_at || Date.parse(d.published_at) >= cutoff);
  const ordered = fresh
    // Undated items (listing pages) keep their page order after the dated ones.
    .map((d, i) => ({ d, i, t: d.published_at ? Date.parse(d.published_at) || -Infinity : -Infinity }))
    .sort((a, b) => (b.t === a.t ? a.i - b.i : b.t > a.t ? 1 : -1))
    .map((x) => x.d);
  return { kept: ordered.slice(0, maxItems), tooOld: items.length - fresh.length };
}
