/**
 * Press-release structure that is not news (pure): list numbers, field labels ("Purpose:", "Main training
 * items:"), "as follows", readout preambles, closing lines ("METI will continue to promote…"), contacts
 * and author notes. The offline bullet leaves these out; it never rewrites the news in a sentence.
 */

// "1. ", "(1) ", "(a) ", "2) ", "(Reference) " at the start of a paragraph.
const LIST_MARK = /^(?:\(?\d{1,2}[.)]|\([a-z]\)|\((?:Reference|Note|Notes)\))\s+/i;
// A field label opening a sentence: "Purpose: To improve…", "Main training items: (1)…".
const FIELD = /^(?:\d{1,2}\.\s*)?(?:Purpose|Objectives?|Aims?|Period|Dates?|Date and time|Time|Venue|Locations?|Places?|Participants|Attendees|Participating (?:units|forces|organizations)|Main (?:training )?(?:items|contents|points|findings)|Training (?:areas?|items)|Overview|Outline|Summary|Background|Contact|Inquiries|Agenda|(?:Japanese|U\.S\.|American|Japan) side|Organizers?|Co-organizers?|Schedule)\s*[:：]/i;
// Two or more inline list marks, or one after a colon: "(1) Coordination … (2) Anti-ship …".
const INLINE_LIST = /(?:^|\s)\(\d{1,2}\)\s.*\s\(\d{1,2}\)\s|:\s*\(\d{1,2}\)\s/;
// The closing lines of a release: the issuing body's promise, where to learn more, whom to call.
const CLOSING = [
  /^(?:The )?(?:Ministry|Government of Japan|Government|Joint Staff|Agency|Department|Embassy|Office|Bureau|METI|MOFA|MOD|JETRO|Cabinet Office)\b[^.]{0,80}\bwill (?:continue to|make every effort|further)\b/,
  /^(?:Japan|The (?:two )?(?:governments?|ministry|ministries))\s+will continue to (?:work|promote|strengthen)[^.]{0,40}(?:like-minded|international community|free and open international order)/i,
  /\bfor (?:more|further) (?:information|details)\b|\bfor inquiries\b|\bplease (?:contact|visit|see|refer)\b/i,
  /^(?:Contact|Inquiries|Media contact|Press contact)\b/i,
  /\b(?:Tel|Phone|Fax|E-?mail)\s*[:.]|\b\d{2,4}-\d{3,4}-\d{4}\b|[\w.-]+@[\w-]+\.[\w.]+|https?:\/\/|\bwww\.|\bvisit [\w-]+\.(?:org|com|gov|jp)\b/i,
  /\((?:PDF|Japanese only|in Japanese)\)/i,
  /\battributable to\b|\bprovided the following readout\b|^The following is\b/i,
  /^(?:Dr\.|Mr\.|Ms\.|Prof\.)?\s?(?:\p{Lu}[\p{L}'-]+\s){1,3}is (?:a |an |the )?(?:[\p{L}-]+\s){0,3}(?:fellow|president|director|professor|researcher|editor|correspondent)\b/u,
];

/** Removes a list number or "(Reference)" from the start of a paragraph. */
export function stripListMark(paragraph: string): string {
  let p = paragraph.trim();
  for (let i = 0; i < 2 && LIST_MARK.test(p); i++) p = p.replace(LIST_MARK, '');
  return p;
}

// A short capitalised label before a colon: "Japan: approximately 33,000 personnel…", "U.S. side: …".
const SHORT_LABEL = /^(?:\p{Lu}[\p{L}.'-]*\s?){1,3}[:：]\s/u;

/** True for release scaffolding (field labels, inline lists) and closing lines, contacts, author notes. */
export function isScaffolding(sentence: string): boolean {
  return FIELD.test(sentence) || SHORT_LABEL.test(sentence) || INLINE_LIST.test(sentence) || CLOSING.some((re) => re.test(sentence));
}

/**
 * "…was held in Tokyo as follows." → "…was held in Tokyo."; a sentence that only announces the list
 * ("The overview of the meeting is as follows.") → null.
 */
export function withoutAsFollows(sentence: string): string | null {
  const m = /,?\s+(?:as follows|the following)[.:]$/i.exec(sentence);
  if (!m) return sentence;
  const rest = sentence.slice(0, m.index);
  if (/\b(?:is|are|was|were|be)$/i.test(rest) || rest.split(/\s+/).length < 6) return null;
  return /[.!?]$/.test(rest) ? rest : `${rest}.`;
}
