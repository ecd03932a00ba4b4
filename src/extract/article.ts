/** Article HTML + URL → Article: Readability over linkedom, with the page's own metadata and a plain fallback. */
import { Readability } from '@mozilla/readability';
import type { Article } from '../domain/types.js';
import { parseDocument, type DomDocument, type DomElement, type DomNode } from './dom.js';
import { fallbackText } from './fallback.js';
import { readPageMeta, normaliseDate, type PageMeta } from './metadata.js';
import { blockText, wellFormed } from './text.js';
import { removeFurniture } from './furniture.js';
import { dropFurnitureLines } from './furniture-lines.js';
import { chooseBody } from './jsonld-body.js';

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
  // Classes are kept so that furniture can be recognised by its names after Readability has chosen the article.
  const reader = new Readability<DomNode>(doc as never, { keepClasses: true, serializer: (node) => node as never });
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
    text: parsed.content ? articleText(parsed.content as unknown as DomElement) : '',
  };
}

/** The article element's text without the furniture Readability kept. */
function articleText(content: DomElement): string {
  removeFurniture(content, 'article');
  return dropFurnitureLines(blockText(content));
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
  article_body: null,
};

// Readability's cost grows steeply with nesting depth (seconds at a few hundred levels) and
// linearly with size; past these limits only the cheap fallback runs. Real pages stay far below.
const MAX_DEPTH = 250;
const MAX_ELEMENTS = 50_000;

const field = (s: string | null | undefined): string | null => (s == null ? null : trimmed(wellFormed(s)));

/** Per-site rules for one source's pages (sources.yaml `extract:`). */
export interface ExtractOptions {
  /** CSS selectors of elements that are never the article on this site; removed before anything else reads the text. */
  remove?: readonly string[];
}

/** Removes the elements a site's rules name; a selector the DOM cannot run is skipped (the config check names it). */
function removeSelected(doc: DomDocument, selectors: readonly string[] | undefined): void {
  for (const selector of selectors ?? []) {
    const found = safely(() => doc.querySelectorAll(selector));
    if (!found) continue;
    for (let i = found.length - 1; i >= 0; i--) found[i].remove();
  }
}

/** Extracts the article text and metadata from one page; never throws, and returns text '' when the page has none. */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const source = typeof html === 'string' ? html : '';
  const page = safely(() => parseDocument(source, url));
  const meta = (page && safely(() => readPageMeta(page.doc))) ?? EMPTY_META;
  const readable = !!page && page.shape.maxDepth <= MAX_DEPTH && page.shape.elements <= MAX_ELEMENTS;
  if (page) removeSelected(page.doc, options.remove);
  if (page && readable && page.doc.body) safely(() => removeFurniture(page.doc.body as DomElement, 'page'));
  const read = page && readable ? safely(() => runReadability(page.doc)) : null;
  // The page's own JSON-LD articleBody, when whole, cleans or completes what Readability found.
  let text = chooseBody(read?.text ?? '', meta.article_body).text;
  if (text.length < SHORT_TEXT) {
    // Readability mutates its document, so after it has run the fallback needs a fresh parse.
    const doc = readable ? safely(() => parseDocument(source, url).doc) : page?.doc;
    if (doc && readable) removeSelected(doc, options.remove);
    const other = (doc && safely(() => fallbackText(doc))) ?? '';
    if (other.length > 2 * text.length) text = other;
  }
  const byline = field(read?.byline ?? meta.byline);
  return {
    title: field(read?.title ?? meta.title),
    byline,
    published_at: normaliseDate(read?.publishedTime) ?? meta.published_at,
    canonical_url: meta.canonical_url,
    lang: field(meta.lang ?? read?.lang),
    site_name: field(read?.siteName ?? meta.site_name),
    excerpt: field(read?.excerpt ?? meta.excerpt),
    text: withoutLeadingByline(text, byline),
  };
}

/**
 * Readability keeps the byline line in the text when it retries a short page (it found the byline on
 * the first pass); a first paragraph that is exactly the byline is metadata, not article text.
 */
function withoutLeadingByline(text: string, byline: string | null): string {
  if (!byline) return text;
  const cut = text.indexOf('\n\n');
  const first = (cut < 0 ? text : text.slice(0, cut)).replace(/\s+/g, ' ').trim();
  return first === byline.replace(/\s+/g, ' ').trim() && cut > 0 ? text.slice(cut + 2) : text;
}
