/** Builds the offline headline from the title, or from the lead's main clause when the title is unusable (pure). */
import { cleanTitle, shortenHeadline } from '../headline.js';

const MAX_WORDS = 12;
const MIN_TITLE_WORDS = 4;

const countWords = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|morning|evening)';
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
// "on Thursday", "last week", "on February 15", "on Feb. 15-16": news leads carry them, headlines do not.
const TIME = new RegExp(`\\s+(?:(?:on|last|this|next|earlier|late)\\s+${DAY}|on\\s+${MONTH}\\s+\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?)(?=[\\s,.;]|$)`, 'g');
// "X said (on Thursday) (that) they will build Y" → "X to build Y".
const ATTRIBUTED_PLAN = /^(.{3,100}?)\s+(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:it|they|he|she|we)\s+(?:will|would|plans? to|intends? to|aims? to)\s+(.+)$/i;
// "The ministry said Japan will ..." → "Japan will ...".
const ATTRIBUTED_CLAUSE = /^.{3,80}?\s+(?:said|says|announced)\s+(?:that\s+)?(\p{Lu}.+)$/u;
// A person named with a title: "Japanese Vice Foreign Minister Takeo Mori" → "Mori".
const TITLED_PERSON =
  /(?:\b[\p{Lu}][\p{L}.'-]*\s+)*?(?:[\p{Lu}][\p{L}.'-]*\s+)*(?:Minister|Secretary(?:\s+of\s+State)?|President|Adm\.|Admiral|Gen\.|General|Commander|Chief|Ambassador|Governor|Senator|Sen\.|Rep\.|CEO|Chairman)\s+(?:\p{Lu}[\p{L}.'-]*\s+)?(\p{Lu}[\p{L}'-]+)/gu;
// "The commander of X, Adm. Jane Roe, hosted ..." → "Adm. Jane Roe hosted ...".
const APPOSITIVE = /^[^,]{3,80},\s+((?:\p{Lu}[\p{L}.'-]*\s+){1,4}\p{Lu}[\p{L}'-]+),\s+(\p{Ll}.*)$/u;
// Words that may open a trailing phrase we can cut before.
const BREAKS = /^(?:in|at|on|for|from|with|after|amid|as|while|during|over|under|together|jointly|across|near|by|to)$/i;

/** Telegraphic main clause of a lead: no opening adverbial, time phrases, attribution or articles. */
export function mainClause(lead: string): string {
  let s = lead.trim().replace(/[.!?…]["'”’)\]]*$/, '');
  const opener = /^(?:on|in|at|after|before|during|following|amid|as|while|earlier|late|last|this|with)\b[^,]{0,60},\s+/i.exec(s);
  if (opener && countWords(s.slice(opener[0].length)) >= MIN_TITLE_WORDS) s = s.slice(opener[0].length);
  s = s.replace(TIME, '');
  const appositive = APPOSITIVE.exec(s);
  if (appositive) s = `${appositive[1]} ${appositive[2]}`;
  const plan = ATTRIBUTED_PLAN.exec(s);
  if (plan) s = `${plan[1]} to ${plan[2]}`;
  else {
    const clause = ATTRIBUTED_CLAUSE.exec(s);
    if (clause && countWords(clause[1]) >= MIN_TITLE_WORDS) s = clause[1];
  }
  s = s.replace(TITLED_PERSON, '$1').replace(/\s+will\s+/, ' to ');
  s = s.replace(/^(?:the|a|an)\s+/i, '').replace(/\s+(?:the|a|an)\s+/g, ' ');
  const words = s.split(/\s+/);
  let end = words.length;
  // Cut at the first clause boundary after a few words so the headline keeps who did what.
  for (let i = MIN_TITLE_WORDS; i < words.length; i++) {
    if (/[,;:]$/.test(words[i - 1]) || /^(?:who|which|saying|according|—|–|--)$/i.test(words[i]) || /^\(/.test(words[i])) {
      end = i;
      break;
    }
  }
  let kept = words.slice(0, end);
  if (kept.length > MAX_WORDS) {
    // Keep the verb: cut before the last break word that still leaves two words after " to ".
    let verb = kept.findIndex((w, i) => i > 0 && w.toLowerCase() === 'to');
    // Headlinese joins a compound subject with a comma: "A and B to build" → "A, B to build".
    const and = kept.findIndex((w, i) => i > 0 && i < verb && w.toLowerCase() === 'and');
    if (and > 0) {
      kept = [...kept.slice(0, and - 1), `${kept[and - 1]},`, ...kept.slice(and + 1)];
      verb--;
    }
    const floor = Math.max(MIN_TITLE_WORDS + 1, verb >= 0 ? verb + 3 : 0);
    let cut = MAX_WORDS;
    for (let i = MAX_WORDS; i >= floor; i--) if (BREAKS.test(kept[i] ?? '')) { cut = i; break; }
    kept = kept.slice(0, cut);
  }
  return capitalise(shortenHeadline(kept.join(' ').replace(/[,;:]$/, ''), MAX_WORDS));
}

/** Headline of 12 words or fewer, no final period: the cleaned title, or the lead's main clause if the title is too short. */
export function buildHeadline(title: string, siteName: string | null, lead: string | null): string {
  const cleaned = cleanTitle(title ?? '', siteName);
  if (countWords(cleaned) >= MIN_TITLE_WORDS || !lead) return shortenHeadline(cleaned, MAX_WORDS);
  const fromLead = mainClause(lead);
  return countWords(fromLead) >= countWords(cleaned) ? fromLead : shortenHeadline(cleaned, MAX_WORDS);
}
