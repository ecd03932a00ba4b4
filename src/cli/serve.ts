import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig } from './common.js';
import { openStore } from '../store/index.js';
import { createLogger } from '../jobs/log.js';
import { createIngestRunner, startSchedule } from '../jobs/schedule.js';
import { createApp } from '../web/app.js';
import { BindRefused, checkBind, listen } from '../web/server.js';

const USAGE = 'usage: newsdesk serve [--config F] [--db F] [--host 127.0.0.1] [--port 8080] [--no-schedule] [--summarizer offline|llm]';

/** `newsdesk serve`: the editor's desk on http://HOST:PORT, and the ingest schedule from sources.yaml. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' }, 'no-schedule': { type: 'boolean', default: false }, summarizer: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${values.port}")`);
  if (values.summarizer && !['offline', 'llm'].includes(values.summarizer)) {
    throw new UsageError(`--summarizer must be offline or llm (got "${values.summarizer}")`);
  }
  let password: string | undefined;
  try {
    password = checkBind(values.host, io.env.NEWSDESK_PASSWORD);
  } catch (err) {
    if (err instanceof BindRefused) throw new UsageError(err.message);
    throw err;
  }
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const log = createLogger(io.stderr, io.env.NEWSDESK_LOG_LEVEL ?? 'info');
  const store = openStore(p.db);
  const now = () => new Date();
  const runner = createIngestRunner({ config, store, log, now, env: io.env, summarizer: values.summarizer as 'offline' | 'llm' | undefined });
  const schedule = values['no-schedule'] ? null : startSchedule(runner, config, log);
  const app = createApp({ store, config, now, runner, log, password, nextRun: () => schedule?.nextRun() ?? null });
  let server;
  try {
    server = await listen(app, values.host, port);
  } catch (err) {
    schedule?.stop();
    store.close();
    throw new UsageError(`cannot listen on ${values.host}:${port}: ${(err as Error).message}`);
  }
  io.stderr.write(`newsdesk desk listening on ${server.url}/` +
    (schedule ? ` — ingest scheduled "${config.schedule.cron}" (${config.schedule.timezone}), next ${schedule.nextRun()?.toISOString() ?? '?'}` : ' — no schedule') +
    `${password ? ' — login required' : ''}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stderr.write('stopping: finishing the run in flight (if any), then closing (press Ctrl-C again to quit at once)\n');
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  schedule?.stop();
  // The run sees the abort, finishes the items in flight and releases the lock in its finally.
  await runner.stop();
  await server.close();
  store.close();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  io.stderr.write('stopped\n');
  return EXIT.OK;
}
