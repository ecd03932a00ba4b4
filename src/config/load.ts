import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node, type Document } from 'yaml';
import { configSchema, type Config } from './schema.js';

/** A configuration problem a person must fix; `message` names the file, line and key. */
export class ConfigError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a sources.yaml file. Throws ConfigError with file:line and key on any problem. */
export function loadConfig(file: string): Config {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT'
      ? `${file}: file not found. Pass --config PATH or set NEWSDESK_CONFIG, or copy the example sources.yaml from the README.`
      : `${file}: cannot read the file (${(err as Error).message}).`, file);
  }
  return parseConfig(raw, file);
}

/** Validates sources.yaml text; `file` is only used in messages. */
export function parseConfig(raw: string, file = 'sources.yaml'): Config {
  const lines = new LineCounter();
  const doc = parseDocument(raw, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${e.message.split('\n')[0]}. ` +
      'Check the indentation and quoting around that line (strings with ":" or "#" need quotes).', file);
  }
  const data = doc.toJS();
  if (data == null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}: expected a mapping with keys publication, fetch, relevance, topics, sources.`, file);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 8).map((issue) => {
    const keys = issue.path.map(String);
    let path = [...issue.path] as (string | number)[];
    let extra = '';
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      path = [...path, key];
      extra = ` unknown key "${issue.keys.join('", "')}"; check the spelling against the sources.yaml reference in the README`;
    }
    const line = lineOf(doc, lines, path);
    const where = `${file}${line ? `:${line}` : ''}`;
    const keyName = keys.length ? keys.join('.') : '(top level)';
    if (extra) return `${where}: ${keyName === '(top level)' ? '' : `${keyName}: `}${extra.trim()}`;
    return `${where}: ${keyName}: ${describe(issue)}`;
  });
  throw new ConfigError(messages.join('\n'), file);
}

function describe(issue: { code: string; message: string; expected?: unknown; input?: unknown }): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `is required (${issue.expected} expected)`;
    return `expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${issue.message}`;
  }
  const msg = issue.message;
  const value = issue.input !== undefined && typeof issue.input !== 'object' ? ` (got ${JSON.stringify(issue.input)})` : '';
  return `${msg}${value}`;
}

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | null {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node) ?? null;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      best = (pair.key as Node) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node) best = node as Node;
    } else break;
  }
  const range = best?.range;
  return range ? lines.linePos(range[0]).line : null;
}
