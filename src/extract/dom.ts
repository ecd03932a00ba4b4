/** A minimal structural view of the DOM that linkedom provides, so the extract stage needs no DOM lib types. */
import { parseHTML } from 'linkedom';

/** The node fields the extract stage reads. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  firstChild?: DomNode | null;
  nextSibling?: DomNode | null;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
  querySelector?(selector: string): DomElement | null;
  querySelectorAll?(selector: string): ArrayLike<DomElement>;
  remove?(): void;
}

/** An element node. */
export interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
  replaceWith(...nodes: DomNode[]): void;
}

/** A parsed document whose URL is known. */
export interface DomDocument extends DomNode {
  documentElement: DomElement | null;
  body: DomElement | null;
  head: DomElement | null;
  title: string;
  baseURI: string;
  documentURI: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** A document fresh from the parser, comments removed, and how big its tree is. */
export interface ParsedPage {
  doc: DomDocument;
  shape: TreeShape;
}

/** nodeType of an element. */
export const ELEMENT_NODE = 1;
/** nodeType of a text node. */
export const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Size of a parsed document's element tree. */
export interface TreeShape {
  elements: number;
  maxDepth: number;
}

/**
 * Removes every comment node and measures the element tree in one pass, walking sibling links
 * (cheap in linkedom, unlike building childNodes lists). The document's own children are listed
 * instead, because linkedom's doctype node reports no nextSibling.
 */
function stripCommentsAndMeasure(doc: DomNode): TreeShape {
  const shape: TreeShape = { elements: 0, maxDepth: 0 };
  for (const root of Array.from(doc.childNodes)) {
    if (root.nodeType === COMMENT_NODE) root.remove?.();
    if (root.nodeType !== ELEMENT_NODE) continue;
    shape.elements++;
    let node: DomNode | null = root.firstChild ?? null;
    let depth = 2; // of `node`; the root is at depth 1
    shape.maxDepth = Math.max(shape.maxDepth, node ? 2 : 1);
    while (node) {
      let next: DomNode | null = null;
      if (node.nodeType === ELEMENT_NODE) {
        shape.elements++;
        if (node.firstChild) {
          depth++;
          if (depth > shape.maxDepth) shape.maxDepth = depth;
          node = node.firstChild;
          continue;
        }
      }
      // Climb until a next sibling exists, then drop the current node if it is a comment.
      let cur: DomNode | null = node;
      while (cur && cur !== root && !cur.nextSibling) {
        cur = cur.parentNode;
        depth--;
      }
      next = cur && cur !== root ? (cur.nextSibling ?? null) : null;
      if (node.nodeType === COMMENT_NODE) node.remove?.();
      node = next;
    }
  }
  return shape;
}

const linkedom = (html: string): DomDocument => (parseHTML(html) as unknown as { document: DomDocument }).document;

/** Resolves `href` against `base`; null when either is unusable. */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    return base ? new URL(trimmed, base).href : new URL(trimmed).href;
  } catch {
    return null;
  }
}

/**
 * Parses HTML into a fresh linkedom document and gives it the document/base URI a browser would:
 * linkedom returns the raw `<base href>` (unresolved) or nothing, and has no documentURI at all,
 * while Readability resolves relative links against `baseURI` and keeps `#fragment` links only
 * when the base equals the document URI.
 */
export function parseDocument(html: string, url: string): ParsedPage {
  let document = linkedom(html);
  // Given a fragment, linkedom makes its first element the root (or has none) instead of adding <html>/<body>.
  if (document.documentElement?.localName !== 'html') document = linkedom(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const documentURI = resolveUrl(url, null) ?? url;
  const base = document.querySelector('base[href]');
  const baseURI = (base && resolveUrl(base.getAttribute('href'), documentURI)) || documentURI;
  Object.defineProperty(document, 'documentURI', { value: documentURI, configurable: true });
  Object.defineProperty(document, 'URL', { value: documentURI, configurable: true });
  Object.defineProperty(document, 'baseURI', { value: baseURI, configurable: true });
  // Comments split runs of inline text into separate nodes, and Readability then wraps each piece
  // in its own paragraph ("A<!-- -->22" → "A" / "22"); its own test-suite strips them the same way.
  return { doc: document, shape: stripCommentsAndMeasure(document) };
}
