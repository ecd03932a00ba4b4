import { DEFAULT_STORY_CONFIG, dfKeys, type StoryConfig, type StoryFeatures } from './story-features.js';
import { storyScore } from './story-match.js';

/** What `StoryIndex.add` decided for one item. */
export interface StoryAssignment {
  storyId: number;
  candidatesScored: number;
  /** The stored item the new one was matched to, or null when it starts a story. */
  matchedId: number | null;
  score: number;
}

// One posting list: item ids kept in day order, so a date window is a binary search.
interface Postings {
  ids: number[];
  days: number[];
}

/**
 * In-memory incremental story index. Lookup is deliberately plain so an SQL twin can mirror it:
 * for each LSH band key and each blocking key of the new item, read at most `cap` postings whose
 * day is within the window, most recent first (`WHERE key = ? AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT cap`),
 * skipping blocking keys carried by too many items; score those candidates; join the best "same" one's story.
 * A new item never merges two existing stories; editors merge by hand.
 */
export class StoryIndex {
  private readonly cfg: StoryConfig;
  private readonly features = new Map<number, StoryFeatures>();
  private readonly stories = new Map<number, number>();
  private readonly postings = new Map<string, Postings>();
  private readonly df = new Map<string, number>();
  private lastDay = 0;

  /** Creates an empty index. */
  constructor(cfg: StoryConfig = DEFAULT_STORY_CONFIG) {
    this.cfg = cfg;
  }

  /** Number of items added. */
  get size(): number {
    return this.features.size;
  }

  /** How many stored items carry a df key (entity, "#number", "t:term", "w:term"). */
  docFreq(key: string): number {
    return this.df.get(key) ?? 0;
  }

  /** The story an item belongs to (the id of the story's first item), or -1 if unknown. */
  storyOf(id: number): number {
    return this.stories.get(id) ?? -1;
  }

  /** Every story id with its member item ids, in insertion order. */
  storyMembers(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const [id, s] of this.stories) out.set(s, [...(out.get(s) ?? []), id]);
    return out;
  }

  /** The stored items the index would score for these features (never the whole index). */
  candidates(f: StoryFeatures): number[] {
    const day = f.day ?? this.lastDay;
    const found = new Set<number>();
    for (const b of f.bands) this.lookup(b, day, this.cfg.bucket_cap, found);
    const maxDf = Math.max(this.cfg.key_max_df_floor, this.cfg.key_max_share * this.size);
    for (const k of f.keys) if (this.docFreq(k) <= maxDf) this.lookup(`k:${k}`, day, this.cfg.key_cap, found);
    return [...found];
  }

  /** Adds an item: finds candidates, scores them, joins the best matching story or starts one. */
  add(id: number, f: StoryFeatures): StoryAssignment {
    if (this.features.has(id)) throw new Error(`story index: item ${id} was already added`);
    const cands = this.candidates(f);
    const df = (k: string): number => this.docFreq(k);
    const memo = new Map<string, number>();
    let best: { id: number; score: number } | null = null;
    for (const c of cands) {
      const other = this.features.get(c);
      if (!other) continue;
      const s = storyScore(f, other, this.cfg, df, this.size, memo);
      if (s.same && (!best || s.score > best.score)) best = { id: c, score: s.score };
    }
    const storyId = best ? this.storyOf(best.id) : id;
    this.store(id, f, storyId);
    return { storyId, candidatesScored: cands.length, matchedId: best?.id ?? null, score: best?.score ?? 0 };
  }

  private store(id: number, f: StoryFeatures, storyId: number): void {
    const day = f.day ?? this.lastDay;
    this.lastDay = Math.max(this.lastDay, day);
    this.features.set(id, f);
    this.stories.set(id, storyId);
    for (const k of new Set(dfKeys(f))) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    for (const b of f.bands) this.post(b, id, day);
    for (const k of f.keys) this.post(`k:${k}`, id, day);
  }

  private post(key: string, id: number, day: number): void {
    let p = this.postings.get(key);
    if (!p) this.postings.set(key, (p = { ids: [], days: [] }));
    const at = upperBound(p.days, day); // items mostly arrive in day order, so this is nearly always the end
    p.ids.splice(at, 0, id);
    p.days.splice(at, 0, day);
  }

  private lookup(key: string, day: number, cap: number, into: Set<number>): void {
    const p = this.postings.get(key);
    if (!p) return;
    const lo = day - this.cfg.window_days;
    let taken = 0;
    for (let i = upperBound(p.days, day + this.cfg.window_days) - 1; i >= 0 && p.days[i] >= lo && taken < cap; i--) {
      into.add(p.ids[i]);
      taken++;
    }
  }
}

// First index whose value is greater than x, in an ascending array.
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
