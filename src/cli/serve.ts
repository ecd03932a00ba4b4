import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig } from './common.js';
import { createIngestRunner, startSchedule } from '../jobs/schedule.js';
import { createApp } from '../web/app.js';
import { BindRefused, checkBind, listen } from '../web/server.js';
import { compose, type Composition } from '../app/compose.js';

const USAGE = 'usage: newsdesk serve [--config F] [--db F] [--host 127.0.0.1] [--port 8080] [--no-schedule] [--summarizer offline|llm] [--allowed-host NAME]...';

/** `newsdesk serve`: the editor's desk on http://HOST:PORT, and the ingest schedule from sources.yaml. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' }, 'no-schedule': { type: 'boolean', default: false }, summarizer: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true, default: [] } }, USAGE);
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
  const app = compose({ config, env: io.env, db: { file: p.db, mode: 'default', given: p.dbGiven },
    log: { stream: io.stderr, defaultLevel: 'info' }, summarizer: values.summarizer as 'offline' | 'llm' | undefined });
  if (app.created) io.stderr.write(`newsdesk: no database yet, created ${p.db} ("Ingest now" on the Sources page fills it)\n`);
  let desk: Desk;
  try {
    desk = await startDesk({ app, host: values.host, port, password, schedule: !values['no-schedule'], allowedHosts: values['allowed-host'] });
  } catch (err) {
    app.close();
    throw err;
  }
  io.stderr.write(`newsdesk desk listening on ${desk.url}/` +
    (desk.nextRun ? ` — ingest scheduled "${config.schedule.cron}" (${config.schedule.timezone}), next ${desk.nextRun()?.toISOString() ?? '?'}` : ' — no schedule') +
    `${password ? ' — login required' : ''}\n`);
  await untilSignal();
  io.stderr.write('stopping: finishing the run in flight (if any), then closing (press Ctrl-C again to quit at once)\n');
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await desk.stop();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  io.stderr.write('stopped\n');
  return EXIT.OK;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A running desk: the web app, its in-process ingest runner and (optionally) the schedule. */
export interface Desk { url: string; nextRun: (() => Date | null) | null; stop(): Promise<void> }

/**
 * Starts the review app and the schedule over what the composition root built (`now` overrides its clock for the
 * desk); stop() finishes a run in flight, then closes everything, the store included.
 */
export async function startDesk(o: { app: Composition; now?: () => Date;
  host: string; port: number; password?: string; schedule: boolean; allowedHosts?: string[] }): Promise<Desk> {
  const { config, store, log } = o.app;
  const now = o.now ?? o.app.now;
  const runner = createIngestRunner({ config, store, log, now, edges: o.app });
  const schedule = o.schedule ? startSchedule(runner, config, log) : null;
  const app = createApp({ store, config, now, runner, log, password: o.password,
    nextRun: () => schedule?.nextRun() ?? null, summarizer: () => o.app.summarizer(() => null), allowedHosts: o.allowedHosts });
  let server;
  try {
    server = await listen(app, o.host, o.port);
  } catch (err) {
    // The caller owns the store (it may try another port); only what was started here stops.
    schedule?.stop();
    await runner.stop();
    throw new UsageError(`cannot listen on ${o.host}:${o.port}: ${(err as Error).message}`);
  }
  return {
    url: server.url,
    nextRun: schedule ? () => schedule.nextRun() : null,
    async stop() {
      schedule?.stop();
      // The run sees the abort, finishes the items in flight and releases the lock in its finally.
      await runner.stop();
      await server.close();
      o.app.close();
    },
  };
}
