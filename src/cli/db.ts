import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, printJson, openDatabase } from './common.js';
import { sqliteSchemaVersion } from '../store/index.js';
import { isPostgresUrl, migratePostgres, safeUrl } from '../store/postgres/index.js';

const USAGE = 'usage: newsdesk db migrate [--db FILE | --database-url postgres://…] [--json]\n' +
  'Brings the database schema up to date (every other command does this on start too).\n' +
  'The PostgreSQL URL may also come from NEWSDESK_DATABASE_URL, its password from PGPASSWORD; --db FILE means SQLite.';

/** `newsdesk db migrate`: applies pending migrations to the SQLite file or the PostgreSQL database. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, 'database-url': { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  if (positionals[0] !== 'migrate' || positionals.length > 1) throw new UsageError(`say what to do: "newsdesk db migrate".\n${USAGE}`);
  const url = values['database-url'] ?? (values.db === undefined ? io.env.NEWSDESK_DATABASE_URL : undefined);
  if (url !== undefined) {
    if (!isPostgresUrl(url)) throw new UsageError(`"${url}" is not a PostgreSQL URL; write postgres://USER@HOST:5432/DATABASE (or use --db FILE for SQLite)`);
    const { applied } = await migratePostgres(url);
    const r = { backend: 'postgres', database: safeUrl(url), applied };
    if (values.json) printJson(io, r);
    else io.stdout.write(`${r.database}: ${applied ? `${applied} migration(s) applied` : 'schema already up to date'}\n`);
    return EXIT.OK;
  }
  const file = paths(values, io).db;
  const before = sqliteSchemaVersion(file);
  openDatabase(file, 'write').close();
  const after = sqliteSchemaVersion(file) ?? 0;
  const r = { backend: 'sqlite', database: file, applied: after - (before ?? 0), version: after, created: before === null };
  if (values.json) printJson(io, r);
  else io.stdout.write(`${file}: ${r.created ? 'created, ' : ''}${r.applied ? `${r.applied} migration(s) applied` : 'schema already up to date'} (version ${after})\n`);
  return EXIT.OK;
}
