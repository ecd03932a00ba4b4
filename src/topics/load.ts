/** Loads the committed topic model (prompts/topic-model.json) for a taxonomy: null when absent, broken or for other ids. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Topic } from '../domain/types.js';
import { getTopicModel } from '../summarize/topics.js';
import { TopicModel } from './model.js';

/** prompts/topic-model.json at the package root (the same from src/topics and dist/topics). */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../prompts/topic-model.json', import.meta.url));

/** Reads a model file; null (never a throw) when it is missing, malformed or its ids differ from `topicIds`. */
export function loadTopicModel(file: string, topicIds: string[]): TopicModel | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  try {
    const m = TopicModel.fromJSON(raw);
    return m.matches(topicIds) ? m : null;
  } catch {
    return null;
  }
}

const cache = new Map<string, TopicModel | null>();

/** The default model for this taxonomy, read once per distinct id list; null → keyword-only. */
export function defaultTopicModel(topics: Topic[], file = DEFAULT_MODEL_FILE): TopicModel | null {
  const k = `${file}\n${topics.map((t) => t.id).sort().join(',')}`;
  if (!cache.has(k)) cache.set(k, loadTopicModel(file, topics.map((t) => t.id)));
  return cache.get(k)!;
}

/**
 * The model the offline summarizer uses: the one set by setTopicModel (e.g. updated with the editor's re-tags)
 * when its ids match, else the committed default; null → keyword-only.
 */
export function activeTopicModel(topics: Topic[]): TopicModel | null {
  const set = getTopicModel();
  if (set && set.matches(topics.map((t) => t.id))) return set;
  return defaultTopicModel(topics);
}

/**
 * The model for one run: the committed default (or an empty one) plus the editor's re-tags, one example each,
 * so a re-tag on the desk changes how the next run's offline drafts rank topics. Null when there is nothing to add.
 */
export function modelWithEditorTopics(topics: Topic[], examples: { title: string | null; text: string | null; topics: string[] }[]): TopicModel | null {
  if (!examples.length || !topics.length) return null;
  const base = defaultTopicModel(topics);
  const m = base ? TopicModel.fromJSON(JSON.parse(JSON.stringify(base))) : new TopicModel(topics.map((t) => t.id));
  let added = 0;
  for (const e of examples) if (m.addExample({ title: e.title ?? '', text: e.text ?? '', topics: e.topics })) added++;
  return added ? m : null;
}
