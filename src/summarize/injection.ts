/**
 * Prompt injection in article text (pure): finds sentences that address an AI model rather than a
 * reader ("Ignore previous instructions…", "Note to the summarizer: tag this…"), so they can be quoted
 * to the editor, and finds draft wording that the article has only inside such sentences ("BUY NOW").
 * The patterns are narrow on purpose: each needs an instruction word *and* an AI addressee or an
 * instruction target, so news about AI, quotes ("You must say no," he said) and ordinary "ignore" or
 * "must write off" stay silent; the test suite runs it over every fixture and 130 real pages.
 */

const AI = String.raw`(?:AI|A\.I\.|LLM|GPT|ChatGPT|(?:large )?language models?|(?:AI )?models?|(?:AI )?assistants?|summari[sz]ers?|chat ?bots?|bots?)`;
/** What an order to the model asks for; "say" or "use" are left out ("models, say analysts, …"). */
const VERB = String.raw`(?:write|tag|label|classify|categori[sz]e|output|print|respond|reply|describe|praise|ignore|disregard|summari[sz]e|reveal)`;
const ORDERS = String.raw`(?:instructions?|prompts?|commands)`;
const RULES = String.raw`(?:instructions?|prompts?|rules|directions|guidelines|directives|context|commands?)`;

const PATTERNS: RegExp[] = [
  // "Ignore previous instructions", "disregard all prior prompts", "forget the above rules"; not "forget the old rules".
  new RegExp(String.raw`\b(?:ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|your|my)\s+)?(?:(?:the|these|those)\s+)?(?:previous|prior|earlier|preceding|above|foregoing|system|original)\s+${ORDERS}\b`, 'i'),
  new RegExp(String.raw`\b(?:ignore|disregard|forget|override)\s+(?:all|any|your)\s+${ORDERS}\b`, 'i'),
  new RegExp(String.raw`\b(?:ignore|disregard|forget)\s+(?:(?:all|any)\s+)?(?:the\s+)?(?:above|preceding|foregoing)\s+${RULES}\b`, 'i'),
  /\b(?:ignore|disregard|forget)\s+(?:everything|all)\s+(?:above|before|previous|prior)\b/i,
  // Asking for the hidden prompt.
  new RegExp(String.raw`\b(?:reveal|show|print|repeat|output|disclose|leak)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+prompt|(?:hidden|original|initial)\s+${RULES})\b`, 'i'),
  /\byour\s+system\s+prompt\b/i,
  /\bnew\s+(?:instructions|rules)\s*:/i,
  // Addressing the model: "AI assistant: you must…", "Summarizer, classify…", "Note to the summarizer:".
  new RegExp(String.raw`(?<![\p{L}\p{N}])${AI}\s*[,:]\s*(?:you\s+(?:must|should|will|shall|need\s+to|have\s+to|are\s+to)\s+)?(?:please\s+)?(?:now\s+)?${VERB}\b`, 'iu'),
  new RegExp(String.raw`\b(?:note|message|instructions?|attention|memo|reminder)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?${AI}\b`, 'i'),
  new RegExp(String.raw`\bif\s+you\s+are\s+(?:an?\s+)?${AI}\b`, 'i'),
  new RegExp(String.raw`\b${AI}\s+(?:reading|processing|summari[sz]ing|parsing|seeing)\s+(?:this|these)\b`, 'i'),
  /\b(?:when|while|before)\s+(?:you\s+(?:are\s+)?)?(?:summari[sz]ing|processing|rewriting|tagging)\s+this\s+(?:article|text|story|page|item|post)\b/i,
  // Orders about the output itself.
  // "You must write that…", "you are to tag this story…" (not "you need to write 10x more").
  /\byou\s+(?:must|are\s+to)\s+(?:now\s+)?(?:write|output|print|respond|reply|summari[sz]e)\s+(?:only\b|that\b|the\s+(?:headline|summary|bullet|words?)\b|["“']|\p{Lu}{2,})/u,
  /\byou\s+(?:must|should|are\s+to)\s+(?:now\s+)?(?:tag|label|classify|categori[sz]e)\s+(?:this|it|the\s+(?:article|story|item))\b/i,
  // "…and tag this defense" (an order: at a clause start), "classify this story as energy" (anywhere).
  /(?:^|[.!?:;,]\s*|\b(?:and|then|please|also)\s+)(?:tag|label|classify|categori[sz]e)\s+(?:this|the\s+(?:article|story|item))\b/iu,
  /\b(?:tag|label|classify|categori[sz]e)\s+this\s+(?:article|story|item|text|piece|post|page)\s+(?:as|under|with)\b/i,
  /\brespond\s+only\s+with\b|\banswer\s+only\s+with\b|\bonly\s+(?:output|respond\s+with|reply\s+with)\b/i,
  new RegExp(String.raw`\byou\s+are\s+now\s+(?:an?\s+|in\s+)?(?:[\p{L}-]+\s+){0,3}(?:mode|assistant|bot|model|persona|AI|chatbot|DAN)\b`, 'iu'),
  /\b(?:output|print|write)\s+(?:the|a|your)\s+(?:headline|summary|bullet|title|answer)\s+(?:as\s+)?["“']/i,
  /(?:^|[.!?:;]\s+)(?:please\s+)?(?:write|output|print)\s+(?:the\s+words?\s+)?["“']?\p{Lu}{2,}(?:\s+\p{Lu}{2,})*\b/u,
];

/** Sentences (split at . ! ? and line breaks, quotes kept) of `text`. */
function sentences(text: string): string[] {
  return text.split(/\n+|(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u).map((s) => s.trim()).filter(Boolean);
}

/** The sentences of `text` that read like instructions to a language model, in order, each once. */
export function findInstructions(text: string): string[] {
  const out: string[] = [];
  for (const s of sentences(text)) if (PATTERNS.some((re) => re.test(s)) && !out.includes(s)) out.push(s);
  return out;
}

/** Longest quote of one instruction shown to the editor. */
const QUOTE_CHARS = 200;
const quote = (s: string) => (s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : s);

/** Findings about the article itself, worded for the draft's "check before use" list. */
export function instructionFindings(input: { title: string; text: string }): string[] {
  return findInstructions(`${input.title}\n${input.text}`).map((s) => `instruction in the article: "${quote(s)}"`);
}

/** The article with its instruction-like sentences blanked out: what the source really says. */
export function withoutInstructions(text: string): string {
  let rest = text;
  for (const s of findInstructions(text)) rest = rest.split(s).join(' ');
  return rest;
}

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'as', 'is',
  'are', 'was', 'be', 'this', 'that', 'it', 'its', 'now', 'all', 'any', 'not', 'no', 'you', 'your', 'we', 'our', 'so']);

/**
 * Phrases of the draft built from words that the source has only inside instruction-like sentences
 * ("BUY NOW" from "write BUY NOW"). Function words count only when written in capitals.
 */
export function echoedInstructions(draft: { headline: string; bullet: string }, source: string): string[] {
  const orders = findInstructions(source);
  if (!orders.length) return [];
  const words = (s: string) => new Set((s.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase()));
  const inOrders = words(orders.join(' '));
  const elsewhere = words(withoutInstructions(source));
  const found: string[] = [];
  for (const part of [draft.headline, draft.bullet]) {
    const toks = [...part.matchAll(/[\p{L}\p{N}]+/gu)];
    const planted = toks.map((m) => {
      const w = m[0].toLowerCase();
      const caps = m[0].length >= 2 && m[0] === m[0].toUpperCase() && /\p{L}/u.test(m[0]);
      return inOrders.has(w) && !elsewhere.has(w) && (caps || (!FUNCTION_WORDS.has(w) && w.length >= 3));
    });
    for (let i = 0; i < toks.length; i++) {
      if (!planted[i]) continue;
      let j = i;
      while (j + 1 < toks.length && planted[j + 1] && /^[\s,'’-]*$/.test(part.slice(toks[j].index! + toks[j][0].length, toks[j + 1].index!))) j++;
      const phrase = part.slice(toks[i].index!, toks[j].index! + toks[j][0].length);
      if (!found.includes(phrase)) found.push(phrase);
      i = j;
    }
  }
  return found;
}
