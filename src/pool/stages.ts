/**
 * The CPU stages of a run, set up once per run (per worker): the page stage (extract + relevance), story features
 * and the offline summary. What they are given and give back is plain data, so they run on the main thread or in a
 * worker alike (src/pool/worker.ts) and give the same result either way.
 */
import type { SummaryInput, Topic } from '../domain/types.js';
import type { Config } from '../config/schema.js';
import { compileRules } from '../relevance/index.js';
import type { Learned } from '../learn/index.js';
import { storyFeatures, type StoryConfig, type StoryFeatures } from '../cluster/index.js';
import { offlineSummarizer } from '../summarize/index.js';
import type { Summary } from '../domain/types.js';
import { pageRecord, type PageInput, type PageRecord } from './record.js';

/** What the stages of one run are set up with; sent to each worker once, when it starts. */
export interface CpuSetup {
  relevance: Config['relevance'];
  learned?: Learned;
  story: StoryConfig;
  publication: string;
  topics: Topic[];
}

/** An item as story features read it (its text, not its page). */
export interface FeaturesInput { title: string; text: string; published_at: string | null; ignore?: (string | null)[]; sources?: string[] }

export interface OfflineDraft { summary: Summary; unsupported: string[] }

/** The tasks a worker runs: one message in, one record out. */
export type CpuTask =
  | { kind: 'page'; input: PageInput }
  | { kind: 'features'; input: FeaturesInput }
  | { kind: 'summary'; input: SummaryInput }
  /** Answered once the worker has loaded its stages: the pool sends work to the threads from then on. */
  | { kind: 'warm' };

export interface StageHandlers {
  page(input: PageInput, clock?: () => number): PageRecord;
  features(input: FeaturesInput): Promise<StoryFeatures>;
  summary(input: SummaryInput): Promise<OfflineDraft>;
}

/** The stages, compiled once for a run's setup. */
export function stageHandlers(setup: CpuSetup): StageHandlers {
  const ctx = { rules: compileRules(setup.relevance), learned: setup.learned };
  const summaryCtx = { publication: setup.publication, topics: setup.topics };
  const offline = offlineSummarizer();
  return {
    page: (input, clock) => pageRecord(input, ctx, clock),
    features: async (input) => storyFeatures(input, setup.story),
    summary: (input) => offline.summarize(input, summaryCtx),
  };
}
