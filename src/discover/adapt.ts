import type { AnyFeed } from 'feedsmith';
import type { RawEntry, RawFeed } from './entry.js';
import { chainBase } from './urls.js';

interface AtomLinkLike {
  href?: string;
  rel?: string;
  type?: string;
}
interface AtomTextLike {
  value?: string;
  type?: string;
}
interface PersonLike {
  name?: string;
  email?: string;
}

/** Links a reader would open, best first: rel="alternate" (HTML preferred), then links without rel. */
function alternateLinks(links: AtomLinkLike[] | undefined): string[] {
  const list = links ?? [];
  const alternates = list.filter((l) => (l.rel ?? '').toLowerCase() === 'alternate');
  const html = alternates.filter((l) => !l.type || /html/i.test(l.type));
  const plain = list.filter((l) => !l.rel);
  return [...html, ...alternates, ...plain].map((l) => l.href).filter((h): h is string => typeof h === 'string');
}

function text(value: AtomTextLike | string | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.value;
}

/** True for an Atom text construct that holds plain text (Atom 1.0 `text`, Atom 0.3 `text/plain`; the default in both). */
function isPlainType(type: string | undefined): boolean {
  const t = (type ?? 'text').trim().toLowerCase();
  return t === 'text' || t === 'text/plain';
}

/**
 * An Atom text construct as markup, decoded exactly once: plain text is escaped so the HTML-to-text
 * step shows `<title>` or `&amp;` literally, while `html` and `xhtml` values are markup already.
 */
function atomText(value: AtomTextLike | string | undefined): string | undefined {
  const raw = text(value);
  if (raw === undefined || typeof value === 'string' || !isPlainType(value?.type)) return raw;
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface DctermsLike {
  issued?: string[];
  created?: string[];
  dates?: string[];
  modified?: string[];
}

/** Dublin Core terms dates, publication first: issued, created, date, then modified. */
function dctermsDates(dcterms: DctermsLike | undefined): string[] {
  return [...(dcterms?.issued ?? []), ...(dcterms?.created ?? []), ...(dcterms?.dates ?? []), ...(dcterms?.modified ?? [])];
}

function names(people: PersonLike[] | undefined): string[] {
  return (people ?? []).map((p) => p.name ?? p.email).filter((n): n is string => typeof n === 'string');
}

function fromRss(feed: Extract<AnyFeed, { format: 'rss' }>['feed'], baseUrl: string | null, channelBase: string | null): RawFeed {
  const base = chainBase(baseUrl, feed.xml?.base, channelBase);
  const entries = (feed.items ?? []).map(
    (item): RawEntry => ({
      titles: [item.title, item.itunes?.title, ...(item.dc?.titles ?? []), atomText(item.atom?.title)],
      links: [item.link, ...alternateLinks(item.atom?.links)],
      guid: item.guid?.value,
      guidIsPermaLink: item.guid?.isPermaLink !== false,
      dates: [item.pubDate, ...(item.dc?.dates ?? []), item.atom?.published, ...dctermsDates(item.dcterms), item.atom?.updated],
      summary: item.description ?? atomText(item.atom?.summary),
      content: item.content?.encoded ?? item.atom?.content?.value,
      authors: [...names(item.authors), ...(item.dc?.creators ?? []), item.itunes?.author, ...names(item.atom?.authors)],
      base: chainBase(base, item.xml?.base),
    }),
  );
  return { title: feed.title ?? text(feed.atom?.title), links: [feed.link, ...alternateLinks(feed.atom?.links)], base, entries };
}

function fromAtom(feed: Extract<AnyFeed, { format: 'atom' }>['feed'], baseUrl: string | null): RawFeed {
  const base = chainBase(baseUrl, feed.xml?.base);
  const entries = (feed.entries ?? []).map(
    (entry): RawEntry => ({
      titles: [atomText(entry.title), ...(entry.dc?.titles ?? [])],
      links: alternateLinks(entry.links),
      guid: entry.id,
      guidIsPermaLink: true,
      dates: [entry.published, ...(entry.dc?.dates ?? []), ...dctermsDates(entry.dcterms), entry.updated],
      summary: atomText(entry.summary),
      content: entry.content?.src ? undefined : entry.content?.value,
      contentIsText: entry.content?.value !== undefined && entry.content.type !== undefined && isPlainType(entry.content.type),
      authors: [...names(entry.authors), ...(entry.dc?.creators ?? [])],
      base: chainBase(base, entry.xml?.base),
    }),
  );
  return { title: atomText(feed.title), links: alternateLinks(feed.links), base, entries };
}

function fromRdf(feed: Extract<AnyFeed, { format: 'rdf' }>['feed'], baseUrl: string | null): RawFeed {
  const base = chainBase(baseUrl, feed.xml?.base);
  const entries = (feed.items ?? []).map(
    (item): RawEntry => ({
      titles: [item.title, ...(item.dc?.titles ?? [])],
      links: [item.link, item.rdf?.about],
      guid: item.rdf?.about,
      guidIsPermaLink: false,
      dates: [...(item.dc?.dates ?? []), ...dctermsDates(item.dcterms)],
      summary: item.description ?? item.dc?.descriptions?.[0],
      content: item.content?.encoded,
      authors: item.dc?.creators ?? [],
      base: chainBase(base, item.xml?.base),
    }),
  );
  return { title: feed.title, links: [feed.link], base, entries };
}

function fromJson(feed: Extract<AnyFeed, { format: 'json' }>['feed'], baseUrl: string | null): RawFeed {
  // feed_url says where the feed lives; use it only when the caller does not know.
  const base = baseUrl ?? (typeof feed.feed_url === 'string' ? feed.feed_url : null);
  const entries = (feed.items ?? []).map(
    (item): RawEntry => ({
      titles: [item.title],
      links: [item.url, item.external_url],
      guid: item.id,
      guidIsPermaLink: false,
      dates: [item.date_published, item.date_modified],
      summary: item.summary,
      content: item.content_html ?? item.content_text,
      contentIsText: item.content_html === undefined && item.content_text !== undefined,
      authors: [...names(item.authors), ...names(feed.authors)],
      base,
    }),
  );
  return { title: feed.title, links: [feed.home_page_url], base, entries };
}

/** Maps feedsmith's per-format result onto the fields newsdesk reads (`channelBase`: an RSS channel's xml:base). */
export function adaptFeedsmith(parsed: AnyFeed, baseUrl: string | null, channelBase: string | null = null): RawFeed {
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, baseUrl, channelBase);
    case 'atom':
      return fromAtom(parsed.feed, baseUrl);
    case 'rdf':
      return fromRdf(parsed.feed, baseUrl);
    case 'json':
      return fromJson(parsed.feed, baseUrl);
  }
}
