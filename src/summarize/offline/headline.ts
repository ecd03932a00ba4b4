/**
 * The offline headline (pure): a good title is kept as it is; a release label ("Holding of…", "Press
 * Release", "Readout of…"), a dateline, a title of more than 14 words or fewer than 6 is replaced by a
 * 6–14-word telegraphic headline made from the lead sentence: subject, verb, object, present tense, no
 * dateline or time phrases, no trailing subordinate clause, no final period. Only the lead's own words
 * are used (dropped, never added), except the verb's tense.
 */
import { cleanTitle, shortenHeadline } from '../headline.js';
import { baseForm, presentTense } from './tense.js';

/** Fewest and most words of a digest headline. */
export const MIN_WORDS = 6;
export const MAX_WORDS = 14;
const MIN_CLAUSE = 4;

const countWords = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// A title that names the kind of release rather than the news.
const LABEL = new RegExp(
  '^(?:' +
    [
      'holding of', 'conduct of', 'signing of', 'conclusion of', 'launch of', 'publication of', 'release of', 'results? of',
      'outline of', 'overview of', 'summary of', 'visit (?:of|by|to)', 'the \\w+ (?:meeting|session|round|dialogue) of',
      '(?:joint )?press (?:release|statement|conference)', '(?:joint )?statement\\b', 'readout\\b', 'notice\\b', 'announcement\\b',
      'remarks (?:by|of)', 'message (?:from|by)', 'courtesy call', 'update\\b', 'media advisory', 'fact sheet',
    ].join('|') +
    ')',
  'i',
);
// A noun-phrase title with no verb: "Japan-U.S. Foreign Ministers' Telephone Talk", "Japan-U.S. Summit Meeting".
const MEETING_NOUN = /\b(?:Telephone (?:Talks?|Call)|Talks?|Meeting|Summit|Dialogue|Consultations?|Conference|Exchange of Views|Committee|Council|Forum|Ceremony|Session)$/i;
// A title that is only a dateline: "YOKOTA AIR BASE, Japan --", "TOKYO, Nov. 5 —".
const DATELINE = /^[\p{Lu}][\p{Lu} .'-]+(?:,\s*[\p{L} .]+)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]*\))?\s*(?:--|—|–|-)\s*$/u;
const DATELINE_DATE = /^\p{Lu}{3,}(?:\s+\p{Lu}{2,})*,\s*(?:[A-Z][a-z]{2,8}\.?\s+)?\d{1,2}(?:,\s*\d{4})?$/u;

/** True when a title names a release, a dateline or a meeting without saying what happened. */
export function isLabelTitle(title: string): boolean {
  const t = title.trim();
  if (!t || LABEL.test(t) || DATELINE.test(t) || DATELINE_DATE.test(t)) return true;
  return countWords(t) <= 10 && MEETING_NOUN.test(t.replace(/\s*\([^)]*\)$/, ''));
}

const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|morning|evening)';
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const DATE = `${MONTH}\\s+\\d{1,2}(?:\\s*(?:-|–|and)\\s*\\d{1,2})?(?:,\\s*\\d{4})?`;
// "on Thursday", "last week", "on February 15", "on Feb. 15-16", "today", "Wednesday": leads carry them, headlines do not.
const TIME = new RegExp(
  `,?\\s+(?:(?:on|last|this|next|earlier|late)\\s+${DAY}|(?:on\\s+)?${DATE}|(?:on\\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|this year|this week)(?=[\\s,.;]|$)`,
  'g',
);
// Opening adverbials: "On November 6, ", "Commencing at 10:00 a.m. for approximately 90 minutes, ", "At the outset, ".
const OPENER = /^(?:on|in|at|after|before|during|following|amid|as|while|earlier|late|last|this|with|commencing|starting|beginning|from|for|under|today)\b[^,]{0,70},(?:\s*\d{4},)?\s+/i;
// "X said (on Thursday) (that) they will build Y" → "X to build Y".
const ATTRIBUTED_PLAN = /^(.{3,100}?)\s+(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:it|they|he|she|we)\s+(?:will|would|plans? to|intends? to|aims? to)\s+(.+)$/i;
// "The ministry said Japan will ..." → "Japan will ...".
const ATTRIBUTED_CLAUSE = /^.{3,80}?\s+(?:said|says|announced)\s+(?:that\s+)?(\p{Lu}.+)$/u;
// A person named with a title: "Japanese Vice Foreign Minister Takeo Mori" → "Mori".
const TITLED_PERSON =
  /(?:\b[\p{Lu}][\p{L}.'-]*\s+)*?(?:[\p{Lu}][\p{L}.'-]*\s+)*(?:Minister|Secretary|President|Adm\.|Admiral|Gen\.|General|Commander|Chief|Ambassador|Governor|Senator|Sen\.|Rep\.|CEO|Chairman|Vice-Minister|Spokesperson|Spokesman)(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}\p{L}+(?:(?:,\s+\p{Lu}\p{L}+)*,?\s+and\s+\p{Lu}\p{L}+|\s+\p{Lu}\p{L}+)?)?\s+((?:\p{Lu}[\p{L}.'-]*\s+){0,2})(\p{Lu}[\p{L}'-]+)(?!\s+of\b)(?![\p{L}'-])/gu;
// "The commander of X, Adm. Jane Roe, hosted ..." → "Adm. Jane Roe hosted ...".
const APPOSITIVE = /^[^,]{3,80},\s+((?:\p{Lu}[\p{L}.'-]*\s+){1,4}\p{Lu}[\p{L}'-]+),\s+(\p{Ll}.*)$/u;
// "the President of the United States of America, Donald J. Trump," → "Donald J. Trump".
const OFFICE_THEN_NAME = /\b(?:the\s+)?(?:President|Prime Minister|Secretary(?:-General)?|Minister|Chairman|Governor|Ambassador|Director-General)\s+of\s+(?:the\s+)?\p{Lu}[\p{L}.'-]*(?:\s+(?:of|the|and|\p{Lu}[\p{L}.'-]*))*,\s+((?:\p{Lu}[\p{L}.'-]*\s+){0,2}\p{Lu}[\p{L}'-]+),/gu;
// "JERA, Japan's largest power generator, has signed …" → "JERA has signed …".
const SUBJECT_APPOSITIVE = /^([^,]{2,50}),\s+[^,]{3,70},\s+(?=(?:has|have|had|will|is|are|was|were|said|says|held|met|signed|agreed|announced)\b)/;
// "Mr. Funakoshi, Vice-Minister for Foreign Affairs, held …" → "Mr. Funakoshi held …".
const TITLE_APPOSITIVE = /(?:,\s+(?:the\s+)?\p{Lu}[\p{L}'.-]*(?:\s+(?:\p{Lu}[\p{L}'.-]*|d'\p{L}+|of|for|and|the|to|in|on|ad|interim))*)+,\s+(?=\p{Ll})/gu;
const HONORIFIC = /\b(?:Mr|Ms|Mrs|Dr)\.\s+|\bthe Honorable\s+/g;
// "of Japan", "of the United States of America": what a long subject can lose first.
const OF_COUNTRY = /\s+of\s+(?:the\s+)?(?:Japan|United States(?:\s+of\s+America)?|U\.S\.|Australia|Republic\s+of\s+(?:Korea|the\s+Philippines)|Korea|Philippines|India|Canada|United\s+Kingdom|France|Germany|Italy)(?=[\s,]|$)/g;
// Words a headline cannot end on.
const DANGLING = /^(?:and|or|but|of|the|a|an|with|to|for|in|on|at|by|from|as|into|than|that|its|their)$/i;
// Words that may open a trailing phrase we can cut before.
const BREAKS = /^(?:in|at|on|for|from|with|after|amid|as|while|during|over|under|together|jointly|across|near|by|to|including|which|who)$/i;

// A finite verb that can follow the subject once a clause between commas is gone.
const FINITE = /^(?:is|are|was|were|has|have|had|will|would|says|said)$/;

/**
 * Drops a non-restrictive relative clause between the subject and its verb: "Mr. Motegi, Minister for Foreign
 * Affairs, who is visiting Washington, D.C., held a meeting…" → "Mr. Motegi, Minister for Foreign Affairs, held
 * a meeting…". The clause ends at the first comma followed by a finite verb; without one nothing changes.
 */
export function dropRelativeClause(s: string): string {
  const rel = /,?\s+(?:who|which)\s+(?:is|are|was|were|has|have|had)\b/.exec(s);
  if (!rel) return s;
  for (let c = s.indexOf(',', rel.index + rel[0].length); c >= 0; c = s.indexOf(',', c + 1)) {
    const next = s.slice(c + 1).trimStart().split(/\s+/)[0] ?? '';
    if (/^\p{Ll}/u.test(next) && (baseForm(next) || FINITE.test(next))) {
      // The comma stays when it closes an appositive before the clause ("Mr. Motegi, Minister…, held").
      const head = s.slice(0, rel.index);
      return `${head}${rel[0].startsWith(',') && head.includes(',') ? ',' : ''} ${s.slice(c + 1).trimStart()}`;
    }
  }
  return s;
}

/** Telegraphic main clause of a lead: no opening adverbial, time phrases, attribution, appositives or articles. */
export function mainClause(lead: string, surnames: Map<string, string> = new Map(), text = '', people = true): string {
  let s = lead.trim().replace(/[.!?…]["'”’)\]]*$/, '').replace(/\s*\([^)]*\)/g, '');
  for (let i = 0; i < 3; i++) {
    const opener = OPENER.exec(s);
    if (!opener || countWords(s.slice(opener[0].length)) < MIN_CLAUSE) break;
    s = s.slice(opener[0].length);
  }
  s = s.replace(TIME, '').replace(/^,\s*/, '');
  s = dropRelativeClause(s);
  s = s.replace(OFFICE_THEN_NAME, '$1');
  const appositive = APPOSITIVE.exec(s);
  // Only when a verb follows the name: "The commander of X, Adm. Jane Roe, hosted …", not "…, Mark Rutte, in Brussels".
  const verb = appositive?.[2].split(/\s+/)[0] ?? '';
  if (appositive && (baseForm(verb) || /^(?:is|are|has|have|will|says|\p{Ll}+s)$/u.test(verb))) s = `${appositive[1]} ${appositive[2]}`;
  s = s.replace(SUBJECT_APPOSITIVE, '$1 ').replace(TITLE_APPOSITIVE, ' ');
  const plan = ATTRIBUTED_PLAN.exec(s);
  if (plan) s = `${plan[1]} to ${plan[2]}`;
  else {
    const clause = ATTRIBUTED_CLAUSE.exec(s);
    if (clause && countWords(clause[1]) >= MIN_CLAUSE) s = clause[1];
  }
  // A titled person by one name: the one the text uses after a title ("Minister Koizumi"), else the last.
  s = s.replace(HONORIFIC, '');
  if (people) s = s.replace(TITLED_PERSON, (_m, middle: string, last: string) => {
    const first = middle.trim().split(/\s+/)[0] ?? '';
    const usedAlone = (w: string) => w.length > 1 && new RegExp(`\\b(?:Minister|Secretary|Mr\\.|Ms\\.|Governor|Ambassador|President|Vice-Minister)\\s+${w.replace(/\./g, '\\.')}\\b`).test(text);
    return first && !usedAlone(last) && usedAlone(first) ? first : last;
  });
  s = s.replace(/\s+will\s+/, ' to ');
  // A full name whose family name the text uses alone ("Funakoshi Takehiro" → "Funakoshi").
  for (const [full, family] of surnames) s = s.split(full).join(family);
  s = s.replace(/^(?:the|a|an)\s+/i, '').replace(/\s+(?:the|a|an)\s+/g, ' ');
  let words = s.split(/\s+/).filter(Boolean);
  const findVerb = () => words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(w) && (!!baseForm(w.replace(/[,;:]$/, '')) || FINITE.test(w)));
  let verbAt = findVerb();
  // A subject too long to leave room for the verb loses its countries ("Minister of Economy, Trade and
  // Industry of Japan and Secretary of Energy of United States held" → "… and Secretary of Energy held").
  if (verbAt > 8) {
    words = [...words.slice(0, verbAt).join(' ').replace(OF_COUNTRY, '').split(/\s+/), ...words.slice(verbAt)];
    verbAt = findVerb();
  }
  let end = words.length;
  // Cut at the first clause boundary after a few words so the headline keeps who did what — and after the
  // verb: a comma inside the subject ("the Minister of Economy, Trade and Industry and …") is no boundary.
  for (let i = Math.max(MIN_CLAUSE, verbAt + 2); i < words.length; i++) {
    if (/[,;:]$/.test(words[i - 1]) || /^(?:who|which|saying|according|—|–|--)$/i.test(words[i])) {
      end = i;
      break;
    }
  }
  words = presentTense(words.slice(0, end));
  if (words.length > MAX_WORDS) {
    // Cut before a late break word ("… survey | of companies"), else at the limit; never before the verb.
    const verb = verbAt > 0 ? findVerb() : words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(w));
    const floor = Math.max(10, verb + 3);
    let cut = MAX_WORDS;
    for (let i = floor; i <= MAX_WORDS; i++) if (BREAKS.test(words[i] ?? '')) { cut = i; break; }
    // A hard cut does not split a name ("exercise Keen | Sword 27").
    while (cut === MAX_WORDS && cut > floor && /^\p{Lu}/u.test(words[cut] ?? '') && /^\p{Lu}/u.test(words[cut - 1])) cut--;
    if (/^\p{Lu}/u.test(words[cut] ?? '') && /^\p{Lu}/u.test(words[cut - 1]) && cut > floor) cut--;
    words = words.slice(0, cut);
  }
  // A cut never leaves the headline hanging on "and", "of" or "with".
  while (words.length > MIN_CLAUSE && DANGLING.test(words[words.length - 1].replace(/[,;:]$/, ''))) words.pop();
  return capitalise(shortenHeadline(words.join(' ').replace(/[,;:]$/, ''), MAX_WORDS));
}

/** Family names the text uses alone after a title ("Vice-Minister Funakoshi"), keyed by the full name. */
export function knownSurnames(fullNames: string[], text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const full of fullNames) {
    for (const part of full.split(/\s+/)) {
      if (new RegExp(`\\b(?:Minister|Secretary|Vice-Minister|Mr\\.|Ms\\.|Governor|Ambassador|President)\\s+${part}\\b`).test(text)) out.set(full, part);
    }
  }
  return out;
}

/**
 * Headline of 6–14 words, no final period: the cleaned title when it is a good one, else the lead's main
 * clause (when that gives at least 6 words; else the better of the two).
 */
export function buildHeadline(title: string, siteName: string | null, lead: string | null, text = '', names: string[] = []): string {
  const cleaned = cleanTitle(title ?? '', siteName);
  const words = countWords(cleaned);
  const good = !isLabelTitle(cleaned) && words >= MIN_WORDS && words <= MAX_WORDS;
  if (good || !lead) return shortenHeadline(cleaned, MAX_WORDS);
  let fromLead = mainClause(lead, knownSurnames(names, text), text);
  // Too short with people by one name ("Hegseth meets Koizumi at Pentagon"): keep their titles.
  if (countWords(fromLead) < MIN_WORDS) fromLead = mainClause(lead, new Map(), text, false);
  const leadWords = countWords(fromLead);
  if (leadWords >= MIN_WORDS) return fromLead;
  // The lead gives too little: a long title shortened, or a short non-label title, beats a fragment.
  if (!isLabelTitle(cleaned) && words >= MIN_CLAUSE) return shortenHeadline(cleaned, MAX_WORDS);
  return leadWords >= countWords(shortenHeadline(cleaned, MAX_WORDS)) ? fromLead : shortenHeadline(cleaned, MAX_WORDS);
}
