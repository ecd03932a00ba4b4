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

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Removes every comment node below `root` (iteratively: real pages nest deeper than the call stack allows). */
function removeComments(root: DomNode): void {
  const stack: DomNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as DomNode;
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) {
      const child = kids[i];
      if (child.nodeType === COMMENT_NODE) child.remove?.();
      else if (child.nodeType === ELEMENT_NODE) stack.push(child);
    }
  }
}

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
export function parseDocument(html: string, url: string): DomDocument {
  // Without an <html> wrapper linkedom may build a document with no documentElement/body.
  const source = /<html[\s>]/i.test(html.slice(0, 4096)) || /<body[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source) as unknown as { document: DomDocument };
  const documentURI = resolveUrl(url, null) ?? url;
  const base = document.querySelector('base[href]');
  const baseURI = (base && resolveUrl(base.getAttribute('href'), documentURI)) || documentURI;
  Object.defineProperty(document, 'documentURI', { value: documentURI, configurable: true });
  Object.defineProperty(document, 'URL', { value: documentURI, configurable: true });
  Object.defineProperty(document, 'baseURI', { value: baseURI, configurable: true });
  // Comments split runs of inline text into separate nodes, and Readability then wraps each piece
  // in its own paragraph ("A<!-- -->22" → "A" / "22"); its own test-suite strips them the same way.
  removeComments(document);
  return document;
}
