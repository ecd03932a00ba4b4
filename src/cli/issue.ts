import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, printJson, table, openDatabase } from './common.js';
import type { IssueRow } from '../store/index.js';
import { createIssue, addToIssue, removeFromIssue, moveInIssue, publishIssue, resolveIssue, issueDocument } from '../jobs/issues.js';

const USAGE = `usage:
  newsdesk issue create --title T [--volume V] [--number N] [--from DATE] [--to DATE] [--json]
  newsdesk issue list [--json]
  newsdesk issue show ISSUE [--json]
  newsdesk issue add ISSUE ITEM...
  newsdesk issue remove ISSUE ITEM
  newsdesk issue move ISSUE ITEM POSITION
  newsdesk issue publish ISSUE
ISSUE is the issue id or VOLUME.NUMBER (e.g. 1.4); ITEM is an item id from \`newsdesk items\`.`;

const whole = (label: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${label} needs a whole number from 1 up (got "${v}")`);
  return n;
};

function line(i: IssueRow): string {
  const range = i.date_from || i.date_to ? ` ${i.date_from ?? '…'} to ${i.date_to ?? '…'}` : '';
  return `issue ${i.volume}.${i.number} (id ${i.id}, ${i.status}, ${i.item_count} items)${range}: ${i.title}`;
}

/** `newsdesk issue …`: create, list, show, add, remove, move, publish — the same functions the web app uses. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS, title: { type: 'string' }, volume: { type: 'string' }, number: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' },
  }, USAGE);
  const [verb, ...rest] = positionals;
  if (values.help || !verb) { io.stderr.write(`${USAGE}\n`); return values.help ? EXIT.OK : EXIT.USAGE; }
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const store = openDatabase(p.db, 'read');
  const now = new Date();
  const need = (n: number, what: string) => { if (rest.length < n) throw new UsageError(`issue ${verb} needs ${what}\n${USAGE}`); };
  const report = (i: IssueRow) => (values.json ? printJson(io, i) : io.stderr.write(`${line(i)}\n`));
  try {
    switch (verb) {
      case 'create':
        report(createIssue(store, config, { title: values.title, volume: whole('--volume', values.volume), number: whole('--number', values.number),
          from: values.from, to: values.to }, now));
        break;
      case 'list': {
        const issues = store.listIssues();
        if (values.json) printJson(io, issues);
        else io.stdout.write(table(['id', 'issue', 'status', 'items', 'from', 'to', 'title'],
          issues.map((i) => [i.id, `${i.volume}.${i.number}`, i.status, i.item_count, i.date_from, i.date_to, i.title])));
        break;
      }
      case 'show':
        need(1, 'ISSUE');
        show(io, resolveIssue(store, rest[0]), values.json, issueDocument(store, config, rest[0]));
        break;
      case 'add':
        need(2, 'ISSUE and at least one ITEM');
        report(addToIssue(store, rest[0], rest.slice(1).map((x) => whole('ITEM', x)!), now));
        break;
      case 'remove':
        need(2, 'ISSUE and ITEM');
        report(removeFromIssue(store, rest[0], whole('ITEM', rest[1])!, now));
        break;
      case 'move':
        need(3, 'ISSUE, ITEM and POSITION');
        report(moveInIssue(store, rest[0], whole('ITEM', rest[1])!, whole('POSITION', rest[2])!, now));
        break;
      case 'publish':
        need(1, 'ISSUE');
        report(publishIssue(store, rest[0], now));
        break;
      default:
        throw new UsageError(`unknown issue command "${verb}"\n${USAGE}`);
    }
    return EXIT.OK;
  } finally {
    store.close();
  }
}

function show(io: CliIO, issue: IssueRow, json: boolean, doc: ReturnType<typeof issueDocument>): void {
  if (json) { printJson(io, { ...issue, items: doc.items }); return; }
  io.stdout.write(`${doc.title}${issue.status === 'draft' ? ' (draft)' : ''}\n`);
  doc.items.forEach((item, i) => io.stdout.write(`${String(i + 1).padStart(3)}. [${item.item_id}] ${item.headline}\n`));
  if (!doc.items.length) io.stdout.write('   (no items yet: newsdesk issue add ISSUE ITEM...)\n');
}
