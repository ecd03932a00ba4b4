import { load } from 'cheerio/slim';
import { isHttpUrl, resolveUrl } from './urls.js';

const FEED_TYPES = /^\s*application\/(?:rss\+xml|atom\+xml|feed\+json)\s*(?:;.*)?$/i;
const FEED_ROOT = /<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]/i;
const HTML_ROOT = /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i;
const HTML_ONLY_TAGS = new Set([
  'html', 'head', 'body', 'title', 'meta', 'div', 'p', 'span', 'a', 'br', 'b', 'i', 'h1', 'h2', 'h3',
  'table', 'script', 'style', 'iframe', 'form', 'center', 'pre', 'ul', 'img', 'noscript', 'section',
]);

function indexOf(text: string, pattern: RegExp): number {
  return pattern.exec(text)?.index ?? -1;
}

/** True when the text is a web page rather than a feed (e.g. a login wall or a site's home page). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 200_000);
  const feedAt = indexOf(head, FEED_ROOT);
  const htmlAt = indexOf(head, HTML_ROOT);
  if (htmlAt >= 0 && (feedAt < 0 || htmlAt < feedAt)) return true;
  if (feedAt >= 0) return false;
  // No document-level tags at all: judge by the first element (a bare fragment of HTML).
  const rest = head.replace(/^\ufeff?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, '');
  const first = /^<([a-zA-Z][\w:-]*)/.exec(rest);
  return first ? HTML_ONLY_TAGS.has(first[1].toLowerCase()) : false;
}

/**
 * The feed a web page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`,
 * resolved against the page URL (and its `<base href>`); null when there is none.
 */
export function findFeedLink(html: string, baseUrl: string): string | null {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = resolveUrl(baseHref, baseUrl) ?? baseUrl;
  for (const el of $('link[href]').toArray()) {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = $(el).attr('type') ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    const url = resolveUrl($(el).attr('href'), isHttpUrl(base) ? base : baseUrl);
    if (url && isHttpUrl(url)) return url;
  }
  return null;
}
