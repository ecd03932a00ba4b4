// Runs newsdesk's own per-class feed suite (test/discover/fixtures/feed-suite/<class>/): each feed
// file has a sidecar `<name>.expect.json` whose every field is one checkable assertion. Prints the
// pass rate per class and overall, and requires 95 % overall.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { decodeFeedBytes, parseFeed } from '../../src/discover/index.js';
import type { Discovered, ParsedFeed } from '../../src/domain/types.js';

const SUITE = fileURLToPath(new URL('./fixtures/feed-suite/', import.meta.url));
const DEFAULT_BASE = 'https://suite.example/feed.xml';
const REQUIRED_RATE = 0.95;

interface Expectation {
  /** The URL the feed was fetched from; null for "unknown". Defaults to DEFAULT_BASE. */
  base?: string | null;
  count?: number;
  feed?: Partial<Record<'title' | 'link', string | null>>;
  /** Per item, in feed order; `note` is a comment, not an assertion. */
  items?: (Partial<Record<keyof Discovered, string | null>> & { note?: string })[];
}

interface Check {
  what: string;
  expected: unknown;
  actual: unknown;
}

function checksFor(expect: Expectation, feed: ParsedFeed | null, error: unknown): Check[] {
  const checks: Check[] = [];
  const fail = error ? `threw: ${error instanceof Error ? error.message : String(error)}` : undefined;
  for (const [key, value] of Object.entries(expect.feed ?? {})) {
    checks.push({ what: `feed.${key}`, expected: value, actual: fail ?? feed?.[key as 'title' | 'link'] });
  }
  if (expect.count !== undefined) checks.push({ what: 'item count', expected: expect.count, actual: fail ?? feed?.items.length });
  (expect.items ?? []).forEach((item, i) => {
    for (const [key, value] of Object.entries(item)) {
      if (key === 'note') continue;
      const what = `items[${i}].${key}${item.note ? ` (${item.note})` : ''}`;
      checks.push({ what, expected: value, actual: fail ?? feed?.items[i]?.[key as keyof Discovered] });
    }
  });
  return checks;
}

async function runCase(dir: string, file: string): Promise<Check[]> {
  const stem = file.replace(/\.[^.]+$/, '');
  const expect = JSON.parse(readFileSync(join(dir, `${stem}.expect.json`), 'utf8')) as Expectation;
  const text = decodeFeedBytes(readFileSync(join(dir, file)));
  try {
    return checksFor(expect, await parseFeed(text, expect.base === undefined ? DEFAULT_BASE : expect.base), null);
  } catch (error) {
    return checksFor(expect, null, error);
  }
}

it(`passes at least ${REQUIRED_RATE * 100} % of the feed suite's assertions`, async () => {
  const rows: { cls: string; pass: number; total: number }[] = [];
  const failures: string[] = [];
  for (const cls of readdirSync(SUITE).sort()) {
    const dir = join(SUITE, cls);
    const files = readdirSync(dir).filter((f) => !f.endsWith('.expect.json')).sort();
    let pass = 0;
    let total = 0;
    for (const file of files) {
      for (const check of await runCase(dir, file)) {
        total += 1;
        if (JSON.stringify(check.actual) === JSON.stringify(check.expected)) pass += 1;
        else failures.push(`${cls}/${file} ${check.what}: expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`);
      }
    }
    rows.push({ cls, pass, total });
  }
  const pass = rows.reduce((n, r) => n + r.pass, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const pct = (p: number, t: number) => `${((100 * p) / t).toFixed(1)} %`;
  const table = [...rows.map((r) => `${r.cls.padEnd(16)} ${String(r.pass).padStart(3)}/${String(r.total).padEnd(3)} ${pct(r.pass, r.total)}`), `${'overall'.padEnd(16)} ${String(pass).padStart(3)}/${String(total).padEnd(3)} ${pct(pass, total)}`];
  console.log(`feed suite pass rate\n${table.join('\n')}${failures.length ? `\nfailed:\n  ${failures.join('\n  ')}` : ''}`);
  assert.ok(total >= 80, `the suite should hold at least 80 assertions, found ${total}`);
  assert.ok(pass / total >= REQUIRED_RATE, `feed suite pass rate ${pct(pass, total)} is below ${REQUIRED_RATE * 100} %; failures are listed above`);
});
