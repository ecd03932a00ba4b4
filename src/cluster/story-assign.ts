import { DEFAULT_STORY_CONFIG, type StoryConfig, type StoryFeatures } from './story-features.js';
import { couldBeSameStory, storyScore } from './story-match.js';

/**
 * What story matching reads from wherever items are kept (memory for tests and benches, SQLite in
 * the pipeline). Every lookup is bounded: postings come capped and within a day window.
 */
export interface StoryStorage {
  /** Number of items stored. */
  size(): number;
  /** The latest day any stored item carries (undated items are placed there). */
  lastDay(): number;
  /** How many stored items carry a df key. */
  docFreq(key: string): number;
  /** A stored item's features. */
  features(id: number): StoryFeatures | undefined;
  /** Items posted under a lookup key with day in [fromDay, toDay], most recent first, at most `cap`. */
  postings(key: string, fromDay: number, toDay: number, cap: number): number[];
  /** Embeddings view (optional): stored items in [fromDay, toDay] whose vectors are near `v`. */
  nearVector?(v: Float32Array, fromDay: number, toDay: number): number[];
}

/** The best stored item a new one is "the same story" as, if any. */
export interface StoryMatch {
  matchedId: number | null;
  score: number;
  candidatesScored: number;
  /** Every stored item judged the same story, best first (a new item that matches two stories bridges them). */
  matches: { id: number; score: number }[];
  /** With `explain`: every candidate scored, with its views (the replay log). */
  explained?: { id: number; score: number; same: boolean; views: Record<string, number>; reasons: string[] }[];
}

/** The lookup keys an item is posted under: its LSH bands and its blocking keys ("k:"-prefixed). */
export function postingKeys(f: StoryFeatures): string[] {
  return [...f.bands, ...f.keys.map((k) => `k:${k}`)];
}

/** The day an item is filed under (undated items go to the latest stored day). */
export function storyDay(f: StoryFeatures, storage: Pick<StoryStorage, 'lastDay'>): number {
  return f.day ?? storage.lastDay();
}

/** Stored items worth scoring against `f`: its bucket and blocking-key neighbours inside the date window. */
export function storyCandidates(storage: StoryStorage, f: StoryFeatures, cfg: StoryConfig = DEFAULT_STORY_CONFIG): number[] {
  const day = storyDay(f, storage);
  const [lo, hi] = [day - cfg.window_days, day + cfg.window_days];
  const found = new Set<number>();
  for (const b of f.bands) for (const id of storage.postings(b, lo, hi, cfg.bucket_cap)) found.add(id);
  // A blocking key carried by too many items says nothing about one event, and would cost a long scan.
  const maxDf = Math.max(cfg.key_max_df_floor, cfg.key_max_share * storage.size());
  for (const k of f.probes ?? f.keys) {
    if (storage.docFreq(k) > maxDf) continue;
    for (const id of storage.postings(`k:${k}`, lo, hi, cfg.key_cap)) found.add(id);
  }
  // embeddings view: a paraphrase shares no bucket or key, but its vector is near.
  if (f.vector && storage.nearVector) for (const id of storage.nearVector(f.vector, lo, hi)) found.add(id);
  return [...found];
}

/** Scores the candidates and returns the best one judged the same story; `explain` records every candidate's views. */
export function findStoryMatch(storage: StoryStorage, f: StoryFeatures, cfg: StoryConfig = DEFAULT_STORY_CONFIG, explain = false): StoryMatch {
  const cands = storyCandidates(storage, f, cfg);
  const df = (k: string): number => storage.docFreq(k);
  const memo = new Map<string, number>();
  const total = storage.size();
  const matches: { id: number; score: number }[] = [];
  const explained: NonNullable<StoryMatch['explained']> = [];
  for (const c of cands) {
    const other = storage.features(c);
    if (!other) continue;
    if (!couldBeSameStory(f, other, cfg)) {
      if (explain) explained.push({ id: c, score: 0, same: false, views: {}, reasons: ['too little shared to score'] });
      continue;
    }
    const s = storyScore(f, other, cfg, df, total, memo, explain);
    if (s.same) matches.push({ id: c, score: s.score });
    if (explain) explained.push({ id: c, score: s.score, same: s.same, views: s.views ?? {}, reasons: s.reasons });
  }
  matches.sort((a, b) => b.score - a.score || a.id - b.id);
  return { matchedId: matches[0]?.id ?? null, score: matches[0]?.score ?? 0, candidatesScored: cands.length, matches,
    ...(explain ? { explained: explained.sort((a, b) => b.score - a.score) } : {}) };
}
