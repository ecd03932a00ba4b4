/** Page metadata read from the untouched document: meta tags, JSON-LD, <time>, canonical link, language. */
import { resolveUrl, type DomDocument, type DomElement } from './dom.js';
import { usableBody } from './jsonld-body.js';

/** Metadata found in the page head and markup, each field null when absent. */
export interface PageMeta {
  title: string | null;
  byline: string | null;
  published_at: string | null;
  canonical_url: string | null;
  lang: string | null;
  site_name: string | null;
  excerpt: string | null;
  /** The JSON-LD articleBody when the page has a whole one (not a teaser), as plain text. */
  article_body: string | null;
}

// Collapses HTML's whitespace only: nbsp and the ideographic space are part of the text.
const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
  return t ? t : null;
};

const webUrl = (href: string | null, base: string): string | null => {
  const url = resolveUrl(href, base);
  return url && /^https?:/i.test(url) ? url : null;
};

// Profile links (article:author often holds one) are not names.
const notUrl = (s: string | null): string | null => (s && !/^(https?:)?\/\//i.test(s) ? s : null);

/** Content of the first `<meta>` whose property/name/itemprop is one of `keys` (case-insensitive), in key order. */
function metaContent(metas: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const value = metas.get(key);
    if (value) return value;
  }
  return null;
}

function collectMeta(doc: DomDocument): Map<string, string> {
  const metas = new Map<string, string>();
  const nodes = doc.querySelectorAll('meta');
  for (let i = 0; i < nodes.length; i++) {
    const el = nodes[i];
    const content = clean(el.getAttribute('content'));
    if (!content) continue;
    // property may hold several space-separated names ("og:title twitter:title").
    const names = [el.getAttribute('property'), el.getAttribute('name'), el.getAttribute('itemprop'), el.getAttribute('http-equiv')]
      .flatMap((n) => (n ?? '').toLowerCase().split(/\s+/))
      .filter(Boolean);
    for (const name of names) if (!metas.has(name)) metas.set(name, content);
  }
  return metas;
}

/** Walks parsed JSON-LD (objects, arrays, @graph) and returns the first value found under `key`. */
function findJsonLd(value: unknown, key: string, depth = 0): unknown {
  if (depth > 8 || value == null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const hit = findJsonLd(v, key, depth + 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  if (obj[key] != null) return obj[key];
  for (const v of Object.values(obj)) {
    const hit = findJsonLd(v, key, depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function jsonLdBlocks(doc: DomDocument): unknown[] {
  const out: unknown[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    // Some sites wrap JSON-LD in CDATA or leave trailing semicolons; strip those before parsing.
    const raw = (scripts[i].textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim().replace(/;$/, '');
    try {
      out.push(JSON.parse(raw));
    } catch {
      // a broken block is simply not a source of metadata
    }
  }
  return out;
}

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// An explicit zone: a UTC offset or Z after a time of day, or a zone name.
const HAS_ZONE = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z\b|[+-]\d{2}:?\d{2}\b)|\b(?:GMT|UTC|[ECMP][SD]T)\b/;

/**
 * Keeps a date already written in ISO 8601 as the page wrote it (offset included); other
 * parseable dates become ISO 8601 UTC, read as UTC when they name no zone so that the result
 * never depends on the machine's time zone. Unparseable or implausible → null.
 */
export function normaliseDate(raw: string | null | undefined): string | null {
  const value = clean(raw);
  if (!value || value.length > 100) return null;
  if (ISO_LIKE.test(value)) return value;
  const ms = Date.parse(HAS_ZONE.test(value) ? value : `${value} UTC`);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 2200 ? date.toISOString() : null;
}

function firstAttr(doc: DomDocument, selector: string, attr: string): string | null {
  const el: DomElement | null = doc.querySelector(selector);
  return el ? clean(el.getAttribute(attr)) : null;
}

function publishedTime(doc: DomDocument, metas: Map<string, string>, jsonld: unknown[]): string | null {
  const fromMeta = metaContent(metas, [
    'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished',
    'parsely-pub-date', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date.issued', 'dc.date', 'dcterms.created',
    'sailthru.date', 'article.published', 'published-date', 'release_date',
  ]);
  const fromLd = findJsonLd(jsonld, 'datePublished');
  const fromTime = firstAttr(doc, 'article time[datetime], time[pubdate][datetime], time[itemprop~="datePublished"][datetime], time[datetime]', 'datetime');
  for (const candidate of [fromMeta, typeof fromLd === 'string' ? fromLd : null, fromTime]) {
    const date = normaliseDate(candidate);
    if (date) return date;
  }
  return null;
}

function jsonLdName(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(jsonLdName).filter((n): n is string => !!n);
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return jsonLdName((value as Record<string, unknown>).name);
  return null;
}

/** Reads the page's own metadata; call before anything mutates the document. */
export function readPageMeta(doc: DomDocument): PageMeta {
  const metas = collectMeta(doc);
  const jsonld = jsonLdBlocks(doc);
  const canonical =
    webUrl(firstAttr(doc, 'link[rel~="canonical" i][href]', 'href'), doc.baseURI) ??
    webUrl(metaContent(metas, ['og:url']), doc.baseURI);
  const lang =
    firstAttr(doc, 'html[lang]', 'lang') ??
    firstAttr(doc, 'html[xml\\:lang]', 'xml:lang') ??
    clean(metaContent(metas, ['content-language', 'og:locale', 'language', 'dc.language'])?.split(',')[0]);
  return {
    title: metaContent(metas, ['og:title', 'twitter:title', 'dc.title']) ?? clean(doc.querySelector('title')?.textContent),
    byline:
      notUrl(metaContent(metas, ['author', 'dc.creator', 'byl', 'parsely-author'])) ??
      notUrl(metaContent(metas, ['article:author'])) ??
      notUrl(jsonLdName(findJsonLd(jsonld, 'author'))),
    published_at: publishedTime(doc, metas, jsonld),
    canonical_url: canonical,
    lang: lang ? lang.replace(/_/g, '-') : null,
    site_name: metaContent(metas, ['og:site_name', 'application-name']) ?? jsonLdName(findJsonLd(jsonld, 'publisher')),
    excerpt: metaContent(metas, ['og:description', 'description', 'twitter:description']),
    article_body: usableBody(jsonld),
  };
}
