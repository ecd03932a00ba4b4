import { readBatch } from './batch.js';
import { readFile } from 'node:fs/promises';
import { decodeFeedBytes, parseFeed } from '../discover/index.js';
import { EXIT, type CliIO } from './io.js';

/** One file to parse, as given on stdin. */
interface BatchEntry {
  id: string;
  path: string;
  url: string | null;
}

type BatchResult =
  | {
      title: string | null;
      link: string | null;
      items: { title: string | null; link: string; guid: string | null; published_at: string | null; summary: string | null }[];
    }
  | { error: string };

const HELP = `usage: newsdesk feed-batch < files.json

Reads [{"id": "...", "path": "feed.xml", "url": "https://… or null"}] from stdin, parses each
file as a feed (relative links resolve against "url"; null leaves them as they are) and writes one
JSON object to stdout: {"<id>": {"title", "link", "items": [{"title", "link", "guid",
"published_at", "summary"}]}} or {"<id>": {"error": "…"}} for a file that is not a feed.
`;

function parseEntries(text: string): BatchEntry[] | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `stdin is not valid JSON (${(error as Error).message}); expected [{"id", "path", "url"}].`;
  }
  if (!Array.isArray(data)) return 'stdin must be a JSON array of {"id", "path", "url"} objects.';
  const entries: BatchEntry[] = [];
  for (const [i, raw] of data.entries()) {
    const e = raw as Partial<Record<keyof BatchEntry, unknown>> | null;
    if (!e || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.path !== 'string') {
      return `entry ${i} needs a string "id" and a string "path" (got ${JSON.stringify(raw)}).`;
    }
    if (e.url !== undefined && e.url !== null && typeof e.url !== 'string') {
      return `entry ${i} ("${e.id}"): "url" must be a string or null.`;
    }
    entries.push({ id: e.id, path: e.path, url: (e.url as string | null | undefined) ?? null });
  }
  return entries;
}

async function parseOne(entry: BatchEntry): Promise<BatchResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(entry.path);
  } catch (error) {
    return { error: `cannot read ${entry.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    const feed = await parseFeed(decodeFeedBytes(bytes), entry.url);
    return {
      title: feed.title,
      link: feed.link,
      items: feed.items.map((d) => ({ title: d.title, link: d.url, guid: d.guid, published_at: d.published_at, summary: d.summary })),
    };
  } catch (error) {
    return { error: `${entry.path}: ${(error as Error).message}` };
  }
}

/** `newsdesk feed-batch`: parses the feed files named on stdin and prints their items as one JSON object. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const entries = await readBatch('feed-batch', args, io, HELP, parseEntries);
  if (typeof entries === 'number') return entries;
  // No prototype: an id such as "__proto__" must become a plain key.
  const out: Record<string, BatchResult> = Object.create(null);
  for (const entry of entries) out[entry.id] = await parseOne(entry);
  io.stdout.write(`${JSON.stringify(out)}\n`);
  return EXIT.OK;
}
