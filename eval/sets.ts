// Loads and validates the labelled judgement sets (test/eval/sets/<split>/*.json; format in the eval-format
// notes). A file that is not (yet) valid JSON is skipped with a problem line; an article with a bad field is
// dropped with a problem line naming the file and the article id, so a set being written never stops a run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPLITS = ['tune', 'holdout'] as const;
export type Split = (typeof SPLITS)[number];
export const KINDS = ['member', 'hard-negative', 'singleton', 'off-topic'] as const;
export type Kind = (typeof KINDS)[number];

/** The outlets a set may use, with the name the loopback site gives each, and whether it is a primary source. */
export const OUTLETS: Record<string, { name: string; primary: boolean; feed: 'rss' | 'atom' }> = {
  'harbor-wire': { name: 'Harbor Wire', primary: false, feed: 'rss' },
  'capital-ledger': { name: 'The Capital Ledger', primary: false, feed: 'rss' },
  'kanto-shimbun': { name: 'Kanto Shimbun', primary: false, feed: 'rss' },
  'gaimu-readouts': { name: 'Gaimu Readouts', primary: true, feed: 'rss' },
  'state-readouts': { name: 'State Readouts', primary: true, feed: 'rss' },
  'ridge-institute': { name: 'Ridge Institute', primary: false, feed: 'atom' },
  'pacific-markets': { name: 'Pacific Markets', primary: false, feed: 'rss' },
};

/** One labelled article. */
export interface EvalArticle {
  id: string;
  story: string;
  outlet: string;
  published: string;
  title: string;
  paras: string[];
  relevant: boolean;
  topics: string[];
  kind: Kind;
  confusable_with?: string;
  note?: string;
  /** Where it came from (relative file name), for messages. */
  file: string;
  split: Split;
}

/** Set sizes (one split or the total). */
export interface SetSizes {
  articles: number;
  /** Distinct gold stories among the articles clustering is judged on (not off-topic, gold relevant). */
  stories: number;
  hard_negatives: number;
  /** Every article is a relevance item. */
  relevance_items: number;
  off_topic: number;
}

export interface LoadedSets {
  dir: string;
  articles: Record<Split, EvalArticle[]>;
  files: { file: string; split: Split; articles: number; ok: boolean }[];
  /** One line per skipped file or dropped article. */
  problems: string[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Problems with one article's fields (empty when it is fine). */
export function articleProblems(a: unknown, topicIds: string[] | null): string[] {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return ['is not an object'];
  const x = a as Record<string, unknown>;
  const out: string[] = [];
  const str = (k: string) => typeof x[k] === 'string' && (x[k] as string).trim().length > 0;
  if (!str('id') || !ID.test(x.id as string)) out.push(`"id" must be a non-empty string of letters, digits, . _ - (got ${JSON.stringify(x.id)})`);
  if (!str('story')) out.push(`"story" must be a non-empty string (got ${JSON.stringify(x.story)})`);
  if (!str('outlet') || !OUTLETS[x.outlet as string]) out.push(`"outlet" must be one of ${Object.keys(OUTLETS).join(', ')} (got ${JSON.stringify(x.outlet)})`);
  if (!str('published') || !ISO.test(x.published as string) || Number.isNaN(Date.parse(x.published as string))) {
    out.push(`"published" must be an ISO date-time such as 2026-10-14T08:30:00Z (got ${JSON.stringify(x.published)})`);
  }
  if (!str('title')) out.push(`"title" must be a non-empty string`);
  if (!Array.isArray(x.paras) || x.paras.length === 0 || !x.paras.every((p) => typeof p === 'string' && p.trim().length > 0)) {
    out.push(`"paras" must be a non-empty array of non-empty strings`);
  }
  if (typeof x.relevant !== 'boolean') out.push(`"relevant" must be true or false (got ${JSON.stringify(x.relevant)})`);
  if (!Array.isArray(x.topics) || !x.topics.every((t) => typeof t === 'string')) out.push(`"topics" must be an array of topic ids`);
  else {
    if (topicIds) {
      const bad = (x.topics as string[]).filter((t) => !topicIds.includes(t));
      if (bad.length) out.push(`"topics" has unknown id(s) ${bad.join(', ')}; known: ${topicIds.join(', ')}`);
    }
    if (x.relevant === true && x.topics.length === 0) out.push(`"topics" is empty but "relevant" is true (the first topic is the primary one)`);
    if (x.relevant === false && x.topics.length > 0) out.push(`"topics" must be [] when "relevant" is false`);
  }
  if (!KINDS.includes(x.kind as Kind)) out.push(`"kind" must be one of ${KINDS.join(', ')} (got ${JSON.stringify(x.kind)})`);
  if (x.kind === 'hard-negative' && !str('confusable_with')) out.push(`"confusable_with" is required for kind hard-negative`);
  if (x.kind === 'off-topic' && x.relevant !== false) out.push(`kind off-topic needs "relevant": false`);
  if (x.confusable_with !== undefined && typeof x.confusable_with !== 'string') out.push(`"confusable_with" must be a story id string`);
  return out;
}

/**
 * Reads every <dir>/<split>/*.json. `topicIds` (from sources.yaml) checks the topic ids; `splits` limits
 * what is read. Ids must be unique across all files: a repeat is dropped with a problem line.
 */
export function loadSets(dir: string, opts: { topicIds?: string[]; splits?: readonly Split[] } = {}): LoadedSets {
  const result: LoadedSets = { dir, articles: { tune: [], holdout: [] }, files: [], problems: [] };
  const seen = new Map<string, string>();
  for (const split of opts.splits ?? SPLITS) {
    const sub = join(dir, split);
    if (!existsSync(sub)) continue;
    for (const name of readdirSync(sub).filter((f) => f.endsWith('.json')).sort()) {
      const file = `${split}/${name}`;
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(join(sub, name), 'utf8'));
      } catch (err) {
        result.problems.push(`${file}: skipped, not valid JSON (${(err as Error).message.split('\n')[0]}); it may still be being written`);
        result.files.push({ file, split, articles: 0, ok: false });
        continue;
      }
      const list = (doc as { articles?: unknown })?.articles;
      if (!Array.isArray(list)) {
        result.problems.push(`${file}: skipped, needs {"split": "${split}", "articles": [...]}`);
        result.files.push({ file, split, articles: 0, ok: false });
        continue;
      }
      const declared = (doc as { split?: unknown }).split;
      if (declared !== undefined && declared !== split) {
        result.problems.push(`${file}: declares "split": ${JSON.stringify(declared)} but lies in ${split}/; the folder wins`);
      }
      let kept = 0;
      list.forEach((raw, i) => {
        const label = `${file}: article #${i + 1}${raw && typeof (raw as { id?: unknown }).id === 'string' ? ` "${(raw as { id: string }).id}"` : ''}`;
        const bad = articleProblems(raw, opts.topicIds ?? null);
        if (bad.length) { result.problems.push(`${label}: ${bad.join('; ')}`); return; }
        const a = raw as Omit<EvalArticle, 'file' | 'split'>;
        const other = seen.get(a.id);
        if (other) { result.problems.push(`${label}: id "${a.id}" is already used in ${other}; dropped`); return; }
        seen.set(a.id, file);
        result.articles[split].push({ ...a, file, split });
        kept++;
      });
      result.files.push({ file, split, articles: kept, ok: true });
    }
  }
  for (const split of SPLITS) {
    const stories = new Set(result.articles[split].map((a) => a.story));
    for (const a of result.articles[split]) {
      if (a.confusable_with && !stories.has(a.confusable_with)) {
        result.problems.push(`${a.file}: article "${a.id}": confusable_with "${a.confusable_with}" names no story in the ${split} split (kept)`);
      }
    }
  }
  return result;
}

/** Whether an article is judged for story clustering (off-topic and gold-irrelevant articles are not). */
export const clusteredArticle = (a: EvalArticle): boolean => a.kind !== 'off-topic' && a.relevant;

/** Sizes of one list of articles. */
export function sizesOf(list: EvalArticle[]): SetSizes {
  return {
    articles: list.length,
    stories: new Set(list.filter(clusteredArticle).map((a) => a.story)).size,
    hard_negatives: list.filter((a) => a.kind === 'hard-negative').length,
    relevance_items: list.length,
    off_topic: list.filter((a) => a.kind === 'off-topic').length,
  };
}
