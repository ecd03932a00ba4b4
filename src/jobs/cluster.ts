import type { Store, WriteBatch } from '../store/index.js';
import { cleanTitle } from '../summarize/headline.js';
import { storyFeatures, findStoryMatch, postingKeys, dfKeys, storyDay, DEFAULT_STORY_CONFIG,
  type StoryConfig, type StoryFeatures, type StoryStorage } from '../cluster/index.js';
import type { EmbeddingStage } from '../cluster/embeddings.js';
import { storyScore } from '../cluster/story-match.js';
import type { CpuStages } from '../pool/index.js';

/** One story decision as the replay log (`ingest --explain FILE`) records it: every candidate's views and the outcome. */
export interface StoryDecision {
  item_id: number;
  title: string;
  day: number;
  candidates: { item_id: number; story_id: number | null; score: number; same: boolean; views: Record<string, number>; reasons: string[] }[];
  story_id: number;
  joined: boolean;
  follow_up_of: number | null;
  /** Stories this item bridged into its own (their ids and how many items moved). */
  merged: { story_id: number; items: number }[];
}

/** Where an item landed. */
export interface ClusterOutcome {
  storyId: number;
  /** It joined an existing story (false: it started one). */
  joined: boolean;
  /** It follows a story an earlier issue published: that issue's id. */
  followUpOf: number | null;
  /** Other stories it bridged into its own. */
  merged?: number;
}

/** Parsed features kept for the run: a new item is compared with the recent items, again and again. */
const FEATURE_CACHE = 2_000;
/** Document frequencies kept for the run; cleared when it grows past this many keys. */
const DF_CACHE = 200_000;

/**
 * Story matching over the SQLite store, for one run (which holds the run lock, so nothing else files items
 * meanwhile). The item count and latest day are read once and kept current; features and document
 * frequencies are read once and kept, and what an item adds is applied to them once its transaction commits.
 */
export function storyStorage(store: Store, emb?: Pick<EmbeddingStage, 'vectorOf' | 'neighbours'> | null, embMin = DEFAULT_STORY_CONFIG.embedding_evidence): StoryStorage & { added(id: number, f: StoryFeatures, day: number, dfKeys: string[]): void } {
  let size = store.clusteredCount();
  let lastDay = store.clusteredMaxDay();
  // Map order is insertion order: the oldest entry is the first key (a read re-inserts, so it is an LRU).
  const features = new Map<number, StoryFeatures>();
  const df = new Map<string, number>();
  const keep = (id: number, f: StoryFeatures) => {
    features.delete(id);
    features.set(id, f);
    if (features.size > FEATURE_CACHE) features.delete(features.keys().next().value!);
  };
  return {
    size: () => size,
    lastDay: () => lastDay,
    docFreq: (k) => {
      let n = df.get(k);
      if (n === undefined) {
        if (df.size >= DF_CACHE) df.clear();
        n = store.storyDocFreq(k);
        df.set(k, n);
      }
      return n;
    },
    features: (id) => {
      let f = features.get(id);
      if (!f) { f = store.storyFeaturesOf<StoryFeatures>(id); const v = f && emb?.vectorOf(id); if (f && v) f.vector = v; } // embeddings view
      if (f) keep(id, f);
      return f;
    },
    postings: (key, lo, hi, cap) => store.storyPostings(key, lo, hi, cap),
    nearVector: emb ? (v, lo, hi) => emb.neighbours(v, lo, hi, embMin) : undefined, // embeddings view
    added: (id, f, day, keys) => {
      size++;
      lastDay = Math.max(lastDay, day);
      keep(id, f);
      for (const k of keys) {
        const n = df.get(k);
        if (n !== undefined) df.set(k, n + 1);
      }
    },
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
  item: { id: number; title: string; text: string; published_at: string | null; ignore?: (string | null)[]; sources?: string[]; vector?: Float32Array }, now: string,
  explain?: (d: StoryDecision) => void, features?: StoryFeatures): ClusterOutcome {
  // The features may come computed (by the run's CPU workers); they are a pure function of the item and cfg.
  const f = features ?? storyFeatures(item, cfg);
  if (item.vector) f.vector = item.vector; // embeddings view (kept out of the stored JSON below)
  const day = storyDay(f, storage);
  const keys = dfKeys(f);
  let candidates: StoryDecision['candidates'] = [];
  const merged: { story_id: number; items: number }[] = [];
  const outcome = store.inTransaction((): ClusterOutcome => {
    const match = findStoryMatch(storage, f, cfg, !!explain);
    if (explain) {
      candidates = (match.explained ?? []).map((c) => ({ item_id: c.id, story_id: store.storyIdOf(c.id), score: round(c.score),
        same: c.same, views: Object.fromEntries(Object.entries(c.views).map(([k, v]) => [k, round(v)])), reasons: c.reasons }));
    }
    store.putStoryFeatures(item.id, { ...f, vector: undefined }, day, postingKeys(f), keys);
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
    // A bridge: the item is also the same story as members of other open stories, so those report this event
    // too and merge into this one (recorded; stories an editor touched are never absorbed; split undoes it).
    // A roundup of two similar events (two LNG deals signed the same day) matches both as well; the tell is that
    // their reports read alike yet were judged different events when compared directly: those are never merged.
    const best = storage.features(match.matches[0].id);
    const seen = new Set<number>([state.id]);
    for (const m of match.matches.slice(1)) {
      const other = store.storyIdOf(m.id);
      if (other === null || seen.has(other)) continue;
      seen.add(other);
      const theirs = storage.features(m.id);
      if (!best || !theirs || storyScore(best, theirs, cfg, (k) => storage.docFreq(k), storage.size(), undefined, false).score >= cfg.min_score) continue;
      const moved = store.mergeStories(other, state.id, item.id, now, { review: state.review, summarized: state.has_summary });
      if (moved) merged.push({ story_id: other, items: moved.length });
    }
    return { storyId: state.id, joined: true, followUpOf: null };
  });
  storage.added(item.id, f, day, keys);
  explain?.({ item_id: item.id, title: item.title, day, candidates, story_id: outcome.storyId, joined: outcome.joined, follow_up_of: outcome.followUpOf,
    merged });
  return { ...outcome, merged: merged.length };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** What the story stage did in a run. */
export interface ClusterStageReport { clustered: number; joined: number; follow_ups: number; merged: number }

/** Items read from the database per page while the stage runs. */
const PAGE = 200;
/** The stage yields the event loop this often (ms), so a web app or a signal in the same process is served. */
const YIELD_MS = 25;

/**
 * Files every relevant extracted item without a story, in id order (the order they were found). It runs
 * after the crawl: comparing items is CPU work that would otherwise delay the polite requests of every host,
 * and an item a killed run left unfiled is simply filed by the next run. Stops early on `signal`.
 */
export async function clusterPending(deps: {
  store: Store; batch: WriteBatch; storage: ReturnType<typeof storyStorage>; cfg: StoryConfig;
  sourceName: (id: string) => string | null; now: () => Date; signal?: AbortSignal;
  /** Called after each item (the run's heap budget). */
  afterEach?: () => void;
  /** The replay log: called with every story decision (`ingest --explain FILE`). */
  explain?: (d: StoryDecision) => void;
  /** The optional embeddings view: vectors fetched per page before matching. */
  embeddings?: EmbeddingStage | null;
  /** The run's CPU workers: each page's features are computed there, in parallel, then assigned here in id order. */
  cpu?: CpuStages;
}): Promise<ClusterStageReport> {
  const { store, batch, storage, cfg } = deps;
  const report: ClusterStageReport = { clustered: 0, joined: 0, follow_ups: 0, merged: 0 };
  let after = 0;
  let lastYield = performance.now();
  for (;;) {
    const page = store.listUnclustered(after, PAGE);
    if (page.length === 0) return report;
    await deps.embeddings?.prepare(page);
    const inputs = page.map((item) => {
      const outlets = [item.site_name, ...item.source_ids.map(deps.sourceName)];
      // The outlet's name and the byline are on everything it publishes: they say nothing about the event.
      const title = outlets.reduce<string>((t, name) => cleanTitle(t, name), item.title ?? '');
      return { title, text: item.text, published_at: item.published_at, ignore: [item.byline, ...outlets], sources: item.source_ids };
    });
    // With workers, the whole page's features are computed in parallel; assignment stays here, in id order.
    // A worker that fails on an item leaves it to be computed inline (features are a pure function of the item).
    const pooled = deps.cpu && deps.cpu.workers > 0 ? inputs.map((x) => deps.cpu!.features(x).catch(() => undefined)) : null;
    for (const [i, item] of page.entries()) {
      if (deps.signal?.aborted) return report;
      after = item.id;
      const features = pooled ? await pooled[i] : deps.cpu ? await deps.cpu.features(inputs[i]).catch(() => undefined) : undefined;
      const c = batch.run(() => clusterItem(store, storage, cfg, { id: item.id, ...inputs[i], vector: deps.embeddings?.vectorOf(item.id) },
        deps.now().toISOString(), deps.explain, features));
      report.clustered++;
      if (c.joined) report.joined++;
      if (c.followUpOf !== null) report.follow_ups++;
      report.merged += c.merged ?? 0;
      deps.afterEach?.();
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  }
}
