/** Recognises boilerplate sentences and strips datelines/bylines from sentence starts (pure). */

// Agency or city datelines: "TOKYO (Kyodo) -- ", "PEARL HARBOR, Hawaii — ", "WASHINGTON, Feb. 16 (Reuters) - ",
// "NAHA--" (a double dash or a long dash may touch the next word; a hyphen may not: "U.S.-Japan").
const DATELINE_CAPS =
  /^[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\p{L}.]+(?:\s+[A-Z][\p{L}.]+){0,2})?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?:(?:--|—|–)\s*|(?:-|:)\s+)/u;
// Mixed-case city only with an agency in brackets: "Tokyo, Feb. 16 (Jiji Press) -- ".
const DATELINE_AGENCY = /^[A-Z][\p{L}.]+(?:\s+[A-Z][\p{L}.]+){0,2}(?:,[^()]{1,30})?\s*\([^)]{1,40}\)\s*(?:(?:--|—|–)\s*|-\s+)/u;
const AGENCY_ONLY = /^\((?:Reuters|AP|AFP|Kyodo|Bloomberg|Jiji(?: Press)?|Yonhap|Xinhua|NHK)\)\s*(?:--|—|–|-)\s*/;
const BULLET_MARK = /^[•·▪●◦*–-]\s+/;

const BOILERPLATE = new RegExp(
  [
    'click here', 'subscribe', 'sign up', 'all rights reserved', 'copyright', 'read more', 'related articles?',
    'advertisement', 'follow us', 'share this', 'newsletter', 'cookies?', 'javascript', 'reporting by',
    'editing by', 'writing by', 'contact us', 'download (?:the|our) app', 'getty images', 'file photo',
    'photo credit', 'image credit', 'photo courtesy', 'photo by', 'photo:', 'image:', 'pictured above',
    'this article (?:was|is|first)', 'terms of (?:use|service)', 'privacy policy',
  ]
    .map((p) => `\\b${p}`)
    .join('|') + '|©|\\(photo\\b|^\\(?(?:AP|AFP|Reuters|Kyodo|Getty|EPA|Bloomberg)(?: Photo)?\\)?$',
  'i',
);
const BYLINE = /^(?:by|written by|reported by)\s+[A-Z][\p{L}.'’-]+(?:\s+(?:[A-Z][\p{L}.'’-]+|and|&))*[,.]?(?:\s+[\p{L}\s,]+)?$/u;

/** Removes a dateline, agency tag or list mark from the start of a sentence. */
export function stripLeadIn(sentence: string): string {
  let s = sentence.replace(BULLET_MARK, '');
  for (const re of [AGENCY_ONLY, DATELINE_CAPS, DATELINE_AGENCY]) {
    const m = re.exec(s);
    // Only strip when a real sentence follows (capital, digit or quote).
    if (m && /^["“‘\p{Lu}\p{N}]/u.test(s.slice(m[0].length))) s = s.slice(m[0].length);
  }
  return s.trim();
}

/** True for photo credits, calls to subscribe, copyright lines, bylines and the like. */
export function isBoilerplate(sentence: string): boolean {
  const words = sentence.split(/\s+/).length;
  if (BOILERPLATE.test(sentence)) return true;
  return words <= 10 && BYLINE.test(sentence);
}

/** True when the sentence ends like a sentence (not a heading or caption fragment). */
export function endsLikeSentence(sentence: string): boolean {
  return /[.!?…]["'”’)\]]*$/.test(sentence);
}
