/** DOM → plain text that keeps the block structure: one blank line between blocks. */
import { ELEMENT_NODE, TEXT_NODE, type DomNode } from './dom.js';

// Elements that start and end a paragraph of their own.
const BLOCK = new Set(
  ('address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody tfoot thead tr ul ' +
    'caption center legend option')
    .split(' '),
);
// Cells sit side by side on a row: separated, but not by a paragraph break.
const CELL = new Set(['td', 'th']);
// Elements whose content is never readable text.
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);
// MathML leaves (identifier, number, operator, text): adjacent in markup, separate symbols when read.
const MATH_TOKEN = new Set(['mi', 'mn', 'mo', 'ms', 'mtext']);

// C0 controls other than tab and newline, DEL, and UTF-16 halves without their partner.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops control characters and replaces unpaired surrogates, so a string is safe to store and serialise. */
export function wellFormed(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Accumulates words into lines and lines into paragraphs, collapsing whitespace as it goes. */
class TextBuilder {
  private readonly paragraphs: string[] = [];
  private lines: string[] = [];
  private line = '';
  private space = false;

  word(text: string): void {
    if (!text) return;
    if (this.space && this.line) this.line += ' ';
    this.space = false;
    this.line += text;
  }

  /** Adds text in which runs of whitespace become one space. */
  inline(text: string): void {
    const parts = text.replace(CONTROL, '').split(/\s+/);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) this.space = true;
      this.word(parts[i]);
    }
  }

  gap(): void {
    this.space = true;
  }

  lineBreak(): void {
    if (this.line) this.lines.push(this.line);
    this.line = '';
    this.space = false;
  }

  /** A `<br>`: ends the line; a second one in a row (an empty line) ends the paragraph, as old markup means it. */
  br(): void {
    if (!this.line && this.lines.length) this.paragraphBreak();
    else this.lineBreak();
  }

  paragraphBreak(): void {
    this.lineBreak();
    if (this.lines.length) this.paragraphs.push(this.lines.join('\n'));
    this.lines = [];
  }

  toString(): string {
    this.paragraphBreak();
    return this.paragraphs.join('\n\n');
  }
}

type Step = { node: DomNode; pre: boolean } | { close: 'block' | 'gap' };

/** Plain text of a DOM subtree: whitespace collapsed inside blocks, a blank line between blocks, a newline for `<br>`. */
export function blockText(root: DomNode): string {
  const out = new TextBuilder();
  // An explicit stack rather than recursion: hostile pages nest deeper than the call stack allows.
  const stack: Step[] = [];
  const pushChildren = (node: DomNode, pre: boolean): void => {
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], pre });
  };
  pushChildren(root, false);
  while (stack.length) {
    const step = stack.pop() as Step;
    if ('close' in step) {
      if (step.close === 'block') out.paragraphBreak();
      else out.gap();
      continue;
    }
    const { node, pre } = step;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      if (!pre) {
        out.inline(text);
        continue;
      }
      text.split(/\r?\n/).forEach((line, j) => {
        if (j > 0) out.lineBreak();
        out.inline(line);
      });
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node.localName ?? node.nodeName).toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      out.br();
    } else if (BLOCK.has(tag)) {
      out.paragraphBreak();
      stack.push({ close: 'block' });
      pushChildren(node, pre || tag === 'pre');
    } else if (CELL.has(tag) || MATH_TOKEN.has(tag)) {
      out.gap();
      stack.push({ close: 'gap' });
      pushChildren(node, pre);
    } else {
      pushChildren(node, pre);
    }
  }
  return out.toString().replace(LONE_SURROGATE, '\uFFFD');
}
