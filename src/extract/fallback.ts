/** A plain extraction for pages Readability gives up on: the container holding the most paragraph text. */
import { ELEMENT_NODE, type DomDocument, type DomElement, type DomNode } from './dom.js';
import { blockText } from './text.js';

// Page chrome whose text is never the article.
// (Not <form>: some frameworks wrap the whole page in one.)
const CHROME = 'script, style, template, nav, header, footer, aside, iframe, svg, button, select, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], [hidden]';
const BOILERPLATE = /(^|[\s_-])(nav|menu|footer|sidebar|comment|cookie|share|social|related|promo|advert|banner|breadcrumb)/i;

const textLength = (node: DomNode): number => (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;

function looksLikeChrome(el: DomElement): boolean {
  const label = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return BOILERPLATE.test(label);
}

/**
 * Scores each element by the paragraph text directly inside it (so a wrapper of the article
 * wins over the page body through its child paragraphs) and returns the best one's text;
 * with no paragraphs at all, the body's own text.
 */
export function fallbackText(doc: DomDocument): string {
  const body = doc.body ?? doc.documentElement;
  if (!body) return '';
  const chrome = body.querySelectorAll(CHROME);
  for (let i = chrome.length - 1; i >= 0; i--) chrome[i].remove();
  // Script-driven pages often carry their server-rendered text inside <noscript>; read it as normal content.
  const noscripts = body.querySelectorAll('noscript');
  for (let i = noscripts.length - 1; i >= 0; i--) noscripts[i].replaceWith(...Array.from(noscripts[i].childNodes));
  const paragraphs = body.querySelectorAll('p, pre, blockquote, li, h1, h2, h3, h4, h5, h6, td');
  const scores = new Map<DomNode, number>();
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const len = textLength(p);
    if (len < 25) continue;
    const parent = p.parentNode;
    if (!parent || parent.nodeType !== ELEMENT_NODE) continue;
    if (looksLikeChrome(parent as DomElement)) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + len);
  }
  let best: DomNode | null = null;
  let bestScore = 0;
  for (const [node, score] of scores) {
    if (score > bestScore) {
      best = node;
      bestScore = score;
    }
  }
  const bodyText = blockText(body);
  if (!best) return bodyText;
  const bestText = blockText(best);
  // A page of many small containers: the winner holds little of the body; take the body instead.
  return bestText.length * 4 < bodyText.length && bodyText.length < 20000 ? bodyText : bestText;
}
