import { configSchema, type Config } from '../../src/config/schema.js';
import { createFetcher } from '../../src/net/index.js';
import { runIngest, type IngestReport } from '../../src/jobs/ingest.js';
import { silentLogger } from '../../src/jobs/log.js';
import type { Store } from '../../src/store/index.js';

/** A valid config for tests: loopback allowed, short delays, the two-group relevance rule. */
export function testConfig(sources: unknown[], fetch: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    publication: { name: 'Test Digest' },
    fetch: { allow_private_hosts: true, per_host_delay_ms: 0, timeout_ms: 3000, retries: 0, max_age_days: 0, ...fetch },
    relevance: { all_of: [['Japan', 'Japanese', 'Tokyo', 'Okinawa'], ['United States', 'U.S.', 'US', 'American', 'Washington']] },
    sources,
  });
}

/** One ingest run with a fresh fetcher, as the CLI would do it. */
export async function ingestOnce(config: Config, store: Store, sourceIds?: string[]): Promise<IngestReport> {
  const fetcher = createFetcher(config.fetch);
  try {
    return await runIngest({ config, store, fetcher, log: silentLogger(), now: () => new Date('2026-11-21T00:00:00Z') },
      { trigger: 'test', sourceIds });
  } finally {
    await fetcher.close();
  }
}
