/**
 * Learning from the editor (issue 13): every shortlist, reject, re-tag and promote is recorded (one row per
 * decision, desk or CLI) and kept/rejected decisions train a naive-Bayes model that adjusts the relevance of
 * NEW items at ingest, after the rules have scored them. Nothing is hidden without trace: an item the model
 * pushes below the threshold is stored as 'irrelevant' with both scores, and the desk lists it under
 * "Below threshold" where the editor can promote it.
 */
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { IssueError, shortlistStory, rejectStory } from '../jobs/issues.js';
import { adjust, featuresOf, summary, type Adjustment, type FeatureInput, type Model } from './model.js';

export { featuresOf, adjust, learn, weight, emptyModel, summary, type Model, type Adjustment, type FeatureInput } from './model.js';

export type ReviewAction = 'shortlist' | 'reject' | 'topics' | 'promote';
const LABEL: Record<ReviewAction, 0 | 1 | null> = { shortlist: 1, promote: 1, reject: 0, topics: null };

/** The relevance threshold: `relevance.min_score` (0..1), 0.5 when the config has none. */
export function minScore(config: Config): number {
  const v = (config.relevance as { min_score?: unknown }).min_score;
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : 0.5;
}

/**
 * Records one editor decision on an item (the audit row) and trains the model with it. Called by the desk and
 * the CLI after the action itself succeeded; returns the decision's id.
 */
export function noteDecision(store: Store, itemId: number, action: ReviewAction, via: 'desk' | 'cli', now: Date,
  topics?: { before: string[]; after: string[] }): number | null {
  const input = store.learnInput(itemId);
  if (!input) return null;
  return store.recordDecision({ item_id: itemId, story_id: input.story_id, action, label: LABEL[action],
    topics_before: topics?.before ?? null, topics_after: topics?.after ?? null, features: featuresOf(input), via }, now.toISOString());
}

/** The editor took a shortlist or reject back: so does the model (the undo is recorded too). */
export function noteUndo(store: Store, itemId: number, via: 'desk' | 'cli', now: Date): number | null {
  return store.retractDecision(itemId, via, now.toISOString());
}

/** What `newsdesk review` (and the desk) did. */
export interface ReviewResult {
  item_id: number;
  story_id: number | null;
  action: ReviewAction;
  decision_id: number;
  review: string | null;
  topics: string[] | null;
  issue: string | null;
}

/** The desk's actions on one item, for scripts: shortlist, reject, re-tag topics, or promote from below the threshold. */
export function reviewItem(store: Store, config: Config, itemId: number, req: { action: ReviewAction; topics?: string[] },
  via: 'desk' | 'cli', now: Date): ReviewResult {
  const input = store.learnInput(itemId);
  if (!input) throw new IssueError(`there is no item ${itemId}; \`newsdesk items\` lists them`);
  let storyId = input.story_id;
  let issue: string | null = null;
  let topics: { before: string[]; after: string[] } | undefined;
  if (req.action === 'promote') {
    if (input.state !== 'irrelevant') throw new IssueError(`item ${itemId} is not below the threshold (its state is ${input.state}); only those can be promoted`);
    store.promoteItem(itemId, now.toISOString());
    storyId = store.storyOfItem(itemId) ?? store.createStoryFor(itemId, now.toISOString());
  } else {
    if (storyId === null || !store.getCard(storyId)) {
      throw new IssueError(`item ${itemId} is not on the desk (state ${input.state})${input.state === 'irrelevant' ? '; promote it first with --promote' : ''}`);
    }
    if (req.action === 'shortlist') issue = shortlistStory(store, config, storyId, now).title;
    else if (req.action === 'reject') rejectStory(store, storyId, now);
    else {
      const card = store.getCard(storyId)!;
      const known = new Set(config.topics.map((t) => t.id));
      const bad = (req.topics ?? []).filter((t) => !known.has(t));
      if (bad.length) throw new IssueError(`unknown topic${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; the config has ${[...known].join(', ') || 'none'}`);
      const after = [...new Set(req.topics ?? [])];
      if (!store.saveEdit(storyId, card.edit_rev, { headline: card.edited ? card.headline : null, bullet: card.edited ? card.bullet : null, topics: after }, now.toISOString())) {
        throw new IssueError(`story ${storyId} was changed at the same moment; try again`);
      }
      topics = { before: card.topics, after };
    }
  }
  const decision = noteDecision(store, itemId, req.action, via, now, topics)!;
  const card = storyId === null ? undefined : store.getCard(storyId);
  return { item_id: itemId, story_id: storyId, action: req.action, decision_id: decision, review: card?.review ?? null,
    topics: card?.topics ?? null, issue };
}

/** The model and threshold an ingest run applies; undefined when there is nothing learned yet. */
export interface Learned { model: Model; minScore: number }

/** Loads what the editor's decisions taught, for one ingest run. */
export function learnedForIngest(store: Store, config: Config): Learned | undefined {
  const model = store.loadModel();
  return model.pos + model.neg > 0 ? { model, minScore: minScore(config) } : undefined;
}

/**
 * Applies the learned adjustment after the rules scored an item. The score moves both ways, but learning only
 * ever takes an item OFF the desk (below the threshold), never onto it past the rules: the rules' vetoes stay.
 */
export function applyLearning(learned: Learned | undefined, rel: { relevant: boolean; score: number }, input: FeatureInput):
  { relevant: boolean; score: number; adjustment: (Adjustment & { rule_state: string }) | null } {
  const a = learned ? adjust(learned.model, rel.score, featuresOf(input)) : null;
  if (!a) return { relevant: rel.relevant, score: rel.score, adjustment: null };
  const relevant = rel.relevant && !(a.score < rel.score && a.score < learned!.minScore);
  return { relevant, score: a.score, adjustment: { ...a, rule_state: rel.relevant ? 'extracted' : 'irrelevant' } };
}

/** The editor's topic re-tags, as training examples for a topic classifier (the lead wires them to src/topics/). */
export function editorTopicExamples(store: Pick<Store, 'editorTopicExamples'>) {
  return store.editorTopicExamples();
}

/** What `newsdesk learn` prints. */
export function learnReport(store: Store, top = 10) {
  const s = summary(store.loadModel(), top);
  const decisions = store.listDecisions(100000);
  const by = (k: 'action' | 'via') => decisions.reduce<Record<string, number>>((a, d) => ({ ...a, [d[k]]: (a[d[k]] ?? 0) + 1 }), {});
  return { ...s, by_action: by('action'), by_via: by('via'), topic_examples: decisions.filter((d) => d.action === 'topics').length };
}

/** The card's note, when the editor's history changed a score: "your past decisions lowered this from 0.62 to 0.31". */
export function adjustmentNote(a: { rule_score: number; score: number } | undefined | null): string | null {
  if (!a || Math.abs(a.score - a.rule_score) < 0.005) return null;
  return `your past decisions ${a.score < a.rule_score ? 'lowered' : 'raised'} this from ${a.rule_score.toFixed(2)} to ${a.score.toFixed(2)}`;
}
