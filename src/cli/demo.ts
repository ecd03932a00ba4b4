import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { EXIT, type CliIO } from './io.js';
import { parse } from './common.js';
import { compose, logger } from '../app/compose.js';
import { progressReporter } from './progress.js';
import { DemoDbInUseError, runDemo } from '../demo/run.js';
import { startDesk, untilSignal } from './serve.js';

const USAGE = 'usage: newsdesk demo [--no-serve] [--port N] [--dir FOLDER]   (what `npm run demo` runs; FOLDER defaults to data/)';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `newsdesk demo`: the whole job, offline, on the bundled sample corpus; then the review app. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { 'no-serve': { type: 'boolean', default: false }, port: { type: 'string' }, dir: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const log = logger(io.env, io.stderr, 'error');
  const outDir = values.dir ? resolve(values.dir) : join(ROOT, 'data');
  const shown = relative(process.cwd(), outDir) || '.';
  const db = join(outDir, 'demo.db');
  io.stderr.write('newsdesk demo: serving the sample corpus (data/samples) on loopback and ingesting it offline…\n');
  const progress = progressReporter(io, 4);
  const t0 = performance.now();
  let demo;
  try {
    const clock = () => new Date();
    // Offline, whatever the environment says: the demo needs no network and no API key.
    demo = await runDemo({ root: ROOT, configFile: join(ROOT, 'sources.yaml'), db, outDir, log, progress: progress.hooks, now: clock,
      compose: (config) => compose({ config, env: {}, db: { file: db, mode: 'write' }, log, now: clock, summarizer: 'offline' }) });
  } catch (err) {
    if (!(err instanceof DemoDbInUseError)) throw err;
    io.stderr.write(`\nnewsdesk demo: ${err.message}\n`);
    return EXIT.LOCKED;
  }
  progress.done();
  const r = demo.report;
  io.stderr.write(`\ningested in ${((performance.now() - t0) / 1000).toFixed(1)}s: ${r.items.new} articles, ${r.items.extracted} relevant, ` +
    `${r.items.irrelevant} set aside as off-topic, ${r.items.merged} duplicates folded, ${r.items.failed} failed; ` +
    `${r.summarize?.summarized ?? 0} summaries drafted offline.\n`);
  for (const s of r.sources) if (!s.ok) io.stderr.write(`  source ${s.id} failed (as the demo expects for a broken feed): ${s.error}\n`);
  io.stderr.write(`draft issue "${demo.issue.title}" with ${demo.issue.items} stories, exported to:\n${demo.files.map((f) => `  ${f}`).join('\n')}\n`);
  if (values['no-serve']) {
    await demo.closeSamples();
    demo.store.close();
    return EXIT.OK;
  }
  // The desk's default view is "since the last issue, else the last 14 days": seen from the day after the
  // newest sample, so the bundled corpus never looks stale however long after it was written the demo runs.
  const newest = demo.store.listCards({ review: 'all', limit: 1 }).cards[0]?.sort_at;
  const day = newest ? new Date(Date.parse(newest.slice(0, 10)) + 86_400_000) : new Date();
  const now = () => day;
  const want = values.port ? Number(values.port) : 8080;
  let desk;
  try {
    desk = await startDesk({ app: demo.app, now, host: '127.0.0.1', port: want, schedule: false });
  } catch {
    desk = await startDesk({ app: demo.app, now, host: '127.0.0.1', port: 0, schedule: false });
  }
  io.stderr.write(`
The review app is running: ${desk.url}/

Try:
  • j / k to move between story cards, s to shortlist, x to reject (u undoes), e to edit, / to search, ? for help
  • "n sources" on a card lists every outlet that covered the story (official sources first)
  • the Draft issue tab: reorder with the arrows, preview the digest, download Markdown / HTML / Word
  • the Sources tab: each outlet's health, and "Ingest now" (re-reads the sample outlets: nothing new, feeds answer 304)
Ctrl-C stops it. The exports are in ${shown}/; the database is ${join(shown, 'demo.db')} (stop this desk, then run \`npm run demo\` again to rebuild it).
`);
  await untilSignal();
  await desk.stop();
  await demo.closeSamples();
  return EXIT.OK;
}
