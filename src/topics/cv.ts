/** Cross-validation of the topic model over named folds (pure): first-topic accuracy per article. */
import type { Topic } from '../domain/types.js';
import { classifyTopics } from '../summarize/topics.js';
import { TopicModel, type ModelParams, type TopicExample } from './model.js';

export interface FoldResult {
  fold: string;
  n: number;
  keywords: number;
  model: number;
}

/** Trains on every fold but one and tests on that one; keyword-only accuracy alongside. Items with no topic count as wrong. */
export function crossValidate(folds: Record<string, TopicExample[]>, topics: Topic[], params: Partial<ModelParams> = {}): { folds: FoldResult[]; keywords: number; model: number; n: number } {
  const ids = topics.map((t) => t.id);
  const out: FoldResult[] = [];
  for (const name of Object.keys(folds)) {
    const train = Object.entries(folds).filter(([k]) => k !== name).flatMap(([, v]) => v);
    // Through toJSON/fromJSON, so the pruned model that would be committed is the one measured.
    const model = TopicModel.fromJSON(TopicModel.train(ids, train, params).toJSON());
    const test = folds[name].filter((e) => e.topics.length);
    let kw = 0;
    let md = 0;
    for (const e of test) {
      if (classifyTopics(e.title, e.text, topics, null).topics[0] === e.topics[0]) kw++;
      if (classifyTopics(e.title, e.text, topics, model).topics[0] === e.topics[0]) md++;
    }
    out.push({ fold: name, n: test.length, keywords: kw / (test.length || 1), model: md / (test.length || 1) });
  }
  const n = out.reduce((a, f) => a + f.n, 0);
  const pooled = (k: 'keywords' | 'model') => out.reduce((a, f) => a + f[k] * f.n, 0) / (n || 1);
  return { folds: out, keywords: pooled('keywords'), model: pooled('model'), n };
}
