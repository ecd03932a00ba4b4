import { DEFAULT_STORY_CONFIG, dfKeys, type StoryConfig, type StoryFeatures } from './story-features.js';
import { findStoryMatch, postingKeys, storyCandidates, type StoryStorage } from './story-assign.js';

/** What `StoryIndex.add` decided for one item. */
export interface StoryAssignment {
  /** The story the item joined: the id of that story's first item (its own id when it starts one). */
  storyId: number;
  /** How many stored items were scored against it (bounded by the caps, never the index size). */
  candidatesScored: number;
  /** The stored item the new one was matched to, or null when it starts a story. */
  matchedId: number | null;
  /** The score of that match (0 when none). */
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
    for (const [id, s] of this.stories) {
      const members = out.get(s);
      if (members) members.push(id);
      else out.set(s, [id]);
    }
    return out;
  }

  /** The stored items the index would score for these features (never the whole index). */
  candidates(f: StoryFeatures): number[] {
    return storyCandidates(this.storage, f, this.cfg);
  }

  /** Adds an item: finds candidates, scores them, joins the best matching story or starts one. */
  add(id: number, f: StoryFeatures): StoryAssignment {
    if (this.features.has(id)) throw new Error(`story index: item ${id} was already added`);
    const m = findStoryMatch(this.storage, f, this.cfg);
    const storyId = m.matchedId !== null ? this.storyOf(m.matchedId) : id;
    this.store(id, f, storyId);
    return { storyId, candidatesScored: m.candidatesScored, matchedId: m.matchedId, score: m.score };
  }

  // The index's maps seen through the storage interface that story matching reads.
  private readonly storage: StoryStorage = {
    size: () => this.size,
    lastDay: () => this.lastDay,
    docFreq: (k) => this.docFreq(k),
    features: (id) => this.features.get(id),
    postings: (key, lo, hi, cap) => {
      const p = this.postings.get(key);
      const out: number[] = [];
      if (!p) return out;
      for (let i = upperBound(p.days, hi) - 1; i >= 0 && p.days[i] >= lo && out.length < cap; i--) out.push(p.ids[i]);
      return out;
    },
  };

  private store(id: number, f: StoryFeatures, storyId: number): void {
    const day = f.day ?? this.lastDay;
    this.lastDay = Math.max(this.lastDay, day);
    this.features.set(id, f);
    this.stories.set(id, storyId);
    for (const k of new Set(dfKeys(f))) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    for (const key of postingKeys(f)) this.post(key, id, day);
  }

  private post(key: string, id: number, day: number): void {
    let p = this.postings.get(key);
    if (!p) this.postings.set(key, (p = { ids: [], days: [] }));
    const at = upperBound(p.days, day); // items mostly arrive in day order, so this is nearly always the end
    p.ids.splice(at, 0, id);
    p.days.splice(at, 0, day);
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
