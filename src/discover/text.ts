import { load } from 'cheerio/slim';

/** The parts of a parsed HTML node this module reads (domhandler's shape, kept structural). */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  children?: HtmlNode[];
}

// Elements whose text is never shown to a reader.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head']);
// Elements that start a new paragraph in plain text.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tr', 'ul', 'body', 'html',
]);
const PARA = '\u0000P\u0000';
const LINE = '\u0000L\u0000';

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

function walk(node: HtmlNode, out: string[]): void {
  if (node.type === 'text') {
    out.push(node.data ?? '');
    return;
  }
  if (node.type === 'cdata' || node.type === 'root') {
    for (const child of node.children ?? []) walk(child, out);
    return;
  }
  if (node.type !== 'tag') return; // comments, directives, and script/style typed nodes
  const name = (node.name ?? '').toLowerCase();
  if (SKIP.has(name)) return;
  if (name === 'br') {
    out.push(LINE);
    return;
  }
  const block = BLOCK.has(name);
  if (block) out.push(PARA);
  if (name === 'td' || name === 'th') out.push(' ');
  for (const child of node.children ?? []) walk(child, out);
  if (block) out.push(PARA);
}

function hasMarkup(text: string): boolean {
  return /[<&]/.test(text);
}

/** Turns an HTML fragment into plain text with `\n\n` between paragraphs and `\n` for `<br>`. */
export function htmlToParagraphs(html: string): string {
  if (!hasMarkup(html)) {
    return html
      .split(/\n\s*\n/)
      .map(collapseWhitespace)
      .filter((p) => p !== '')
      .join('\n\n');
  }
  const $ = load(html, { xml: false }, false);
  const out: string[] = [];
  for (const node of $.root().toArray()) walk(node as unknown as HtmlNode, out);
  return out
    .join('')
    .split(PARA)
    .map((para) =>
      para
        .split(LINE)
        .map(collapseWhitespace)
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((para) => para !== '')
    .join('\n\n');
}

/** Turns an HTML fragment (or entity-laden text) into one line of plain text. */
export function htmlToText(html: string): string {
  if (!hasMarkup(html)) return collapseWhitespace(html);
  return collapseWhitespace(htmlToParagraphs(html).replace(/\n+/g, ' '));
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Plain text or null for an optional HTML-ish value; empty results become null. */
export function textOrNull(value: unknown, max?: number): string | null {
  if (typeof value !== 'string') return null;
  const text = htmlToText(value);
  if (text === '') return null;
  return max ? truncate(text, max) : text;
}

/** Paragraph text or null for an optional HTML value; empty results become null. */
export function paragraphsOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = htmlToParagraphs(value);
  return text === '' ? null : text;
}
