/** Article HTML + URL → Article: Readability over linkedom, with the page's own metadata and a plain fallback. */
import { Readability } from '@mozilla/readability';
import type { Article } from '../domain/types.js';
import { parseDocument, type DomDocument, type DomNode } from './dom.js';
import { fallbackText } from './fallback.js';
import { readPageMeta, normaliseDate, type PageMeta } from './metadata.js';
import { blockText } from './text.js';

// Below this many characters Readability has probably kept a fragment, not the article.
const SHORT_TEXT = 200;

interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  text: string;
}

const trimmed = (s: string | null | undefined): string | null => (typeof s === 'string' && s.trim() ? s.trim() : null);
// HTML's own whitespace (not nbsp or the ideographic space), collapsed the way a browser renders it.
const rendered = (s: string | null | undefined): string | null => trimmed(s?.replace(/[ \t\n\r\f]+/g, ' '));

function runReadability(doc: DomDocument): ReadabilityResult | null {
  // The serializer hands back the article element itself, so its block structure can be walked.
  const reader = new Readability<DomNode>(doc as never, { classesToPreserve: ['caption'], serializer: (node) => node as never });
  const parsed = reader.parse();
  if (!parsed) return null;
  return {
    // Titles are kept as Readability gives them (it already normalises the ones it derives);
    // bylines taken from page text carry the markup's line breaks and indentation.
    title: trimmed(parsed.title),
    byline: rendered(parsed.byline),
    excerpt: rendered(parsed.excerpt),
    siteName: rendered(parsed.siteName),
    lang: trimmed(parsed.lang),
    publishedTime: trimmed(parsed.publishedTime),
    text: parsed.content ? blockText(parsed.content) : '',
  };
}

function safely<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

const EMPTY_META: PageMeta = {
  title: null, byline: null, published_at: null, canonical_url: null, lang: null, site_name: null, excerpt: null,
};

/** Extracts the article text and metadata from one page; never throws, and returns text '' when the page has none. */
export function extractArticle(html: string, url: string): Article {
  const source = typeof html === 'string' ? html : '';
  const doc = safely(() => parseDocument(source, url));
  const meta = (doc && safely(() => readPageMeta(doc))) ?? EMPTY_META;
  const read = doc ? safely(() => runReadability(doc)) : null;
  let text = read?.text ?? '';
  if (text.length < SHORT_TEXT) {
    // Readability mutates its document, so the fallback starts from a fresh parse.
    const other = safely(() => fallbackText(parseDocument(source, url))) ?? '';
    if (other.length > text.length) text = other;
  }
  return {
    title: read?.title ?? meta.title,
    byline: read?.byline ?? meta.byline,
    published_at: normaliseDate(read?.publishedTime) ?? meta.published_at,
    canonical_url: meta.canonical_url,
    lang: meta.lang ?? read?.lang ?? null,
    site_name: read?.siteName ?? meta.site_name,
    excerpt: read?.excerpt ?? meta.excerpt,
    text,
  };
}
