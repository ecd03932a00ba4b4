import type { Config } from '../config/schema.js';
import type { Source } from '../domain/types.js';

/** The configured sources as domain values (a missing name falls back to the id). */
export function toSources(config: Config): Source[] {
  return config.sources.map((s) => ({
    id: s.id, name: s.name ?? s.id, type: s.type, url: s.url, topics: s.topics,
    always_relevant: s.always_relevant, primary: s.primary, enabled: s.enabled,
    link_selector: s.link_selector, include: s.include, exclude: s.exclude,
  }));
}
