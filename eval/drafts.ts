// The drafts an ingest made, judged as an editor would read them: does the bullet end on a whole sentence,
// are bullet and headline the digest's length, does release scaffolding or closing boilerplate leak in, does a
// sentence repeat, and does the grounding check find anything the story's articles do not support. These
// checks are the eval's own, written apart from the summarizer's filters, so they can catch what those miss.
import Database from 'better-sqlite3';
import type { Topic } from '../src/domain/types.js';
import { verifyDraft } from '../src/summarize/verify-draft.js';

export interface DraftFigures {
  drafts: number;
  /** Share of bullets whose last sentence is whole (the article goes on with a new sentence, or ends). */
  whole_sentence: number | null;
  /** Share of bullets of 60–170 words, over the drafts whose story's articles hold at least 60 words. */
  bullet_words_in_range: number | null;
  /** Share of headlines of 6–14 words. */
  headline_words_in_range: number | null;
  /** Headlines that are a release's label, not a sentence ("Holding of…", "… Ministers' Meeting", "(EDD)"). */
  label_headlines: number;
  /** Headlines ending on a function word ("… with Donald J. Trump and"). */
  dangling_headlines: number;
  /** Release scaffolding, closing boilerplate and SURNAME capitals found in bullets (must be 0). */
  boilerplate_hits: number;
  /** Bullets with one sentence twice. */
  repeated_sentences: number;
  /** Drafts the grounding check flags, and their findings. */
  grounding_flagged: number;
  grounding_findings: number;
  bullet_words: { min: number | null; median: number | null; max: number | null };
}

export interface DraftProblem {
  story: number;
  headline: string;
  problems: string[];
}

const words = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

// An abbreviation or an initial before the final dot: the sentence was cut inside a name or a title.
const CUT_AFTER = /(?:^|[\s(“"-])(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Gov|Sen|Rep|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|St|Vol|Art|Fig|approx|vs|etc|Inc|Corp|Ltd|Co|[A-Z])\.$/;
const TERMINAL = /[.!?。！？]["”’')\]]*$/u;

/** True when the bullet's last sentence is whole: it ends on terminal punctuation, not inside a name, and the
 * article it came from does not carry on with the same sentence (a lower-case word or a digit next). */
export function endsOnWholeSentence(bullet: string, sources: string[]): boolean {
  const b = bullet.trim();
  if (!TERMINAL.test(b)) return false;
  const bare = b.replace(/["”’')\]]+$/u, '');
  if (CUT_AFTER.test(bare)) return false;
  const tail = bare.slice(-48);
  for (const src of sources) {
    let at = src.indexOf(tail);
    while (at >= 0) {
      const next = src.slice(at + tail.length).replace(/^["”’')\]]+/u, '');
      if (/^[ \t]+[\p{Ll}\p{N}]/u.test(next)) return false;
      if (tail.endsWith('U.S.') && /^[ \t]+\p{Lu}\p{Ll}+[ \t]+\p{Ll}/u.test(next)) return false; // "the U.S. Embassy said"
      at = src.indexOf(tail, at + 1);
    }
  }
  return true;
}

/** Release scaffolding, closing boilerplate and ministry capitals, each a named pattern. */
const BOILERPLATE: [string, RegExp][] = [
  ['as follows', /\bas follows\b/i],
  ['list label', /(?:^|[.:;]\s+|\s)(?:Purpose|Objective|Overview|Outline|Date|Dates|Venue|Location|Participants|Attendees|Main (?:training )?items|Training items|Schedule|Contents|Summary|Background)\s*:/],
  // "(1) Logistics", "2) Medicine", "①", or "1. Purpose" opening the bullet or after a colon ("Feb. 1. Shares" is a date).
  ['numbered item', /(?:^|\s)(?:\(\d{1,2}\)|\d{1,2}\)|[①-⑩])\s|(?:^|:\s+)\d{1,2}\.\s+\p{Lu}/u],
  // The publisher on itself ("METI will continue to promote…"), not the parties' pledge ("the two leaders will continue to").
  ['closing boilerplate', /(?:^|[.!?]\s+)(?:The\s+)?(?:Ministry|Government of Japan|Department|Agency|Office|Embassy|Company|METI|MOFA|MOD|MOE|MEXT|MLIT|JETRO|We)\b[^.]{0,60}\bwill continue to\b|\bfor (?:more|further) information\b|\b(?:contact|inquiries|press contact)\s*:|\bclick here\b|\bread more\b|\bsubscribe\b|\ball rights reserved\b/i],
  ['SURNAME capitals', /\b(?:Mr|Ms|Mrs|Dr)\.\s+\p{Lu}{2,}\b|\b(?:Minister|Ambassador|Secretary|Director-General|Chairman|Governor|President)\s+\p{Lu}{3,}\s+\p{Lu}\p{Ll}+/u],
  ['dateline', /^[\p{Lu} ,.]{3,40}\s[—–-]{1,2}\s/u],
];

/** The boilerplate patterns a bullet hits, by name. */
export function boilerplateHits(bullet: string): string[] {
  return BOILERPLATE.filter(([, re]) => re.test(bullet)).map(([name]) => name);
}

// Opening words of a release label, and endings of an event's name used as a title.
const LABEL_START = /^(?:Holding|Conduct|Signing|Commencing|Dispatch|Announcement|Release|Press Release|Statement by|Readout|Joint Statement|Visit (?:of|to|by)|Meeting (?:of|between|with)|Telephone (?:Talk|Call|Meeting)|Outcome|Results? of|Summary of|On the|Regarding|Concerning)\b/i;
const LABEL_END = /(?:Meeting|Dialogue|Summit|Consultations?|Committee|Conference|Talks?|Exercise|Forum|Session|Ceremony)["”']?$|\)$|\.$/;

/** True when a headline is a release's label rather than a telegraphic sentence. */
export function isLabelHeadline(headline: string): boolean {
  const h = headline.trim();
  return LABEL_START.test(h) || LABEL_END.test(h);
}

const DANGLING = /\b(?:and|or|but|of|the|a|an|with|to|for|in|on|at|by|from|as|into|than|that|its|their)[,;:]?$/i;

/** True when a headline stops on a function word, cut in mid-phrase. */
export function isDanglingHeadline(headline: string): boolean {
  return DANGLING.test(headline.trim());
}

/** True when a sentence of the bullet appears twice (after case and punctuation). */
export function repeatsSentence(bullet: string): boolean {
  const seen = new Set<string>();
  for (const s of bullet.split(/(?<=[.!?。])\s+(?=[\p{Lu}"“])/u)) {
    const k = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (k.length < 12) continue;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

const share = (n: number, d: number): number | null => (d ? Math.round((n / d) * 1000) / 1000 : null);

/** Judges every draft in an ingested database; the story's articles (all its items) are the sources. */
export function judgeDrafts(dbPath: string, taxonomy: Topic[]): { figures: DraftFigures; problems: DraftProblem[] } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare(`SELECT s.story_id, s.headline, s.bullet, s.topics, i.title, i.text
      FROM summaries s JOIN items i ON i.story_id = s.story_id AND i.text IS NOT NULL ORDER BY s.story_id, i.id`).all() as
      { story_id: number; headline: string; bullet: string; topics: string; title: string | null; text: string }[];
    const stories = new Map<number, { headline: string; bullet: string; topics: string[]; sources: { title: string; text: string }[] }>();
    for (const r of rows) {
      const s = stories.get(r.story_id) ?? { headline: r.headline, bullet: r.bullet, topics: JSON.parse(r.topics) as string[], sources: [] };
      s.sources.push({ title: r.title ?? '', text: r.text });
      stories.set(r.story_id, s);
    }
    let whole = 0, bulletOk = 0, bulletJudged = 0, headOk = 0, labels = 0, dangling = 0, hits = 0, repeats = 0, flagged = 0, findings = 0;
    const lengths: number[] = [];
    const problems: DraftProblem[] = [];
    for (const [id, s] of stories) {
      const found: string[] = [];
      const texts = s.sources.map((x) => x.text);
      if (endsOnWholeSentence(s.bullet, texts)) whole++; else found.push(`bullet ends mid-sentence: "…${s.bullet.slice(-60)}"`);
      const bw = words(s.bullet);
      lengths.push(bw);
      if (texts.reduce((n, t) => n + words(t), 0) >= 60) {
        bulletJudged++;
        if (bw >= 60 && bw <= 170) bulletOk++; else found.push(`bullet ${bw} words`);
      }
      const hw = words(s.headline);
      if (hw >= 6 && hw <= 14) headOk++; else found.push(`headline ${hw} words`);
      if (isLabelHeadline(s.headline)) { labels++; found.push('headline is a release label'); }
      if (isDanglingHeadline(s.headline)) { dangling++; found.push('headline ends on a function word'); }
      const bp = boilerplateHits(s.bullet);
      hits += bp.length;
      if (bp.length) found.push(`boilerplate: ${bp.join(', ')}`);
      if (repeatsSentence(s.bullet)) { repeats++; found.push('a sentence twice'); }
      const source = { title: s.sources.map((x) => x.title).join('\n'), text: texts.join('\n\n') };
      const unsupported = verifyDraft({ headline: s.headline, bullet: s.bullet, topics: s.topics }, source, taxonomy).unsupported;
      if (unsupported.length) { flagged++; findings += unsupported.length; found.push(`not in the articles: ${unsupported.join(', ')}`); }
      if (found.length) problems.push({ story: id, headline: s.headline, problems: found });
    }
    lengths.sort((a, b) => a - b);
    const n = stories.size;
    return {
      figures: {
        drafts: n, whole_sentence: share(whole, n), bullet_words_in_range: share(bulletOk, bulletJudged),
        headline_words_in_range: share(headOk, n), label_headlines: labels, dangling_headlines: dangling, boilerplate_hits: hits, repeated_sentences: repeats,
        grounding_flagged: flagged, grounding_findings: findings,
        bullet_words: { min: lengths[0] ?? null, median: lengths.length ? lengths[lengths.length >> 1] : null, max: lengths.at(-1) ?? null },
      },
      problems,
    };
  } finally {
    db.close();
  }
}
