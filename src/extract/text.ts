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
    const parts = text.split(/\s+/);
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

function walk(node: DomNode, out: TextBuilder, pre: boolean): void {
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const child = kids[i];
    if (child.nodeType === TEXT_NODE) {
      const text = child.textContent ?? '';
      if (pre) {
        const lines = text.split(/\r?\n/);
        lines.forEach((l, j) => {
          if (j > 0) out.lineBreak();
          out.inline(l);
        });
      } else {
        out.inline(text);
      }
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const tag = (child.localName ?? child.nodeName).toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      out.lineBreak();
    } else if (BLOCK.has(tag)) {
      out.paragraphBreak();
      walk(child, out, pre || tag === 'pre');
      out.paragraphBreak();
    } else if (CELL.has(tag) || MATH_TOKEN.has(tag)) {
      out.gap();
      walk(child, out, pre);
      out.gap();
    } else {
      walk(child, out, pre);
    }
  }
}

/** Plain text of a DOM subtree: whitespace collapsed inside blocks, a blank line between blocks, a newline for `<br>`. */
export function blockText(root: DomNode): string {
  const out = new TextBuilder();
  walk(root, out, false);
  return out.toString();
}
