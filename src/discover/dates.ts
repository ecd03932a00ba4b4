// Feed dates are parsed by hand because the runtime's Date.parse reads zone-less strings as
// local time (so results would depend on the machine) and rejects many RFC 822 variants.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// Offsets in minutes east of UTC for zone names seen in real feeds.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180,
  IST: 330, SGT: 480, HKT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
};

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0; // no zone given: assume UTC
  const z = zone.trim().toUpperCase();
  const numeric = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? '0');
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (z in ZONES) return ZONES[z];
  return /^[A-Z]{1,5}$/.test(z) ? 0 : null; // an unknown zone name is most likely UTC-ish; don't lose the date
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
  offset: number | null,
): string | null {
  if (offset === null) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null; // 31 April and the like
  return new Date(time - offset * 60_000).toISOString();
}

const ISO = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?$/i;
// W3CDTF's reduced precisions ("2024-03", "2024") and ISO 8601 ordinal dates ("2024-065").
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_YEAR = /^(\d{4})$/;
const ISO_ORDINAL = /^(\d{4})-?(\d{3})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;

function parseIso(s: string): string | null | undefined {
  const m = ISO.exec(s);
  if (!m) return parseReducedIso(s);
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`.slice(0, 5)) * 1000) : 0;
  return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.min(ms, 999), offsetMinutes(m[8]));
}

function parseReducedIso(s: string): string | null | undefined {
  const month = ISO_MONTH.exec(s);
  if (month) return build(+month[1], +month[2], 1, 0, 0, 0, 0, 0);
  const year = ISO_YEAR.exec(s);
  if (year) return build(+year[1], 1, 1, 0, 0, 0, 0, 0);
  const ordinal = ISO_ORDINAL.exec(s);
  if (!ordinal) return undefined;
  const dayOfYear = +ordinal[2];
  const date = new Date(Date.UTC(+ordinal[1], 0, dayOfYear));
  if (dayOfYear < 1 || date.getUTCFullYear() !== +ordinal[1]) return null;
  const [h, mi, se] = [+(ordinal[3] ?? 0), +(ordinal[4] ?? 0), +(ordinal[5] ?? 0)];
  return build(+ordinal[1], date.getUTCMonth() + 1, date.getUTCDate(), h, mi, se, 0, offsetMinutes(ordinal[6]));
}

// "Tue, 05 Apr 2022 10:00:00 +0100", "5 April 2022 10:00 EST", "Tue, 5 Apr 22 10:00:00 GMT (UTC)".
const RFC822 = /^(?:[A-Za-z]+\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([A-Za-z]{3,})\.?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?)?\s*([A-Za-z]{1,5}|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?)?(?:\s*\(.*\))?$/i;
// "Tuesday, April 5, 2022 10:00 AM EST", JavaScript's "Tue Apr 05 2022 10:00:00 GMT+0000 (…)".
const MONTH_FIRST = /^(?:[A-Za-z]+\.?(?:,\s*|\s+))?([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([A-Za-z]{1,5}|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?)?(?:\s*\(.*\))?$/i;

// C's asctime and Unix date(1): "Tue Mar  5 09:15:00 2024", "Tue Mar 5 09:15:00 UTC 2024".
const ASCTIME = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,})\.?\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})\s+)?(\d{4})$/;

function parseAsctime(s: string): string | null | undefined {
  const m = ASCTIME.exec(s);
  if (!m) return undefined;
  const month = MONTHS[m[1].slice(0, 3).toLowerCase()];
  if (!month) return null;
  return build(+m[7], month, +m[2], +m[3], +m[4], +(m[5] ?? 0), 0, offsetMinutes(m[6]));
}

function twelveHour(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  return year;
}

function parseNamedMonth(s: string): string | null | undefined {
  let m = RFC822.exec(s);
  let day: string, monthName: string, year: string;
  if (m) [day, monthName, year] = [m[1], m[2], m[3]];
  else {
    m = MONTH_FIRST.exec(s);
    if (!m) return undefined;
    [monthName, day, year] = [m[1], m[2], m[3]];
  }
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (!month || year.length === 3) return null;
  const hour = twelveHour(+(m[4] ?? 0), m[7]);
  return build(fullYear(year), month, +day, hour, +(m[5] ?? 0), +(m[6] ?? 0), 0, offsetMinutes(m[8]));
}

/** Reads a feed date (RFC 822, ISO 8601 and common oddities) as ISO 8601 UTC; null when unusable. */
export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? null : parseIso(value.toISOString()) ?? null;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 80) return null;
  const iso = parseIso(s);
  if (iso !== undefined) return iso;
  const named = parseNamedMonth(s);
  if (named !== undefined) return named;
  return parseAsctime(s) ?? null;
}

/** The first of the given raw date values that reads as a date, as ISO 8601 UTC. */
export function firstDate(...values: unknown[]): string | null {
  for (const value of values) {
    const iso = toIsoDate(value);
    if (iso) return iso;
  }
  return null;
}
