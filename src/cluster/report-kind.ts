/**
 * Whether an article previews an event that has not happened yet ("will hold talks", "is set to",
 * "ahead of") or reports one that has ("held", "agreed", "ended"). Judged from the title and the
 * first two sentences only: background paragraphs often look forward ("said it will continue to
 * cooperate") even in a report of a finished meeting. Past-tense event verbs in the lead win.
 */
export type ReportKind = 'preview' | 'report';

// Forward-looking phrasing about the event itself.
const FUTURE: RegExp[] = [
  /\bwill (?:hold|host|meet|visit|start|begin|open|launch|sign|travel|attend|convene|resume|discuss|head)\b/i,
  /\b(?:is|are|was|were) (?:set|scheduled|due|expected|poised|slated) to\b/i,
  /\b(?:plans?|planned|planning|prepares?|preparing) to\b/i,
  /\bahead of\b/i,
  /\bto (?:hold|meet|visit|start|begin|open|sign|resume) (?:\w+ ){0,4}?(?:next|later|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:week|month|weekend))\b/i,
  /\bnext (?:week|month|year)\b/i,
  /\bupcoming\b/i,
  /^(?:[^.!?]*\s)?to (?:hold|meet|visit|host|start|begin|sign|resume)\b/i, // headline style: "Leaders to meet in Geneva"
];

// Past-tense verbs that say the event took place.
const PAST = /\b(?:held|agreed|met|ended|concluded|signed|wrapped up|hosted|visited|began|started|opened|closed|finished|completed|reached|discussed|talked|adopted|approved|struck)\b/i;

/** The first `n` sentences of a text (cut at ., ! or ? followed by space). */
function firstSentences(text: string, n: number): string {
  const parts = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z0-9"'“])/);
  return parts.slice(0, n).join(' ');
}

/** Removes "said it will…"/"says they will…" reported speech, which looks forward without making the article a preview. */
function dropReportedFuture(s: string): string {
  return s.replace(/\b(?:said|says|added|pledged|vowed|promised|stressed|noted)\b[^.!?]*/gi, ' ');
}

export function reportKind(title: string | null | undefined, text: string | null | undefined): ReportKind {
  const lead = [title ?? '', firstSentences(text ?? '', 2)].filter(Boolean);
  const cleaned = lead.map(dropReportedFuture);
  if (cleaned.some((s) => PAST.test(s))) return 'report';
  return cleaned.some((s) => FUTURE.some((re) => re.test(s))) ? 'preview' : 'report';
}
