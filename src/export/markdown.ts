/**
 * IssueDoc → CommonMark. Scraped text is escaped so it can never add emphasis, links, HTML or
 * block structure; only http(s) URLs become links.
 */
import type { IssueDoc, IssueDocItem } from '../domain/types.js';
import {
  type ExportOptions, formatDateRange, oneLine, orderedItems, paragraphs, sectionsOf, sourceLinks,
} from './shape.js';

/** Escapes text for CommonMark inline content (one line; call on collapsed text). */
export function escapeMarkdown(text: string): string {
  let s = oneLine(text)
    // Inline specials, wherever they are: emphasis, code, links, raw HTML, tables, strikethrough.
    .replace(/[\\`*_[\]<>#~|]/g, '\\$&')
    // Entity and numeric references would be decoded ("&lt;" → "<").
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block starts matter only at the beginning of the line: list markers, quotes, setext/rules.
  s = s.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return s;
}

/** A URL made safe as a CommonMark link destination (no spaces, brackets, parens or backslashes). */
function destination(href: string): string {
  return href.replace(/[\s<>()\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** "([Kyodo News](https://…); [MOFA](https://…))"; a non-http source is named, not linked. */
function sourcesMd(item: IssueDocItem): string {
  const parts = sourceLinks(item).map((l) =>
    l.href ? `[${escapeMarkdown(l.source)}](${destination(l.href)})` : escapeMarkdown(l.source),
  );
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Renders the issue as CommonMark: title, date, headline list, bullet paragraphs, footer. */
export function renderMarkdown(doc: IssueDoc, opts: ExportOptions = {}): string {
  const sections = sectionsOf(doc, opts);
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`];
  const date = formatDateRange(doc.date_from, doc.date_to);
  if (date) out.push(`*${escapeMarkdown(date)}*`);

  const items = orderedItems(sections);
  if (items.length) {
    out.push(items.map((it) => `- ${escapeMarkdown(it.headline)}`).join('\n'));
    // A thematic break keeps the two bullet lists from merging into one.
    out.push('---');
  }
  for (const section of sections) {
    if (section.heading) out.push(`## ${escapeMarkdown(section.heading)}`);
    // A loose list: each bullet is its own paragraph, as in the published digest.
    out.push(section.items.map((it) => `- ${escapeMarkdown(it.bullet)}${sourcesMd(it)}`).join('\n\n'));
  }
  const footer = paragraphs(doc.publication.footer);
  if (footer.length) {
    out.push('---');
    out.push(...footer.map(escapeMarkdown));
  }
  return out.join('\n\n') + '\n';
}
