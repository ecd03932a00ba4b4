/** Title cleaning and headline shortening, shared by the offline and LLM summarizers (pure). */

// Leading kickers such as "EXCLUSIVE:", "UPDATE 2-", "Analysis:", "WATCH:", "(LEAD)".
const KICKER =
  /^(?:(?:exclusive|update(?:\s*\d+)?|analysis|watch|video|breaking(?:\s+news)?|opinion|editorial|explainer|factbox|focus|live|photos?|commentary|interview|podcast|insight|corrected|refile|urgent|news\s+analysis)\s*[-:–—|]\s*|\((?:lead|\d+(?:st|nd|rd|th)\s+ld|update|urgent)[^)]*\)\s*)/i;

// Words that mark a trailing segment as an outlet name rather than part of the story.
const SITE_WORDS =
  /\b(?:news|times|post|journal|herald|reuters|kyodo|nhk|nikkei|asahi|mainichi|yomiuri|jiji|ap|afp|bloomberg|cnn|bbc|diplomat|tribune|shimbun|press|daily|online|world|gazette|review|magazine|wire|radio|tv|broadcasting|agency|politico|axios|\.com|\.jp|\.org)\b/i;

const SEPARATORS = [' | ', ' - ', ' — ', ' – ', ' -- ', ': ', ' :: ', ' · '];

/** Escapes a string for use inside a RegExp. */
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes one trailing " | Site" style segment, if the title has one. */
function dropSuffix(title: string, siteName: string | null | undefined): string {
  if (siteName && siteName.trim()) {
    const re = new RegExp(`\\s*(?:\\||-|—|–|--|:|::|·)\\s*${escapeRe(siteName.trim()).replace(/\s+/g, '\\s+')}\\s*$`, 'i');
    if (re.test(title)) return title.replace(re, '');
  }
  // The separator whose tail starts last wins; on a tie the longer one (" :: " over ": ").
  let best = -1;
  let sep = '';
  for (const s of SEPARATORS) {
    const at = title.lastIndexOf(s);
    if (at < 0) continue;
    const tailAt = at + s.length;
    if (tailAt > best + sep.length || (tailAt === best + sep.length && s.length > sep.length)) [best, sep] = [at, s];
  }
  if (best <= 0) return title;
  const head = title.slice(0, best);
  const tail = title.slice(best + sep.length).trim();
  const words = tail.split(/\s+/).length;
  const headWords = head.trim().split(/\s+/).length;
  if (headWords < 3 || words > 6) return title;
  if (sep === ' | ' || sep === ' :: ' || sep === ' · ') return head;
  return SITE_WORDS.test(tail) ? head : title;
}

/** Strips site-name suffixes (" | The Japan Times", " - Kyodo News") and kickers ("EXCLUSIVE:") from a title. */
export function cleanTitle(title: string, siteName?: string | null): string {
  let t = title.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(KICKER, '').trim();
    t = dropSuffix(t, siteName).trim();
    if (t === before) break;
  }
  return t.replace(/^["“](.*)["”]$/, '$1').trim();
}

const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'its',
  'their', 'his', 'her', 'over', 'into', 'amid', 'after', 'while', 'but', 'than', 'that', 'which', 'who',
]);

// Words that open a trailing clause we can drop without losing the main news.
const CLAUSE_OPENERS = new Set(['as', 'after', 'amid', 'while', 'despite', 'following', 'ahead', 'before', 'says', 'said', 'saying', 'with', 'which', 'in', 'on', 'at', 'for', 'over', 'to', 'from', 'during']);

/** Drops a final period (not one that closes an abbreviation such as "U.S.") and stray trailing marks. */
function tidyEnd(s: string): string {
  let t = s.trim().replace(/[\s,;:\-–—|]+$/, '');
  if (/\.$/.test(t) && !/(?:\b\p{L}\.){2,}$/u.test(t) && !/\.\.\.$/.test(t)) t = t.slice(0, -1);
  return t.trim();
}

const wc = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Cuts `words` to at most `max`, preferring a cut before a clause opener, never ending on a function word. */
function cutAtPhrase(words: string[], max: number): string {
  let cut = max;
  for (let i = max; i >= 5; i--) {
    const w = words[i]?.toLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
    if (i < words.length && CLAUSE_OPENERS.has(w)) {
      cut = i;
      break;
    }
  }
  let kept = words.slice(0, cut);
  while (kept.length > 3 && FUNCTION_WORDS.has(kept[kept.length - 1].toLowerCase().replace(/[^\p{L}]/gu, ''))) kept = kept.slice(0, -1);
  return kept.join(' ');
}

/** Shortens a headline to at most `maxWords` words at a natural break, with no final period. */
export function shortenHeadline(title: string, maxWords = 12): string {
  let t = tidyEnd(title.replace(/\s+/g, ' '));
  if (wc(t) <= maxWords) return t;
  // 1. A colon or dash splits main news from an explanatory tail (or a short kicker from the news).
  const parts = t.split(/\s*(?::|\s[-–—]{1,2})\s+/);
  if (parts.length > 1) {
    const ok = parts.filter((p) => wc(p) >= 4 && wc(p) <= maxWords);
    if (ok.length) return tidyEnd(ok[0]);
    if (wc(parts[0]) >= 4) t = parts[0];
    else t = parts.slice(1).join(': ');
  }
  // 2. A leading "In a ..., " or "After ..., " phrase.
  const lead = /^(?:in|after|amid|as|following|with|during|despite|ahead of|at)\b[^,]{3,80},\s+(.+)$/i.exec(t);
  if (lead && wc(lead[1]) >= 4) t = lead[1].charAt(0).toUpperCase() + lead[1].slice(1);
  if (wc(t) <= maxWords) return tidyEnd(t);
  // 3. Trailing comma clauses, last first.
  let commas = t.split(/,\s+/);
  while (commas.length > 1 && wc(commas.join(', ')) > maxWords && wc(commas.slice(0, -1).join(', ')) >= 4) commas = commas.slice(0, -1);
  t = commas.join(', ');
  if (wc(t) <= maxWords) return tidyEnd(t);
  // 4. A trailing prepositional/adverbial clause.
  return tidyEnd(cutAtPhrase(t.split(/\s+/), maxWords));
}
