import FeedParser from 'feedparser';
import type { RawEntry, RawFeed } from './entry.js';

/** feedparser keeps each source element as `{ '@': attributes, '#': text }` under `prefix:name`. */
type RawNode = { '@'?: Record<string, string>; '#'?: string; [key: string]: unknown };
type FpItem = FeedParser.Item & Record<string, unknown>;

function node(item: Record<string, unknown>, key: string): RawNode | undefined {
  const value = item[key];
  if (Array.isArray(value)) return value[0] as RawNode | undefined;
  return value && typeof value === 'object' ? (value as RawNode) : undefined;
}

function textOf(item: Record<string, unknown>, ...keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const t = node(item, key)?.['#'];
    if (typeof t === 'string' && t.trim() !== '') out.push(t);
  }
  return out;
}

/** Atom links a reader opens (rel="alternate" or no rel); feedparser's own `link` may be rel="self". */
function atomLinks(item: Record<string, unknown>): string[] | null {
  const raw = item['atom:link'];
  if (raw === undefined) return null;
  const links = (Array.isArray(raw) ? raw : [raw]) as RawNode[];
  const attrs = links.map((l) => l['@'] ?? {});
  const alternate = attrs.filter((a) => (a.rel ?? '').toLowerCase() === 'alternate');
  const bare = attrs.filter((a) => !a.rel);
  return [...alternate, ...bare].map((a) => a.href).filter((h): h is string => typeof h === 'string');
}

function toEntry(item: FpItem, base: string | null): RawEntry {
  const rssGuid = node(item, 'rss:guid');
  const guid = textOf(item, 'rss:guid', 'atom:id')[0] ?? node(item, 'rdf:@')?.about ?? null;
  const atomAuthor = node(item, 'atom:author');
  const atomAuthorName = atomAuthor ? (atomAuthor.name as RawNode | undefined)?.['#'] : undefined;
  return {
    titles: [item.title, ...textOf(item, 'itunes:title', 'dc:title')],
    links: atomLinks(item) ?? [item.link],
    guid,
    guidIsPermaLink: !/false/i.test(rssGuid?.['@']?.ispermalink ?? ''),
    dates: [
      ...textOf(item, 'rss:pubdate', 'dc:date', 'atom:published', 'atom:issued', 'dcterms:issued'),
      // Not feedparser's own Date: it reads zone-less dates in the machine's local time.
      ...textOf(item, 'atom:updated', 'atom:modified', 'dcterms:modified'),
    ],
    summary: textOf(item, 'rss:description', 'atom:summary', 'rdf:description')[0] ?? item.summary,
    content: textOf(item, 'content:encoded', 'atom:content')[0],
    authors: [atomAuthorName, ...textOf(item, 'dc:creator', 'rss:author', 'itunes:author'), item.author],
    base,
  };
}

/**
 * Reads a damaged feed with feedparser's forgiving (non-strict SAX) mode, keeping every item
 * that was complete enough to be emitted. Null when the text is not recognisably a feed.
 */
export function parseWithFeedparser(text: string, baseUrl: string | null): Promise<RawFeed | null> {
  return new Promise((resolve) => {
    // `strict` is a real feedparser option that its type definitions leave out; `guidlink: false`
    // because a guid stands in for a link only when it is a permalink, which toDiscovered decides.
    const options = { strict: false, normalize: true, addmeta: false, guidlink: false, ...(baseUrl ? { feedurl: baseUrl } : {}) };
    const parser = new FeedParser(options as FeedParser.Options);
    const items: FpItem[] = [];
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      const meta = parser.meta as Partial<FeedParser.Meta> | undefined;
      if (!ok || !meta?.['#type']) return resolve(null);
      try {
        resolve({ title: meta.title, links: [meta.link], base: baseUrl, entries: items.map((item) => toEntry(item, baseUrl)) });
      } catch {
        resolve(null); // an exception here would escape the event handler and take the process down
      }
    };
    parser.on('data', (item: FpItem) => items.push(item));
    parser.on('error', () => finish(items.length > 0));
    parser.on('end', () => finish(true));
    try {
      parser.end(text);
    } catch {
      finish(items.length > 0);
    }
  });
}
