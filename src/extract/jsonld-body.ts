/**
 * The JSON-LD `articleBody` a page publishes for its article, and the choice between it and Readability's
 * text: the body is the site's own clean copy when it is whole, but it may be a teaser, a summary or
 * another article's, so it is compared with what Readability found before it is used.
 */

import { isFurnitureLine } from './furniture-lines.js';

// schema.org types whose articleBody is the page's article (NewsArticle and its kinds, BlogPosting, Report…).
// Not LiveBlogPosting: its body is an introduction; the updates are elsewhere.
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|SocialMediaPosting|Report)$/;
const MAX_DEPTH = 8;

const typeNames = (t: unknown): string[] =>
  (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.slice(x.lastIndexOf('/') + 1).replace(/^schema:/, ''));

/** Every articleBody of an article-typed node, in objects, arrays and @graph, as raw strings. */
export function articleBodies(jsonld: unknown[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value == null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.articleBody === 'string' && typeNames(obj['@type']).some((t) => ARTICLE_TYPE.test(t))) out.push(obj.articleBody);
    for (const [k, v] of Object.entries(obj)) if (k !== 'articleBody' && v && typeof v === 'object') walk(v, depth + 1);
  };
  walk(jsonld, 0);
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
const BLOCK_TAG = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|br|tr|table|figure|pre)\b[^>]*>/gi;

/** An articleBody as plain text: markup (some sites put HTML there) and entities undone, paragraphs kept. */
export function bodyText(raw: string): string {
  let s = raw;
  if (/<[a-z][^>]*>/i.test(s)) {
    s = s.replace(/<(script|style|figcaption)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(BLOCK_TAG, '\n\n').replace(/<[^>]+>/g, '');
  }
  return decode(s)
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

// Ends like a teaser: "…", "...", "[…]", "(more)", "Read more", "Continue reading".
const TRUNCATED = /(?:\.{3}|…|\[\s*(?:\.{3}|…)\s*\]|\(more\)|read more|continue reading|subscribe to read)\W*$/i;
const MIN_BODY_WORDS = 40;

/** The page's usable articleBody: the longest one that is not a teaser; null when there is none. */
export function usableBody(jsonld: unknown[]): string | null {
  let best: string | null = null;
  for (const raw of articleBodies(jsonld)) {
    const text = bodyText(raw);
    if (TRUNCATED.test(text) || wordCount(text) < MIN_BODY_WORDS) continue;
    if (!best || text.length > best.length) best = text;
  }
  return best;
}

const TOKEN = /[\p{L}\p{N}_]+/gu;
const wordCount = (s: string): number => (s.match(TOKEN) ?? []).length;

/** The set of word 4-grams of a text (lower-cased), the unit both texts are compared in. */
function shingles(text: string): Set<string> {
  const tokens = (text.toLowerCase().match(TOKEN) ?? []);
  const out = new Set<string>();
  if (tokens.length && tokens.length < 4) out.add(tokens.join(' '));
  for (let i = 0; i + 4 <= tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]} ${tokens[i + 3]}`);
  return out;
}

const share = (part: Set<string>, whole: Set<string>): number => {
  if (!part.size) return 0;
  let n = 0;
  for (const s of part) if (whole.has(s)) n++;
  return n / part.size;
};

// Readability has found the article when it holds this share of the body's 4-grams.
const FOUND = 0.8;
// …and then its extra paragraphs are furniture only when it is not much longer than the body
// (a body that is a fraction of the page's text is a summary or the free part, not the whole).
const MAX_EXTRA = 1.35;
// A paragraph of Readability's text belongs to the body when this share of its 4-grams is in it.
const IN_BODY = 0.5;
// Readability missed the article when the body has this much more of it than Readability's matching part.
const FULLER = 1.25;
const HEADING_WORDS = 12;
const KEEP_WORDS = 50;

export type BodyChoice = { text: string; from: 'readability' | 'jsonld' | 'filtered' };

/**
 * Chooses the article text from Readability's text and the page's articleBody:
 * - Readability holds most of the body and little more: its paragraphs that are not in the body (captions,
 *   teasers, boxes) are dropped, keeping its paragraph breaks and the subheadings between kept paragraphs;
 * - Readability holds little of a body that is fuller than what it found: the body;
 * - otherwise (no body, a teaser, a body much shorter than the page's text): Readability's text.
 */
export function chooseBody(readability: string, body: string | null): BodyChoice {
  if (!body) return { text: readability, from: 'readability' };
  const b = shingles(body);
  const r = shingles(readability);
  const found = share(b, r);
  const bodyWords = wordCount(body);
  const readWords = wordCount(readability);
  if (found >= FOUND) {
    if (readWords > bodyWords * MAX_EXTRA || share(r, b) >= 0.98) return { text: readability, from: 'readability' };
    const paragraphs = readability.split('\n\n');
    const bodyTokens = ` ${(body.toLowerCase().match(TOKEN) ?? []).join(' ')} `;
    const inBody = paragraphs.map((p) => {
      const words = wordCount(p);
      // A long paragraph the body lacks is more likely text the body left out than furniture.
      if (words > KEEP_WORDS) return true;
      if (words < 4) return bodyTokens.includes(` ${(p.toLowerCase().match(TOKEN) ?? []).join(' ')} `);
      return share(shingles(p), b) >= IN_BODY;
    });
    // A subheading (short, no closing punctuation) between body paragraphs stays: bodies often leave them out.
    const heading = (p: string, i: number): boolean => wordCount(p) <= HEADING_WORDS && !/[.!?…:"”]$|[.!?] /.test(p.trim()) && !isFurnitureLine(p) &&
      inBody[i + 1] === true && inBody.slice(0, i).includes(true);
    const kept = paragraphs.filter((p, i) => inBody[i] || heading(p, i));
    return { text: kept.join('\n\n'), from: 'filtered' };
  }
  const matching = readWords * share(r, b);
  if (bodyWords >= matching * FULLER && bodyWords >= readWords * 0.5) return { text: body, from: 'jsonld' };
  return { text: readability, from: 'readability' };
}
