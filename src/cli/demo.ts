import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EXIT, type CliIO } from './io.js';
import { parse } from './common.js';
import { createLogger } from '../jobs/log.js';
import { progressReporter } from './progress.js';
import { runDemo } from '../demo/run.js';

const USAGE = 'usage: newsdesk demo [--no-serve] [--port N]   (what `npm run demo` runs)';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `newsdesk demo`: the whole job, offline, on the bundled sample corpus; then the review app. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { 'no-serve': { type: 'boolean', default: false }, port: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const log = createLogger(io.stderr, io.env.NEWSDESK_LOG_LEVEL ?? 'error');
  const db = join(ROOT, 'data', 'demo.db');
  io.stderr.write('newsdesk demo: serving the sample corpus (data/samples) on loopback and ingesting it offline…\n');
  const progress = progressReporter(io, 4);
  const t0 = performance.now();
  const demo = await runDemo({ root: ROOT, configFile: join(ROOT, 'sources.yaml'), db, outDir: join(ROOT, 'data'), log,
    progress: progress.hooks, now: () => new Date() });
  progress.done();
  const r = demo.report;
  io.stderr.write(`\ningested in ${((performance.now() - t0) / 1000).toFixed(1)}s: ${r.items.new} articles, ${r.items.extracted} relevant, ` +
    `${r.items.irrelevant} set aside as off-topic, ${r.items.merged} duplicates folded, ${r.items.failed} failed; ` +
    `${r.summarize?.summarized ?? 0} summaries drafted offline.\n`);
  for (const s of r.sources) if (!s.ok) io.stderr.write(`  source ${s.id} failed (as the demo expects for a broken feed): ${s.error}\n`);
  io.stderr.write(`draft issue "${demo.issue.title}" with ${demo.issue.items} stories, exported to:\n${demo.files.map((f) => `  ${f}`).join('\n')}\n`);
  await demo.closeSamples();
  demo.store.close();
  if (values['no-serve']) return EXIT.OK;
  io.stderr.write('(the review app is not wired into the demo yet)\n');
  return EXIT.OK;
}
