import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import type { Discovered } from '../domain/types.js';
import { toIsoDate } from './dates.js';
import { collapseWhitespace } from './text.js';
import { isHttpUrl, resolveUrl } from './urls.js';

/** How a listing page's article links are found (the html-source fields of sources.yaml). */
export interface ListingRule {
  link_selector: string;
  include?: string;
  exclude?: string;
}

// cheerio's node type, named without importing its parser package directly.
type Node = Exclude<Parameters<typeof load>[0], string | Buffer | unknown[]>;
type Sel = Cheerio<Node>;

// How far up from a link to look for its item container (a card, list item, article).
const MAX_CLIMB = 6;

function pattern(source: string | undefined, name: string): RegExp | null {
  if (!source) return null;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new Error(`The ${name} pattern ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}`);
  }
}

/**
 * The anchor a selected element stands for: itself, the first link inside it (one with text
 * before an image-only one), or the link around it.
 */
function anchorOf($: CheerioAPI, el: Sel): Sel | null {
  if (el.is('a[href]')) return el;
  const inner = el.find('a[href]').toArray();
  if (inner.length) {
    const withText = inner.find((a) => collapseWhitespace($(a).text()) !== '');
    return $(withText ?? inner[0]);
  }
  const outer = el.closest('a[href]');
  return outer.length ? outer : null;
}

/** The link's own text, else its title/aria-label/image alt (marked as a stand-in). */
function linkTitle(a: Sel): { title: string | null; standIn: boolean } {
  const text = collapseWhitespace(a.text());
  if (text) return { title: text, standIn: false };
  const alt = a.attr('title') ?? a.attr('aria-label') ?? a.find('img[alt]').first().attr('alt') ?? '';
  return { title: collapseWhitespace(alt) || null, standIn: true };
}

/**
 * The `<time datetime>` in the smallest ancestor that holds this item and no link to another
 * item (`urls` maps each selected element to the article URL it stands for).
 */
function nearbyDate(el: Sel, urls: Map<Node, string>): string | null {
  const self = el.get(0);
  const mine = self ? urls.get(self) : undefined;
  let container = el;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const time = container.is('time[datetime]') ? container : container.find('time[datetime]').first();
    if (time.length) return toIsoDate(time.attr('datetime'));
    const parent = container.parent();
    if (!parent.length) return null;
    const holdsOthers = parent
      .find('*')
      .toArray()
      .some((node) => urls.has(node) && urls.get(node) !== mine);
    if (holdsOthers) return null; // the parent is the whole list, not this item
    container = parent;
  }
  return null;
}

function select($: CheerioAPI, selector: string): Node[] {
  try {
    return $(selector).toArray();
  } catch (error) {
    throw new Error(`The link_selector ${JSON.stringify(selector)} is not a valid CSS selector: ${(error as Error).message}`);
  }
}

function withoutFragment(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** Finds article links on a listing page (sites without feeds) by the source's CSS selector. */
export function parseListing(html: string, baseUrl: string, rule: ListingRule): Discovered[] {
  const include = pattern(rule.include, 'include');
  const exclude = pattern(rule.exclude, 'exclude');
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const resolvedBase = resolveUrl(baseHref, baseUrl);
  const base = resolvedBase && isHttpUrl(resolvedBase) ? resolvedBase : baseUrl;
  const page = isHttpUrl(baseUrl) ? withoutFragment(baseUrl) : baseUrl;

  // Every selected element with a followable link, and the absolute URL (fragment dropped) it stands for.
  const found = new Map<Node, { a: Sel; url: string }>();
  for (const node of select($, rule.link_selector)) {
    const a = anchorOf($, $(node));
    const href = a?.attr('href')?.trim();
    if (!a || !href || href.startsWith('#')) continue;
    const resolved = resolveUrl(href, base);
    if (resolved && isHttpUrl(resolved)) found.set(node, { a, url: withoutFragment(resolved) });
  }
  const urls = new Map([...found].map(([node, f]) => [node, f.url]));
  const byUrl = new Map<string, Discovered>();
  const standInTitles = new Set<string>();
  for (const [node, { a, url }] of found) {
    if (url === page) continue;
    if (include && !include.test(url)) continue;
    if (exclude && exclude.test(url)) continue;
    const el = $(node);

    const { title, standIn } = linkTitle(a);
    const known = byUrl.get(url);
    if (known) {
      // The same article is often linked twice (image, then headline): keep the first, fill gaps,
      // and let headline text replace an image's alt text.
      if (title && (known.title === null || (standInTitles.has(url) && !standIn))) {
        known.title = title;
        if (!standIn) standInTitles.delete(url);
      }
      known.published_at ??= nearbyDate(el, urls);
      continue;
    }
    if (standIn) standInTitles.add(url);
    byUrl.set(url, {
      url,
      title,
      published_at: nearbyDate(el, urls),
      summary: null,
      content: null,
      guid: null,
      author: null,
    });
  }
  return [...byUrl.values()];
}
