/**
 * IssueDoc → plain text for pasting into an email.
 *
 * Paragraphs are deliberately NOT wrapped: mail clients and editors reflow text to their own
 * width, and hard breaks at 80 columns turn into ragged half-lines on phones and in proportional
 * fonts. Each headline and each bullet paragraph is one line; URLs are printed in full in angle
 * brackets, the plain-text convention mail clients turn into links.
 */
import type { IssueDoc, IssueDocItem } from '../domain/types.js';
import {
  type ExportOptions, formatDateRange, oneLine, orderedItems, paragraphs, sectionsOf, sourceLinks,
} from './shape.js';

/** The bullet character of every list in the text export. */
export const TEXT_BULLET = '•';

const underline = (s: string, ch: string): string => ch.repeat(Math.max(3, [...s].length));

/** "(Kyodo News <https://…>; MOFA <https://…>)"; a non-http URL is left out, its source named. */
function sourcesText(item: IssueDocItem): string {
  const parts = sourceLinks(item).map((l) => (l.href ? `${l.source} <${l.href}>` : l.source));
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Renders the issue as unwrapped plain text with "•" bullets and full URLs. */
export function renderText(doc: IssueDoc, opts: ExportOptions = {}): string {
  const sections = sectionsOf(doc, opts);
  const title = oneLine(doc.title);
  const head = [title, underline(title, '=')];
  const date = formatDateRange(doc.date_from, doc.date_to);
  if (date) head.push(date);
  const out: string[] = [head.join('\n')];

  const items = orderedItems(sections);
  if (items.length) out.push(items.map((it) => `${TEXT_BULLET} ${oneLine(it.headline)}`).join('\n'));
  for (const section of sections) {
    if (section.heading) out.push(`${section.heading}\n${underline(section.heading, '-')}`);
    for (const it of section.items) out.push(`${TEXT_BULLET} ${oneLine(it.bullet)}${sourcesText(it)}`);
  }
  const footer = paragraphs(doc.publication.footer);
  // Not "-- ": mail clients take that line for a signature delimiter and fold what follows.
  if (footer.length) out.push(['-'.repeat(24), ...footer].join('\n\n'));
  return out.join('\n\n') + '\n';
}
