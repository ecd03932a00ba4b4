import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, openDatabase } from './common.js';
import { issueDocument } from '../jobs/issues.js';
import { renderIssue, renderHtml, EXPORT_FORMATS, type ExportFormat } from '../export/index.js';
import { printPdf } from '../export-pdf/print.js';
import { writeOutFile } from './write-out.js';

const FORMATS = [...EXPORT_FORMATS, 'pdf'];
const USAGE = `usage: newsdesk export --issue ISSUE --format ${FORMATS.join('|')} [--out FILE [--force]] [--group-by topic]
ISSUE is the issue id or VOLUME.NUMBER; without --out, text formats go to stdout (docx and pdf need --out).
An existing --out file is replaced only with --force.`;

/** `newsdesk export`: one issue as Markdown, HTML, Word, PDF, plain text or JSON. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, issue: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
    force: { type: 'boolean' }, 'group-by': { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  if (!values.issue) throw new UsageError(`--issue is required\n${USAGE}`);
  const format = values.format ?? 'md';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  if (values['group-by'] !== undefined && values['group-by'] !== 'topic') throw new UsageError(`--group-by can only be "topic" (got "${values['group-by']}")`);
  if ((format === 'docx' || format === 'pdf') && !values.out) throw new UsageError(`--format ${format} is binary: name a file with --out`);
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const store = openDatabase(p.db, 'read');
  try {
    const doc = issueDocument(store, config, values.issue);
    if (doc.items.length === 0) {
      io.stderr.write(`warning: issue ${doc.volume}.${doc.number} has no items; the export has only its heading. ` +
        'Add stories with `newsdesk issue add` or on the desk.\n');
    }
    const opts = { groupByTopic: values['group-by'] === 'topic' };
    const body = format === 'pdf' ? await printPdf(renderHtml(doc, opts), { executablePath: io.env.NEWSDESK_CHROMIUM })
      : await renderIssue(doc, format as ExportFormat, opts);
    if (values.out) {
      writeOutFile(values.out, body, values.force === true);
      io.stderr.write(`wrote ${doc.title} (${doc.items.length} items, ${format}) to ${values.out}\n`);
    } else io.stdout.write(body);
    return EXIT.OK;
  } finally {
    store.close();
  }
}
