import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LineCounter, Parser, parseDocument, isAlias, isMap, isSeq, visit, type Node, type Document, type YAMLError } from 'yaml';
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
  if (doc.errors.length) throw new ConfigError(yamlMessage(raw, doc.errors[0], lines, file), file);
  const data = toData(doc, lines, file);
  if (data == null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}: expected a mapping with keys publication, fetch, relevance, topics, sources.`, file);
  }
  // reportInput: without it zod omits the offending value and a wrong type reads like a missing key.
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    let path = [...issue.path] as (string | number)[];
    let text: string;
    if (issue.code === 'unrecognized_keys') {
      path = [...path, issue.keys[0]];
      text = `unknown key "${issue.keys.join('", "')}". ${keyHint(issue.path as (string | number)[], issue.keys[0])}`;
    } else {
      text = describe(issue);
    }
    const line = lineOf(doc, lines, path);
    const where = `${file}${line ? `:${line}` : ''}`;
    const keyName = issue.path.length ? `${issue.path.map(String).join('.')}${sourceLabel(data, issue.path)}: ` : '';
    return { line: line ?? Infinity, text: `${where}: ${keyName}${text}` };
  });
  // zod reports in schema order; a person fixes the file top to bottom.
  messages.sort((a, b) => a.line - b.line);
  const shown = messages.slice(0, 8).map((m) => m.text);
  if (messages.length > 8) shown.push(`${file}: … and ${messages.length - 8} more problems not shown; fix these and run again.`);
  throw new ConfigError(shown.join('\n'), file);
}

/** doc.toJS(), with yaml's alias-expansion guard (a "billion laughs" file) turned into a ConfigError at the first alias. */
function toData(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    if (!/alias/i.test((err as Error).message)) throw err;
    let at: number | undefined;
    visit(doc, { Alias(_key, node) { if (isAlias(node)) { at = node.range?.[0]; return visit.BREAK; } } });
    const pos = at === undefined ? null : lines.linePos(at);
    throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: the aliases (*name) expand to too much ` +
      'data. YAML anchors (&name) and aliases may be reused only a few times in sources.yaml; write the values out instead.', file);
  }
}

const YAML_HINTS: Record<string, string> = {
  BAD_DQ_ESCAPE: 'Inside "double quotes" a backslash starts an escape; write regexes in single quotes instead, e.g. \'/Article/\\d+\'.',
  TAB_AS_INDENT: 'Indent with spaces, not tabs.',
  DUPLICATE_KEY: 'The same key appears twice in one mapping; keep one of them.',
};

function yamlMessage(raw: string, e: YAMLError, lines: LineCounter, file: string): string {
  // An unclosed quote is reported at the end of the file; point at where the string opens instead.
  const offset = e.code === 'MISSING_CHAR' && /quote/.test(e.message) ? unclosedQuoteStart(raw, e.pos[0]) ?? e.pos[0] : e.pos[0];
  const pos = lines.linePos(offset);
  let what = e.message.split('\n')[0].replace(/\.$/, '');
  if (e.code === 'DUPLICATE_KEY') what += ` ("${raw.slice(e.pos[0]).split(/[:\n]/)[0].trim()}")`;
  if (offset !== e.pos[0]) what += ' (the quoted string that starts here is never closed)';
  const hint = YAML_HINTS[e.code] ??
    'Check the indentation and quoting on that line and the one after it (values containing ": " or " #" need quotes).';
  return `${file}:${pos.line}:${pos.col}: invalid YAML: ${what}. ${hint}`;
}

/** Offset of the quoted scalar token that runs to `end` without its closing quote. */
function unclosedQuoteStart(raw: string, end: number): number | null {
  let found: number | null = null;
  const walk = (t: unknown): void => {
    if (found !== null || t === null || typeof t !== 'object') return;
    const tok = t as { type?: string; offset?: number; source?: string };
    if ((tok.type === 'double-quoted-scalar' || tok.type === 'single-quoted-scalar') &&
        typeof tok.offset === 'number' && tok.offset + (tok.source?.length ?? 0) === end) {
      found = tok.offset;
      return;
    }
    for (const v of Object.values(t)) walk(v);
  };
  for (const token of new Parser().parse(raw)) walk(token);
  return found;
}

const TYPE_HINTS: Record<string, string> = {
  number: 'write a plain number without quotes, e.g. 4',
  boolean: 'write true or false without quotes',
  string: 'write text; quote it if it contains ": " or " #"',
  array: 'write a list, e.g. [a, b], or one "- item" per line',
  object: 'write indented "key: value" lines under it',
};

function describe(issue: { code: string; message: string; expected?: unknown; input?: unknown }): string {
  if (issue.code === 'invalid_type') {
    const hint = TYPE_HINTS[String(issue.expected)] ?? `a ${issue.expected} is expected`;
    if (issue.input === undefined) return `is required; ${hint}`;
    const got = issue.input === null ? 'an empty value' : JSON.stringify(issue.input);
    const text = typeof issue.input === 'string' ? issue.input.trim() : null;
    const quoted = text !== null &&
      ((issue.expected === 'number' && text !== '' && Number.isFinite(Number(text))) ||
       (issue.expected === 'boolean' && /^(true|false)$/.test(text)));
    return `expected ${issue.expected}, got ${got}; ${quoted ? `remove the quotes: ${text}` : hint}`;
  }
  const value = issue.input !== undefined && typeof issue.input !== 'object' ? ` (got ${JSON.stringify(issue.input)})` : '';
  return `${issue.message}${value}`;
}

/** ` (source "kantei-en")` when the path is inside a source that has an id, so the reader finds it by name. */
function sourceLabel(data: { sources?: unknown }, path: PropertyKey[]): string {
  if (path[0] !== 'sources' || typeof path[1] !== 'number' || !Array.isArray(data.sources)) return '';
  const id = (data.sources[path[1]] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && path[2] !== 'id' ? ` (source "${id}")` : '';
}

/** "Did you mean …? Known keys here: …" from the schema at `path`. */
function keyHint(path: (string | number)[], key: string): string {
  let schema: unknown = configSchema;
  const unwrap = () => {
    while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap();
  };
  for (const step of path) {
    unwrap();
    if (schema instanceof z.ZodObject && typeof step === 'string') schema = schema.shape[step];
    else if (schema instanceof z.ZodArray && typeof step === 'number') schema = schema.element;
    else return 'Check the spelling against the sources.yaml reference in the README.';
  }
  unwrap();
  if (!(schema instanceof z.ZodObject)) return 'Check the spelling against the sources.yaml reference in the README.';
  const known = Object.keys(schema.shape);
  const close = known.map((k) => [k, distance(k, key.toLowerCase())] as const)
    .filter(([k, d]) => d <= Math.max(2, Math.floor(k.length / 3))).sort((a, b) => a[1] - b[1])[0];
  return `${close ? `Did you mean "${close[0]}"? ` : ''}Known keys here: ${known.join(', ')} ` +
    '(see the sources.yaml reference in the README).';
}

/** Levenshtein distance, for spelling suggestions. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
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
