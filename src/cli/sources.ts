import { EXIT, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, printJson, table, openOrCreateDefault } from './common.js';
import { toSources } from '../jobs/sources.js';

const USAGE = 'usage: newsdesk sources [--config F] [--db F] [--json]';

/** `newsdesk sources`: every configured source with its health. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, COMMON_OPTIONS, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const { store } = openOrCreateDefault(p);
  try {
    store.upsertSources(toSources(config));
    const since = new Date(Date.now() - 14 * 86_400_000).toISOString();
    const configured = new Set(config.sources.map((s) => s.id));
    const rows = store.listSourceHealth(since).filter((s) => configured.has(s.id)).map((s) => ({
      id: s.id, name: s.name, type: s.type, url: s.url, enabled: s.enabled, last_attempt_at: s.last_attempt_at,
      last_ok_at: s.last_ok_at, last_error: s.last_error, consecutive_failures: s.consecutive_failures, items_total: s.items_total,
    }));
    if (values.json) { printJson(io, rows); return EXIT.OK; }
    io.stdout.write(table(['id', 'type', 'enabled', 'last ok', 'failures', 'items', 'last error'],
      rows.map((s) => [s.id, s.type, s.enabled ? 'yes' : 'no', s.last_ok_at?.slice(0, 16) ?? 'never', s.consecutive_failures, s.items_total, s.last_error])));
    return EXIT.OK;
  } finally {
    store.close();
  }
}
