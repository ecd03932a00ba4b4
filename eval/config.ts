// The sources.yaml of an eval run: publication, topics, relevance (and cluster settings, when the repo sets
// any) are read from the repo's sources.yaml and re-emitted, so the real rules are what is measured; only the
// sources (the loopback outlets) and the fetch settings (quick, loopback allowed, no age limit) are the eval's.
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import { configSchema, type Config } from '../src/config/schema.js';
import { OUTLETS } from './sets.js';

/** Which relevance rules the run uses. */
export type RelevanceMode = 'repo' | 'keep-all';

/** What is said about the keep-all mode in the output. */
export const KEEP_ALL_NOTE = 'relevance.all_of: [] and none_of: [] (every article is kept, so every one is clustered)';

/** The repo's config as plain data (validated by the real schema, so a broken sources.yaml fails here). */
export function readRepoConfig(file: string): Record<string, unknown> {
  const raw = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  configSchema.parse(raw);
  return raw;
}

/** Topic ids of the repo's config. */
export function topicIdsOf(raw: Record<string, unknown>): string[] {
  return ((raw.topics as { id: string }[] | undefined) ?? []).map((t) => t.id);
}

/** The eval config: repo rules, loopback sources. */
export function evalConfig(raw: Record<string, unknown>, feeds: Map<string, string>, mode: RelevanceMode): Record<string, unknown> {
  const base = (raw.fetch ?? {}) as Record<string, unknown>;
  const doc: Record<string, unknown> = {
    publication: raw.publication,
    fetch: {
      user_agent: base.user_agent ?? 'newsdesk-eval/0.1',
      concurrency: 16,
      per_host_concurrency: 8,
      per_host_delay_ms: 2,
      timeout_ms: 10_000,
      retries: 1,
      respect_robots: false,
      allow_private_hosts: true,
      max_items_per_source: 100_000,
      max_age_days: 36_500,
    },
    relevance: mode === 'repo' ? raw.relevance ?? { all_of: [], none_of: [] } : { all_of: [], none_of: [] },
    topics: raw.topics ?? [],
    ...(raw.cluster ? { cluster: raw.cluster } : {}),
    sources: [...feeds].map(([outlet, url]) => ({
      id: outlet, name: OUTLETS[outlet].name, type: 'rss', url, primary: OUTLETS[outlet].primary,
    })),
  };
  configSchema.parse(doc);
  return doc;
}

/** Writes the eval config as YAML and returns the parsed form (what the CLI will load). */
export function writeEvalConfig(file: string, doc: Record<string, unknown>): Config {
  writeFileSync(file, `# Written by eval/config.ts for one eval run (temp file).\n${YAML.stringify(doc)}`);
  return configSchema.parse(YAML.parse(readFileSync(file, 'utf8')));
}
