/**
 * The shape every export shares: the date line, the sections (grouped by primary topic or not),
 * the links worth linking, and whitespace clean-up of scraped text. Pure.
 */
import type { IssueDoc, IssueDocItem } from '../domain/types.js';

/** Options every renderer accepts. */
export interface ExportOptions {
  /** Put items under their primary topic's label, in taxonomy order; unknown topics last under "Other". */
  groupByTopic?: boolean;
}

/** One run of items under an optional heading (null heading = the ungrouped issue). */
export interface Section {
  heading: string | null;
  items: IssueDocItem[];
}

/** A source link as rendered: `href` is null unless the URL is http(s). */
export interface SourceLink {
  source: string;
  href: string | null;
}

/** Label of the section that collects items without a known primary topic. */
export const OTHER_LABEL = 'Other';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

interface Ymd { y: number; m: number; d: number }

// Dates are split as strings: going through Date would shift them by the machine's time zone.
function parseYmd(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

const monthDay = (v: Ymd): string => `${MONTHS[v.m - 1]} ${v.d}`;
const full = (v: Ymd): string => `${monthDay(v)}, ${v.y}`;

/** "November 10–23, 2026", "October 28 – November 10, 2026", one date, or "" when both are null. */
export function formatDateRange(from: string | null, to: string | null): string {
  const a = from ? parseYmd(from) : null;
  const b = to ? parseYmd(to) : null;
  // A malformed date is shown as written rather than dropped: the editor typed it.
  if (from && !a) return to && to !== from ? `${from} – ${to}` : from;
  if (to && !b) return from ? `${from} – ${to}` : to;
  if (a && b) {
    if (a.y === b.y && a.m === b.m && a.d === b.d) return full(a);
    if (a.y === b.y && a.m === b.m) return `${monthDay(a)}–${b.d}, ${a.y}`;
    if (a.y === b.y) return `${monthDay(a)} – ${monthDay(b)}, ${a.y}`;
    return `${full(a)} – ${full(b)}`;
  }
  if (a) return full(a);
  if (b) return full(b);
  return '';
}

/** The items as sections: one headless section, or one per topic in taxonomy order plus "Other" last. */
export function sectionsOf(doc: IssueDoc, opts: ExportOptions = {}): Section[] {
  if (!opts.groupByTopic) return doc.items.length ? [{ heading: null, items: doc.items }] : [];
  const known = new Set(doc.topics.map((t) => t.id));
  const sections: Section[] = doc.topics.map((t) => ({
    heading: oneLine(t.label) || t.id,
    items: doc.items.filter((it) => it.topics[0] === t.id),
  }));
  sections.push({
    heading: OTHER_LABEL,
    items: doc.items.filter((it) => !it.topics[0] || !known.has(it.topics[0])),
  });
  return sections.filter((s) => s.items.length > 0);
}

/** Items in the order they are printed (the headline list follows the same order as the bullets). */
export function orderedItems(sections: Section[]): IssueDocItem[] {
  return sections.flatMap((s) => s.items);
}

/** The URL in canonical form when it is http(s), else null (javascript:, data:, relative... never link). */
export function safeHref(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

/** An item's sources with their safe hrefs; a blank source name falls back to the URL's host. */
export function sourceLinks(item: IssueDocItem): SourceLink[] {
  return item.links.map((l) => {
    const href = safeHref(l.url);
    const name = oneLine(l.source) || (href ? new URL(href).hostname : 'source');
    return { source: name, href };
  });
}

/** Collapses all whitespace (newlines included) to single spaces and drops control characters. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** Splits a footer into paragraphs on blank lines, each collapsed to one line. */
export function paragraphs(s: string): string[] {
  return s.split(/\n\s*\n/).map(oneLine).filter((p) => p.length > 0);
}
