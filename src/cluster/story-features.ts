import { bandKeys, minhash, shingles } from './story-minhash.js';
import { contentWords, entitiesOfRuns, isCountry, meetingRounds, nameKeys, nameRunsOf, namedEntities, numbers } from './story-text.js';
import { eventDays, eventPlaces, leadOf } from './event-facts.js';

/** Tunables of story matching; every field has a default in DEFAULT_STORY_CONFIG. */
export interface StoryConfig {
  /** Items further apart than this many days are never one story. */
  window_days: number;
  /** MinHash signature length. */
  minhash_perms: number;
  /** LSH bands; minhash_perms / bands rows each. */
  bands: number;
  /** Word n-gram size of the shingles. */
  shingle: number;
  /** Combined score at or above which two items are one story. */
  min_score: number;
  /** Estimated shingle Jaccard at or above which two items are one story whatever else they say (copies, rewrites). */
  dup_jaccard: number;
  /** Weights of the score's parts: entities, title terms, content terms, numbers, shingles. */
  w_entities: number;
  w_title: number;
  w_terms: number;
  w_numbers: number;
  w_shingles: number;
  /** The score needs at least this much normalised IDF mass of shared entities/numbers... */
  min_evidence: number;
  /** ...spread over at least this many distinct shared things (rarity ≥ 0.3), so one famous name is not enough. */
  min_things: number;
  /** Weight factor of shared rare content terms in the evidence (names and amounts count 1)... */
  term_evidence: number;
  /** ...where a term is rare if its rarity (0..1) is at least this; without corpus counts no term is. */
  rare_term: number;
  /** Weight factor of a shared entity or number that is a blocking key of neither item. */
  passing_mention: number;
  /** Two items from one source need min_score × this to be one story. */
  same_source_factor: number;
  /** Blocking keys kept per item (what it is posted under). */
  max_keys: number;
  /** Entities a new item looks up among stored items' blocking keys (a superset of its own keys). */
  max_probes: number;
  /** Content terms kept per item. */
  max_terms: number;
  /** Postings read per band bucket and per blocking key (most recent in the window first). */
  bucket_cap: number;
  key_cap: number;
  /** Blocking keys carried by more than max(floor, share × stored items) items are not looked up. */
  key_max_share: number;
  key_max_df_floor: number;
  /** Pseudo-documents that carry the built-in priors into IDF while the corpus is small. */
  prior_docs: number;
  /** Weight of the embeddings cosine in the score, and the cosine at or above which it counts as evidence (only with cluster.embeddings). */
  w_embedding: number;
  embedding_evidence: number;
  /** Two leads that name the same day of the event need only this score and this evidence (from one shared thing)... */
  dated_score: number;
  dated_evidence: number;
}

/** Defaults chosen on half A of the labelled fixtures (see bench/story-eval.ts). */
export const DEFAULT_STORY_CONFIG: StoryConfig = {
  window_days: 3,
  minhash_perms: 64,
  bands: 16,
  shingle: 2,
  min_score: 0.22,
  dup_jaccard: 0.5,
  w_entities: 0.6,
  w_title: 0.15,
  w_terms: 0.3,
  w_numbers: 0.15,
  w_shingles: 0.1,
  min_evidence: 1.2,
  min_things: 2,
  passing_mention: 0.5,
  term_evidence: 0.25,
  rare_term: 0.4,
  same_source_factor: 1.6,
  max_keys: 12,
  max_probes: 16,
  max_terms: 25,
  bucket_cap: 20,
  key_cap: 25,
  key_max_share: 0.02,
  key_max_df_floor: 100,
  prior_docs: 50,
  w_embedding: 0.35,
  embedding_evidence: 0.9,
  dated_score: 0.11,
  dated_evidence: 0.6,
};

/** What story matching needs of one item; plain arrays so it can be stored as JSON. */
export interface StoryFeatures {
  /** MinHash signature (unsigned 32-bit values) over word bigrams of title + text. */
  minhash: number[];
  /** LSH band keys ("b3:9f2a01c4"): the buckets the item is filed under. */
  bands: string[];
  /** Normalised named entities: "margaret ellison", "ellison", "united states", "boj", "iron cypress". */
  entities: string[];
  /** Up to max_keys blocking keys: the item's most salient uncommon entities and up to two amounts ("#1500000"). */
  keys: string[];
  /** Blocking keys this item looks up (its keys and more of its names), so two outlets that rank names differently still meet. */
  probes?: string[];
  /** Ids of the sources that published the item (filled in by the pipeline). */
  sources?: string[];
  /** Normalised amounts: "1500000000", "0.25%", "y2027". */
  numbers: string[];
  /** Days since 1970-01-01 (UTC) of published_at; null when it is missing or unparseable. */
  day: number | null;
  /** Content words of the title (stemmed, stopwords dropped). */
  title_terms: string[];
  /** The item's most frequent content words (stemmed, title words counted twice): what it is about, in any outlet's wording. */
  terms: string[];
  /** Ordinals of the numbered meeting the title and lead report ("3" for "the third round"); absent in older records. */
  rounds?: string[];
  /** Days (since 1970-01-01) the lead says the event took place ("on October 15", "on Tuesday"); absent in older records. */
  event_days?: number[];
  /** Where the lead says it took place ("in Nagasaki" → "nagasaki"), countries left out; absent in older records. */
  places?: string[];
  /** Embedding of title + lead (cluster.embeddings); attached per run from the cache, never stored with the features. */
  vector?: Float32Array;
}

/** Entities every item of this kind of corpus names; their expected share of documents seeds IDF. */
// A Map, not an object literal: a key such as "constructor" must not find Object.prototype's.
const COMMON = new Map<string, number>(Object.entries({
  japan: 0.95, 'united states': 0.95, tokyo: 0.5, washington: 0.5, china: 0.35, alliance: 0.2,
  'indo pacific': 0.1, pacific: 0.1, asia: 0.1, congress: 0.1, pentagon: 0.1, 'white house': 0.1, sdf: 0.1,
}));

// The same shares for the content-word spelling ("united_states") used by title terms and terms.
const COMMON_TERMS = new Map<string, number>([...COMMON].map(([k, v]) => [k.replace(/ /g, '_'), v]));

/** Built-in expected document share of a df key (entity, "#number", "t:title term" or "w:term"). */
export function priorShare(key: string): number {
  const c = key.charCodeAt(0);
  if (c === 35 /* # */) return key.charCodeAt(1) === 121 /* y */ ? 0.2 : 0.02;
  // Content words are ordinary words: without corpus counts none is presumed rare.
  if (key.charCodeAt(1) === 58 /* : */ && (c === 116 || c === 119) /* t w */) return COMMON_TERMS.get(key.slice(2)) ?? 0.2;
  return COMMON.get(key) ?? 0.01;
}

/** The keys whose document frequency the index counts for an item (entities, "#number", "t:title term", "w:term"). */
export function dfKeys(f: StoryFeatures): string[] {
  return [...f.entities, ...f.numbers.map((n) => `#${n}`), ...f.title_terms.map((t) => `t:${t}`), ...f.terms.map((t) => `w:${t}`)];
}

// Most frequent content words; ties go to the earlier word, so the result is deterministic.
function topTerms(title: string[], body: string[], n: number): string[] {
  const tf = new Map<string, number>();
  for (const w of title) tf.set(w, (tf.get(w) ?? 0) + 2);
  for (const w of body) tf.set(w, (tf.get(w) ?? 0) + 1);
  return [...tf].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w).sort();
}

// A title where most words are capitalised is Title Case: its capitals say nothing about names.
function isTitleCase(title: string): boolean {
  const words = title.match(/\p{L}+/gu) ?? [];
  return words.length > 2 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.6;
}

// A name in the lead ranks as a name in the title does: one mention more.
const LEAD_BONUS = 1;
// The lead: what the item reports, before background that recalls earlier rounds or meetings.
function lead(text: string): string {
  return text.slice(0, 600);
}

/** Computes the story-matching features of one item. */
export function storyFeatures(
  item: { title: string; text: string; published_at: string | null; ignore?: (string | null)[]; sources?: string[] },
  cfg: StoryConfig = DEFAULT_STORY_CONFIG,
): StoryFeatures {
  const titleWords = contentWords(item.title);
  const bodyWords = contentWords(item.text);
  const words = [...titleWords, ...bodyWords];
  const sig = minhash(shingles(words, cfg.shingle), cfg.minhash_perms);
  // One pass of the model over the text and one over the title: the lead's names are the runs of its first
  // two sentences, not a second pass over them.
  const textRuns = nameRunsOf(item.text);
  const titleRuns = isTitleCase(item.title) ? [] : nameRunsOf(item.title);
  const counts = entitiesOfRuns(textRuns);
  const titleEnts = entitiesOfRuns(titleRuns);
  for (const [e, n] of titleEnts) counts.set(e, (counts.get(e) ?? 0) + n + 1);
  // The outlet's own names (its name, the byline) are on every item it publishes, whatever the event.
  const own = new Set([...namedEntities((item.ignore ?? []).filter(Boolean).join('. ')).keys()]);
  for (const e of own) counts.delete(e);
  const nums = [...new Set([...numbers(item.title), ...numbers(item.text)])];
  const titleTerms = [...new Set(titleWords)];
  // Names in the lead are the event's (who and where); background names come later.
  const opening = leadOf(item.title, item.text);
  const leadNames = entitiesOfRuns([...titleRuns, ...textRuns.filter((r) => r.sentence < 2)]);
  // Blocking keys: names an outlet cannot paraphrase away. Rank by mentions, favour longer names
  // and names in the title; amounts with a scale or a percent follow.
  const ranked = [...counts]
    .filter(([e]) => !COMMON.has(e))
    .map(([e, n]) => ({ k: e, s: n + (e.includes(' ') ? 0.5 : 0) + (titleTerms.includes(e) ? 1 : 0) + (leadNames.has(e) ? LEAD_BONUS : 0) }))
    .sort((a, b) => b.s - a.s || (a.k < b.k ? -1 : 1))
    .map((x) => x.k);
  const numKeys = nums.filter((n) => !n.startsWith('y') && (n.endsWith('%') || Number(n) >= 1e5)).map((n) => `#${n}`);
  const keys = [...ranked.slice(0, cfg.max_keys - Math.min(2, numKeys.length)), ...numKeys.slice(0, 2)];
  const probes = [...new Set([...keys, ...ranked.slice(0, cfg.max_probes)])];
  const t = item.published_at ? Date.parse(item.published_at) : NaN;
  const day = Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
  const places = [...new Set(eventPlaces(opening).map((p) => nameKeys(p)[0]).filter((p): p is string => !!p && !isCountry(p)))].sort();
  return {
    minhash: sig,
    rounds: meetingRounds(`${item.title}\n${lead(item.text)}`),
    bands: bandKeys(sig, cfg.bands),
    entities: [...counts.keys()].sort(),
    keys,
    probes,
    ...(item.sources?.length ? { sources: [...item.sources] } : {}),
    numbers: nums.sort(),
    day,
    event_days: eventDays(opening, day),
    places,
    title_terms: titleTerms.sort(),
    terms: topTerms(titleWords, bodyWords, cfg.max_terms),
  };
}
