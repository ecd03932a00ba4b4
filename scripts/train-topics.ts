// Trains the topic model from the tune split only (test/eval/sets/tune; never the hold-out) and writes
// prompts/topic-model.json. `--cv` prints leave-one-file-out cross-validation (keywords only vs model);
// `--search` picks hyper-parameters by that CV alone; `--out FILE` writes elsewhere; `--dry` writes nothing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { readFileSync } from 'node:fs';
import type { Topic } from '../src/domain/types.js';
import { loadSets } from '../eval/sets.js';
import { TopicModel, DEFAULT_PARAMS, type ModelParams, type TopicExample } from '../src/topics/model.js';
import { crossValidate } from '../src/topics/cv.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(ROOT, 'prompts', 'topic-model.json');

const topics = (YAML.parse(readFileSync(path.join(ROOT, 'sources.yaml'), 'utf8')).topics ?? []) as Topic[];
const ids = topics.map((t) => t.id);
const loaded = loadSets(path.join(ROOT, 'test', 'eval', 'sets'), { splits: ['tune'], topicIds: ids });
for (const p of loaded.problems) console.error(`warning: ${p}`);
const folds: Record<string, TopicExample[]> = {};
// A second, mixed split: whole stories dealt round-robin into 3 folds (same-story articles never straddle folds),
// because the tune files are split by topic (t1 defense/diplomacy/energy, t2 the economic ones), which starves
// the file folds of the held-out file's topics.
const storyFolds: Record<string, TopicExample[]> = {};
const stories = [...new Set(loaded.articles.tune.map((a) => a.story))].sort();
for (const a of loaded.articles.tune) {
  if (!a.relevant || !a.topics.length) continue;
  const e = { title: a.title, text: a.paras.join('\n\n'), topics: a.topics };
  (folds[a.file] ??= []).push(e);
  (storyFolds[`story-fold-${stories.indexOf(a.story) % 3}`] ??= []).push(e);
}

let params: ModelParams = { ...DEFAULT_PARAMS };
const fmt = (x: number) => x.toFixed(3);
const report = (p: Partial<ModelParams>, f = folds) => {
  const r = crossValidate(f, topics, p);
  for (const f of r.folds) console.log(`  ${f.fold}: n=${f.n} keywords ${fmt(f.keywords)} model ${fmt(f.model)}`);
  console.log(`  pooled (n=${r.n}): keywords ${fmt(r.keywords)} model ${fmt(r.model)}`);
  return r;
};

if (flag('--search')) {
  let best = { acc: -1, p: params };
  for (const alpha of [0.1, 0.5, 2])
    for (const scale of [1, 3, 10])
      for (const keywordWeight of [0.5, 1, 2])
        for (const titleWeight of [1, 3])
        for (const minDocs of [2, 3, 5]) {
          const p = { ...params, alpha, scale, keywordWeight, titleWeight, minDocs };
          // Mean of the two CV estimates (file folds and story folds); nothing outside tune is consulted.
          const acc = (crossValidate(folds, topics, p).model + crossValidate(storyFolds, topics, p).model) / 2;
          if (acc > best.acc + 1e-9) best = { acc, p };
        }
  params = best.p;
  console.log(`search (mean of file-CV and story-CV): ${JSON.stringify(params)} → ${fmt(best.acc)}`);
}
if (flag('--cv') || flag('--search')) {
  console.log('cross-validation (train on the other tune files, test on this one; first topic per article):');
  report(params);
  console.log('cross-validation by story (3 folds of whole stories, mixed topics):');
  report(params, storyFolds);
}

const all = Object.values(folds).flat();
const model = TopicModel.train(ids, all, params);
const json = JSON.stringify(model.toJSON());
if (!flag('--dry')) writeFileSync(out, json + '\n');
console.log(`${flag('--dry') ? 'would write' : 'wrote'} ${path.relative(ROOT, out)}: ${all.length} examples, ${Object.keys(model.toJSON().features).length} features, ${(json.length / 1024).toFixed(1)} KiB`);
