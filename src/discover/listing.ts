import { load, type Cheerio } from 'cheerio/slim';
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

/** The anchor a selected element stands for: itself, the first link inside it, or the link around it. */
function anchorOf(el: Sel): Sel | null {
  if (el.is('a[href]')) return el;
  const inner = el.find('a[href]').first();
  if (inner.length) return inner;
  const outer = el.closest('a[href]');
  return outer.length ? outer : null;
}

function linkTitle(a: Sel): string | null {
  const text = collapseWhitespace(a.text());
  if (text) return text;
  const alt = a.attr('title') ?? a.attr('aria-label') ?? a.find('img[alt]').first().attr('alt') ?? '';
  return collapseWhitespace(alt) || null;
}

/**
 * The `<time datetime>` in the smallest ancestor that holds this item and no link to another
 * item (`hrefs` maps each selected element to the href it stands for).
 */
function nearbyDate(el: Sel, hrefs: Map<Node, string>): string | null {
  const self = el.get(0);
  const mine = self ? hrefs.get(self) : undefined;
  let container = el;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const time = container.is('time[datetime]') ? container : container.find('time[datetime]').first();
    if (time.length) return toIsoDate(time.attr('datetime'));
    const parent = container.parent();
    if (!parent.length) return null;
    const holdsOthers = parent
      .find('*')
      .toArray()
      .some((node) => hrefs.has(node) && hrefs.get(node) !== mine);
    if (holdsOthers) return null; // the parent is the whole list, not this item
    container = parent;
  }
  return null;
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

  const hrefs = new Map<Node, string>();
  for (const node of $(rule.link_selector).toArray()) {
    const href = anchorOf($(node))?.attr('href')?.trim();
    if (href) hrefs.set(node, href);
  }
  const byUrl = new Map<string, Discovered>();
  for (const [node, href] of hrefs) {
    const el = $(node);
    const a = anchorOf(el);
    if (!a || href.startsWith('#')) continue;
    const resolved = resolveUrl(href, base);
    if (!resolved || !isHttpUrl(resolved)) continue;
    const url = withoutFragment(resolved);
    if (url === page) continue;
    if (include && !include.test(url)) continue;
    if (exclude && exclude.test(url)) continue;

    const title = linkTitle(a);
    const known = byUrl.get(url);
    if (known) {
      // The same article is often linked twice (image, then headline): keep the first, fill gaps.
      known.title ??= title;
      known.published_at ??= nearbyDate(el, hrefs);
      continue;
    }
    byUrl.set(url, {
      url,
      title,
      published_at: nearbyDate(el, hrefs),
      summary: null,
      content: null,
      guid: null,
      author: null,
    });
  }
  return [...byUrl.values()];
}
