/** `extract-batch`: [{id, html_path, url}] on stdin → {id: {text, title, byline, published_at, ms}} on stdout. */
import { readBatch } from './batch.js';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../extract/article.js';
import { EXIT, type CliIO } from './io.js';

interface BatchItem {
  id: string;
  html_path: string;
  url: string;
}

type BatchResult =
  | { text: string; title: string | null; byline: string | null; published_at: string | null; ms: number }
  | { error: string };

const HELP = `usage: newsdesk extract-batch < pages.json

Reads [{"id": "...", "html_path": "page.html", "url": "https://…"}] from stdin, extracts the article
of each page (UTF-8; "url" resolves relative links) and writes one JSON object to stdout:
{"<id>": {"text", "title", "byline", "published_at", "ms"}}, where ms is the extraction time alone,
or {"<id>": {"error": "…"}} for a file that cannot be read.
`;

function parseItems(raw: string): BatchItem[] | string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return `stdin is not valid JSON (${(err as Error).message}); expected [{"id","html_path","url"}]`;
  }
  if (!Array.isArray(data)) return 'stdin JSON must be an array of {"id","html_path","url"}';
  const items: BatchItem[] = [];
  for (const [i, entry] of data.entries()) {
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || e.id == null || typeof e.html_path !== 'string') {
      return `item ${i} of stdin needs "id" and "html_path" (string); got ${JSON.stringify(entry)?.slice(0, 120)}`;
    }
    items.push({ id: String(e.id), html_path: e.html_path, url: typeof e.url === 'string' ? e.url : '' });
  }
  return items;
}

/** Runs the extract-batch command: extracts each listed page and prints one JSON object keyed by id. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const items = await readBatch('extract-batch', args, io, HELP, parseItems);
  if (typeof items === 'number') return items;
  const out: Record<string, BatchResult> = {};
  for (const item of items) {
    let html: string;
    try {
      html = await readFile(item.html_path, 'utf8');
    } catch (err) {
      out[item.id] = { error: `cannot read ${item.html_path}: ${(err as Error).message}` };
      continue;
    }
    const t0 = performance.now();
    const article = extractArticle(html, item.url);
    const ms = performance.now() - t0;
    out[item.id] = { text: article.text, title: article.title, byline: article.byline, published_at: article.published_at, ms };
  }
  io.stdout.write(`${JSON.stringify(out)}\n`);
  return EXIT.OK;
}
