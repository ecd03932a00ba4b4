import type { Store } from '../store/index.js';
import { storyFeatures, findStoryMatch, postingKeys, dfKeys, storyDay, DEFAULT_STORY_CONFIG,
  type StoryConfig, type StoryFeatures, type StoryStorage } from '../cluster/index.js';

/** Where an item landed. */
export interface ClusterOutcome {
  storyId: number;
  /** It joined an existing story (false: it started one). */
  joined: boolean;
  /** It follows a story an earlier issue published: that issue's id. */
  followUpOf: number | null;
}

/** Story matching over the SQLite store; the item count and latest day are read once and kept current. */
export function storyStorage(store: Store): StoryStorage & { added(day: number): void } {
  let size = store.clusteredCount();
  let lastDay = store.clusteredMaxDay();
  return {
    size: () => size,
    lastDay: () => lastDay,
    docFreq: (k) => store.storyDocFreq(k),
    features: (id) => store.storyFeaturesOf<StoryFeatures>(id),
    postings: (key, lo, hi, cap) => store.storyPostings(key, lo, hi, cap),
    added: (day) => { size++; lastDay = Math.max(lastDay, day); },
  };
}

/** The story settings: sources.yaml `cluster:` over the defaults. */
export function storyConfig(overrides: Partial<StoryConfig> | undefined): StoryConfig {
  return { ...DEFAULT_STORY_CONFIG, ...overrides };
}

/**
 * Files a relevant item under a story, in one transaction: it joins the story of the best matching
 * stored item (taking that story's review state, and its draft, so no new summary is needed), or
 * starts a story. An item matching a story an earlier issue already published starts (or joins) a
 * follow-up story that names the issue. Items are filed once; later runs never move them.
 */
export function clusterItem(store: Store, storage: ReturnType<typeof storyStorage>, cfg: StoryConfig,
  item: { id: number; title: string; text: string; published_at: string | null; ignore?: (string | null)[]; sources?: string[] }, now: string): ClusterOutcome {
  const f = storyFeatures(item, cfg);
  return store.inTransaction(() => {
    const match = findStoryMatch(storage, f, cfg);
    const day = storyDay(f, storage);
    store.putStoryFeatures(item.id, f, day, postingKeys(f), dfKeys(f));
    storage.added(day);
    const matchedStory = match.matchedId !== null ? store.storyIdOf(match.matchedId) : null;
    const state = matchedStory !== null ? store.storyState(matchedStory) : undefined;
    if (!state) return { storyId: store.startStory(item.id, now), joined: false, followUpOf: null };
    if (state.published_in !== null) {
      const open = state.follow_up_story !== null ? store.storyState(state.follow_up_story) : undefined;
      if (open && open.published_in === null) {
        store.joinStory(item.id, open.id, now, { review: open.review, summarized: open.has_summary });
        return { storyId: open.id, joined: true, followUpOf: state.published_in };
      }
      return { storyId: store.startStory(item.id, now, { issueId: state.published_in, storyId: state.id }), joined: false, followUpOf: state.published_in };
    }
    store.joinStory(item.id, state.id, now, { review: state.review, summarized: state.has_summary });
    return { storyId: state.id, joined: true, followUpOf: null };
  });
}
