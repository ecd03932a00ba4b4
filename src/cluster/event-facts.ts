// Facts of the event an item reports, read from its lead (title and first two sentences): the days it
// took place, where, and the amounts it is about. Two items whose facts conflict report different events
// however alike their words (issue 13's event-conflict veto): a call on Tuesday and a visit the week after,
// the same minister in Manila and in Doha, two gas deals of different sizes.
import { properNounRuns } from './entities.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// "October 15", "Oct. 15 and 16", "15-16 October", "October 15, 2025"
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:\\s*(?:and|-|–|to)\\s*(\\d{1,2}))?\\b(?:,?\\s+(\\d{4}))?`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:\\s*(?:and|-|–|to)\\s*(\\d{1,2}))?\\s+${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'gi');
const WEEKDAY = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi;
const RELATIVE = /\b(today|yesterday|tonight|this morning|this afternoon|this evening|overnight)\b/gi;

/** The title and first two sentences of a text: what an item reports, before background. */
export function leadOf(title: string, text: string): string {
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z0-9"'“])/);
  return `${title}\n${sentences.slice(0, 2).join(' ')}`;
}

const dayOf = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m, d) / 86_400_000);

/**
 * The days (since 1970-01-01) the lead says the event took place. Dates with a month resolve to the year of
 * publication (or the stated year); a weekday to both its last and its next occurrence around publication,
 * so a preview ("will meet on Thursday") and a report ("met on Thursday") of one meeting still agree.
 * Empty when the lead names no day or `published` is unknown.
 */
export function eventDays(lead: string, published: number | null): number[] {
  if (published === null) return [];
  const out = new Set<number>();
  const pub = new Date(published * 86_400_000);
  const year = pub.getUTCFullYear();
  const monthDay = (mon: string, d1: string, d2: string | undefined, y: string | undefined): void => {
    const m = MONTHS.indexOf(mon.slice(0, 3).toLowerCase());
    const yr = y ? Number(y) : year;
    const from = Number(d1);
    const to = d2 ? Number(d2) : from;
    if (from < 1 || from > 31 || to < 1 || to > 31) return;
    // "October 14 to 27": every day of the range (an exercise reported on its third day is the same event).
    if (range && to > from) for (let d = from; d <= to; d++) out.add(dayOf(yr, m, d));
    else for (const d of new Set([from, to])) out.add(dayOf(yr, m, d));
  };
  let range = false;
  for (const x of lead.matchAll(MONTH_DAY)) { range = x[0].includes('and') === false; monthDay(x[1], x[2], x[3], x[4]); }
  for (const x of lead.matchAll(DAY_MONTH)) { range = x[0].includes('and') === false; monthDay(x[3], x[1], x[2], x[4]); }
  for (const x of lead.matchAll(WEEKDAY)) {
    const back = (pub.getUTCDay() - WEEKDAYS.indexOf(x[1].toLowerCase()) + 7) % 7;
    out.add(published - back);
    if (back) out.add(published - back + 7);
  }
  for (const x of lead.matchAll(RELATIVE)) out.add(x[1].toLowerCase() === 'yesterday' ? published - 1 : published);
  return [...out].sort((a, b) => a - b);
}

// Words after "in" that name a kind of place or time, not a place.
const NOT_PLACES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'parliament', 'congress', 'diet', 'court', 'english', 'japanese', 'brief']);

/**
 * Where the lead says the event took place: proper-noun runs right after "in", "at" or "to" a place-like
 * verb… kept simple: the run after "in" ("talks in Nagasaki", "in Manila on Friday"), lower-cased.
 */
export function eventPlaces(lead: string): string[] {
  const out = new Set<string>();
  for (const m of lead.matchAll(/\bin\s+((?:the\s+)?[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+){0,2})/gu)) {
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    // Only a run the tagger calls a proper noun: "in Nagasaki" yes, "in Rising Tensions" (a headline) no.
    const runs = properNounRuns(lead.slice(start, start + m[1].length + 1));
    const name = runs[0]?.tokens.join(' ').toLowerCase();
    if (!name || NOT_PLACES.has(name.split(' ')[0])) continue;
    out.add(name.replace(/^the\s+/, ''));
  }
  return [...out].sort();
}

/** Two sets of event days conflict when every pair is more than a day apart (a day's slack for time zones). */
export function daysConflict(a: number[] | undefined, b: number[] | undefined): boolean {
  if (!a?.length || !b?.length) return false;
  return !a.some((x) => b.some((y) => Math.abs(x - y) <= 1));
}

/** Two leads agree on the event's day when they name one same day. */
export function daysAgree(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a?.length && !!b?.length && a.some((x) => b.includes(x));
}
