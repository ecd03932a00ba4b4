/**
 * Short paragraphs whose words say they are furniture, whatever markup carried them: "Read more: …",
 * "Sign up for …", "Advertisement", photo credits, "X contributed to this report", bylines and date lines.
 */

// A short paragraph that starts like this is a pointer, a prompt or a label, not article text.
const LEAD_IN = new RegExp(
  '^(?:read more|read next|read also|also read|also on\\b|more from\\b|more on this|you (?:might|may) also like|don\'t miss|' +
    'sign up (?:for|to|here|now)|subscribe (?:to|for|now|here|today)|get (?:the|our)\\b.*\\b(?:newsletter|inbox|headlines)|' +
    'click here|follow us|follow \\S+(?: \\S+)? on\\b|share this|share on\\b|share:|story continues|continue reading|' +
    'listen to this|watch:|tags?:|topics?:|filed under|posted in\\b|tagged\\b|explore more|have a (?:news )?tip|' +
    'photo:|photos:|image:|picture:|credit:|photograph:|video:|media caption|our standards:|copyright\\b|©|' +
    'this material may not be|all rights reserved|reporting by|editing by|additional reporting|written by|story by|words by|' +
    'posted by|join the (?:conversation|discussion)|leave a (?:reply|comment)|\\d+ comments?\\b|log in to comment|' +
    'sign in to comment|download (?:the )?(?:full )?(?:report|pdf)|print this page|back to top|image copyright|image caption|' +
    'media playback is|click to (?:share|email|print|open)|advertisement\\b|write to \\S+(?: \\S+){0,3} at \\S+@|contact (?:the )?(?:author|reporter)|' +
    'please enable javascript|this feature is (?:currently )?unavailable)',
  'i',
);
// A paragraph that is only one of these labels (a colon or the end follows).
const LABEL = /^(?:related(?: coverage| stories| articles| content| links| topics)?|see also|recommended(?: for you| stories| reading)?|advertisement|sponsored(?: content)?|most (?:read|popular|viewed)|trending(?: now)?|share|comments?|more stories|read more|keep reading|you might also like|page top|to top|top stories|latest news|more news|editor'?s picks|popular)\s*(?::|$)/i;
// "Published 6:15 a.m. Oct. 2, 2026 | Updated …", "Updated September 3, 2026 at 9:12 a.m.", "Released: 21 September 2026".
const STAMP_WORD = /^(?:published|updated|last|posted|released|first|on|at|by)$/i;
const SHORT_WORDS = 25;
// "(OP Photo/Ken Arai)", "(Pacific Wire file photo)", "Photo: TechLedger" at the end of a short paragraph.
const CREDIT_END = /\((?:[^()]*\b(?:photos?|photograph|pictures?|images?|illustration|file)\b[^()]*)\)\.?$|\b(?:getty images|photo credit|file photo)\b|\b(?:photo|photograph|image|picture|credit)s?(?: by)?:\s*[^.:]{1,60}$/i;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const CONTRIBUTED = /\b(?:contributed|added) (?:reporting )?to this (?:report|story|article)\b/i;
// "By Tom Arakaki | tarakaki@…", "By HIRO TAKANE and MEGAN COLE": a name after "By", no sentence.
const BYLINE = /^[Bb]y\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al|of|the|in|,))*(?:\s*[,|·•—–-]\s*.*)?$/u;
const RULE = /^[\s_*=~·•—–-]+$/;
const MONTH_OR_DAY =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a|m|p|gmt|utc|bst|jst|kst|est|edt|cst|cdt|pst|pdt|et|pt|at|on|min|mins|minute|minutes|read|ago|hours?|st|nd|rd|th)$/i;

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** A line made of dates, times and "min read" only ("Thu 12 Feb 2026 05.40 GMT", "4 min read"). */
export function isDateLine(line: string): boolean {
  const tokens = line.match(/[\p{L}\p{N}]+/gu) ?? [];
  const stamp = /^(?:published|updated|last updated|posted|released|first published)\b/i.test(line);
  if (!tokens.length || tokens.length > (stamp ? 20 : 12)) return false;
  const other = tokens.filter((t) => !/^\d+$/.test(t) && !MONTH_OR_DAY.test(t) && !(stamp && STAMP_WORD.test(t)));
  return other.length === 0 && tokens.some((t) => /\d/.test(t));
}

/** Whether one paragraph of extracted text is furniture by its words alone. */
export function isFurnitureLine(paragraph: string): boolean {
  // "(Reporting by …; Editing by …)" reads like its contents.
  const line = paragraph.replace(/\s+/g, ' ').trim().replace(/^[([]\s*/, '');
  if (!line) return true;
  if (RULE.test(line)) return true;
  const n = words(line).length;
  if (n > SHORT_WORDS) return false;
  if (LEAD_IN.test(line) || LABEL.test(line)) return true;
  if (CONTRIBUTED.test(line) && n <= 20) return true;
  if (EMAIL.test(line) && n <= 15) return true;
  if (CREDIT_END.test(line) && n <= SHORT_WORDS) return true;
  if (n <= 12 && BYLINE.test(line) && !/[a-z]{2}[.!?]$/.test(line)) return true;
  return isDateLine(line);
}

/** Drops furniture paragraphs from text whose paragraphs are separated by blank lines. */
export function dropFurnitureLines(text: string): string {
  const kept = text.split('\n\n').filter((p) => !isFurnitureLine(p));
  return kept.join('\n\n');
}
