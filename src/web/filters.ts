import type { CardFilter, Store } from '../store/index.js';
import type { ReviewState } from '../domain/types.js';
import { isoDay } from './views/format.js';

/** Review states the candidates page can show. */
export const REVIEW_STATES = ['new', 'shortlisted', 'rejected', 'published', 'all'] as const;
/** Cards per page. */
export const PAGE_SIZE = 50;
/** Without a published issue, candidates default to the last this many days. */
export const DEFAULT_DAYS = 14;

/** The candidates page's filters as the editor sees them (dates as YYYY-MM-DD, '' = no bound). */
export interface DeskFilter {
  review: ReviewState | 'all';
  topic: string;
  source: string;
  from: string;
  to: string;
  q: string;
  /** Follow-ups (stories an earlier issue already ran) instead of fresh candidates. */
  followUps: boolean;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters from the query string; a missing `from` means "since the last published issue" (else 14 days). */
export function readFilter(query: Record<string, string | undefined>, store: Store, now: Date, timeZone: string): DeskFilter {
  const review = REVIEW_STATES.find((r) => r === query.review) ?? 'new';
  let from = query.from;
  if (from === undefined) {
    const last = store.lastPublishedIssue();
    from = last?.published_at ? isoDay(new Date(last.published_at), timeZone) : isoDay(new Date(now.getTime() - DEFAULT_DAYS * 86_400_000), timeZone);
  }
  const page = Number(query.page);
  return {
    review,
    topic: (query.topic ?? '').slice(0, 100),
    source: (query.source ?? '').slice(0, 100),
    from: DAY.test(from) ? from : '',
    to: DAY.test(query.to ?? '') ? query.to! : '',
    q: (query.q ?? '').slice(0, 200).trim(),
    followUps: query.follow_ups === '1',
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The store's filter for a desk filter: `to` is inclusive for the editor, exclusive for the store. */
export function toCardFilter(f: DeskFilter, withTopic = true): CardFilter {
  const next = f.to ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined;
  return {
    review: f.review,
    topic: withTopic && f.topic ? f.topic : undefined,
    source: f.source || undefined,
    from: f.from || undefined,
    to: next,
    q: f.q || undefined,
    follow_ups: f.followUps,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  };
}

/** A URL of the candidates page with these filters changed (every filter kept explicit, so links are stable). */
export function filterHref(f: DeskFilter, change: Partial<DeskFilter>): string {
  const g = { ...f, page: 1, ...change };
  const params = new URLSearchParams();
  if (g.q) params.set('q', g.q);
  if (g.review !== 'new') params.set('review', g.review);
  if (g.followUps) params.set('follow_ups', '1');
  if (g.topic) params.set('topic', g.topic);
  if (g.source) params.set('source', g.source);
  params.set('from', g.from);
  if (g.to) params.set('to', g.to);
  if (g.page > 1) params.set('page', String(g.page));
  return `/?${params}`;
}
