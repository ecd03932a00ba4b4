/**
 * Page furniture inside the article Readability kept: captions, share bars, related-story lists, newsletter
 * boxes, author boxes, tag lists, comment prompts, blocks of links. Decided from the markup (class, id, role,
 * aria-label and data-* names, read as whole words) and from link density, never from one site's names.
 */
import type { DomElement, DomNode } from './dom.js';

// A word in a class/id/role/aria-label that marks the element as furniture, whatever its size
// (the only guard: it never holds most of the article).
const STRONG = new Set((
  'share shares sharing sharebar sharetools sharedaddy social socials sociallinks related relatedposts relatedlinks ' +
  'newsletter newsletters subscribe subscription subscriptions signup promo promos promotion promoted advert adverts ' +
  'advertisement advertisements advertising ad ads adslot adunit sponsor sponsored sponsors outbrain taboola byline ' +
  'bylines comments comment respond recommended recommendation recommendations recirc recirculation readmore ' +
  'caption captions figcaption credit credits donate donation paywall regwall tweet pullquote breadcrumb breadcrumbs ' +
  'popup modal cookie cookies gdpr consent trending submeta tags tagcloud taglist follow cta'
).split(' '));
// Words that mark furniture only on a small element (a byline row, a date, a contact box), since the same
// words also name wrappers of real text ("author-content", "meta-body").
const WEAK = new Set((
  'author authors bio meta date dateline pubdate timestamp published updated contact contacts boilerplate ' +
  'download downloads tools toolbar actions utility experts expert player audio listen banner sidebar rail ' +
  'topics keywords print navigation nav pager pagination label kicker readtime'
).split(' '));
const WEAK_MAX_CHARS = 400;
// Two words in a row that together mark furniture ("read-more", "more-stories", "keep_reading").
const PAIRS = new Set([
  'read more', 'read next', 'read also', 'also read', 'more stories', 'more from', 'more on', 'more articles',
  'more news', 'more features', 'more opinion', 'keep reading', 'you might', 'you may', 'most read',
  'most popular', 'most viewed', 'next article', 'next story', 'see also', 'post navigation', 'about author',
  'media contact', 'rich link', 'pull quote', 'sign up', 'inline module', 'story tools', 'author card',
  // "tag" alone is WordPress's class for each of a post's tags ("tag-ferry" on the article itself).
  'tag cloud', 'tag list', 'tag links', 'post tag', 'article tag', 'story tag',
].map((p) => p));
// Class names that describe a state or an option of a wrapper, not what it is ("has-share-tools", "related-enabled").
const MODIFIER = /^(?:has|with|no|is|show|hide|enable|disable)[-_]|[-_](?:enabled|disabled|active|on|off)$/i;
const LABEL_ATTRS = new Set(['class', 'id', 'role', 'aria-label', 'data-component', 'data-testid', 'data-module', 'data-type']);

/** The words of one class/id/aria-label name: split at punctuation and camelCase, lower-cased. */
export function labelWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

// A quick test that a name may hold one of the words above: long words anywhere, short ones ("ad",
// "bio", "nav") not inside another word; a name that fails it is not split into words at all.
const STEMS = new RegExp([...STRONG, ...WEAK, ...[...PAIRS].flatMap((p) => p.split(' '))]
  .filter((w, i, a) => a.indexOf(w) === i)
  .map((w) => `${w.length < 5 ? '(?<![a-z])' : ''}[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}${w.length < 5 ? '(?![a-z])' : ''}`)
  .join('|'));

/** Whether an element's own names say it is furniture, and how strongly. */
export function furnitureLabel(el: DomElement): 'strong' | 'weak' | null {
  // One pass over the element's attributes (cheaper in linkedom than asking for each name).
  const attrs = (el as unknown as { attributes?: ArrayLike<{ name: string; value: string }> }).attributes;
  if (!attrs || !attrs.length) return null;
  let weak = false;
  for (let a = 0; a < attrs.length; a++) {
    const { name: attr, value } = attrs[a];
    if (!value || !LABEL_ATTRS.has(attr) || !STEMS.test(value)) continue;
    for (const name of attr === 'class' ? value.split(/\s+/) : [value]) {
      if (!name || MODIFIER.test(name)) continue;
      const words = labelWords(name);
      // A long slug in an id or class is an anchor made from a heading ("sharing-with-a-single-developer"), not a name.
      if (attr !== 'aria-label' && words.length > 4) continue;
      for (let i = 0; i < words.length; i++) {
        if (STRONG.has(words[i]) || (i > 0 && PAIRS.has(`${words[i - 1]} ${words[i]}`))) return 'strong';
        if (WEAK.has(words[i])) weak = true;
      }
    }
  }
  return weak ? 'weak' : null;
}

const textLength = (node: DomNode): number => {
  const t = node.textContent ?? '';
  let n = 0;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 32) n++;
  return n;
};

function linkTextLength(el: DomElement): number {
  const links = el.querySelectorAll('a');
  let n = 0;
  for (let i = 0; i < links.length; i++) n += textLength(links[i]);
  return n;
}

// Inline elements: a name on one of them ("popup" on a glossary link) says nothing about a block.
// (and scripts: a JSON-LD block whose id says "newsletter" still holds the page's metadata).
const INLINE = new Set('a abbr b bdi bdo cite code dfn em i kbd mark q s samp small span strong sub sup time u var wbr script style template link meta'.split(' '));
const LIST = new Set(['ul', 'ol', 'dl']);
const BOX = new Set(['div', 'section', 'aside', 'nav', 'footer', 'header', 'form', 'figure', 'table']);

/** Links whose text is their address: a list of references, not of stories. */
function mostlyUrls(el: DomElement): boolean {
  const links = el.querySelectorAll('a');
  let urls = 0;
  for (let i = 0; i < links.length; i++) if (/^\s*(?:https?:\/\/|www\.)/i.test(links[i].textContent ?? '')) urls++;
  return urls * 2 > links.length;
}

/**
 * A block made of links: a list whose items are mostly link text, a box of three or more links with
 * little else, or a short paragraph that is one link ("Read more: …").
 */
function linkBlock(el: DomElement, tag: string): boolean {
  const len = textLength(el);
  if (!len) return false;
  const density = linkTextLength(el) / len;
  if (LIST.has(tag)) return el.querySelectorAll('li, dt, dd').length >= 2 && density >= 0.7 && !mostlyUrls(el);
  if (BOX.has(tag)) return el.querySelectorAll('a').length >= 3 && density >= 0.7 && len < 1500;
  // A teaser: a headline-length link ("Read more: Why breakwaters fail"), not a bare "link" or a URL.
  if (tag === 'p') return density >= 0.6 && len < 160 && (el.querySelector('a')?.textContent ?? '').trim().split(/\s+/).length >= 4;
  return false;
}

const PARAGRAPH = 'p, pre, blockquote, li, td, dd';
const PARAGRAPH_TAGS = new Set(PARAGRAPH.split(', '));
// A paragraph with this much text outside links is article text: link blocks after the last one are trailing lists.
const SUBSTANTIAL_CHARS = 100;
// A box holding two such paragraphs or more, and this much text, is article text whatever it is called.
const SUBSTANTIAL_BOX = 600;

const substantial = (p: DomElement): boolean => textLength(p) - linkTextLength(p) >= SUBSTANTIAL_CHARS;

/** Whether a box holds article text: two substantial paragraphs or more. */
function holdsText(el: DomElement, len: number): boolean {
  if (len < SUBSTANTIAL_BOX) return false;
  const ps = el.querySelectorAll(PARAGRAPH);
  let n = 0;
  for (let i = 0; i < ps.length; i++) if (substantial(ps[i]) && ++n >= 2) return true;
  return false;
}

// What Readability takes as the byline (and removes itself): left for it, so the byline is still found.
const READABILITY_BYLINE = /byline|author|dateline|writtenby|p-author/i;
const READABILITY_BYLINE_MAX = 100;

function bylineCandidate(el: DomElement): boolean {
  if (el.getAttribute('rel') === 'author' || /author/i.test(el.getAttribute('itemprop') ?? '')) return true;
  return READABILITY_BYLINE.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`) && textLength(el) < READABILITY_BYLINE_MAX;
}

/** Whether the element is, or holds, what Readability would take as the byline. */
function holdsByline(el: DomElement): boolean {
  if (bylineCandidate(el)) return true;
  const inner = el.querySelectorAll('*');
  for (let i = 0; i < inner.length; i++) if (bylineCandidate(inner[i])) return true;
  return false;
}

/**
 * Removes furniture in place. On the whole page (`scope: 'page'`, before Readability chooses the article,
 * because its rewriting of divs into paragraphs drops their names) only what the names say; on the article
 * Readability returned (`scope: 'article'`) also captions and blocks of links.
 */
export function removeFurniture(root: DomElement, scope: 'page' | 'article'): void {
  const total = scope === 'article' ? textLength(root) : 0;
  const all = root.querySelectorAll('*');
  // Indexes (in document order) of the article's first and last paragraphs with substantial text of their own.
  let lastText = -1;
  let firstText = all.length;
  if (scope === 'article') {
    for (let i = all.length - 1; i >= 0 && lastText < 0; i--) if (PARAGRAPH_TAGS.has(all[i].localName) && substantial(all[i])) lastText = i;
    for (let i = 0; i < lastText && firstText === all.length; i++) if (PARAGRAPH_TAGS.has(all[i].localName) && substantial(all[i])) firstText = i;
  }
  const removed: DomElement[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const tag = el.localName;
    let drop = scope === 'article' && (tag === 'figcaption' || tag === 'caption');
    if (!drop && !INLINE.has(tag)) {
      const label = furnitureLabel(el);
      if (label) {
        const len = textLength(el);
        // Never the article itself, nor a wrapper holding most of it or several paragraphs of text;
        // on the page, never what holds the headline or the byline (Readability reads it).
        drop = scope === 'article'
          ? (label === 'strong' || len <= WEAK_MAX_CHARS) && len <= total * 0.5 && !holdsText(el, len)
          : (label === 'strong' || len <= WEAK_MAX_CHARS) && !holdsText(el, len) && !el.querySelector('h1') && !holdsByline(el);
      }
    }
    // Lists and boxes of links count only before the article's first paragraph or after its last (in the
    // text, a list of links is often the point: sources, changes, documents); a one-link teaser line anywhere.
    if (!drop && scope === 'article' && linkBlock(el, tag)) {
      drop = (tag === 'p' || i > lastText || i + el.querySelectorAll('*').length < firstText) && textLength(el) <= total * 0.5;
    }
    if (drop) {
      removed.push(el);
      // Its descendants come next in document order: skip them.
      i += el.querySelectorAll('*').length;
    }
  }
  for (const el of removed) el.remove();
}
