import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js';

/** YAML text from lines, so line numbers in the test read straight off the array (first line = 1). */
const yaml = (...lines: string[]) => lines.join('\n') + '\n';

/** 1-based line of the nth line containing `needle`. */
function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const i = text.split('\n').findIndex((l) => l.includes(needle) && ++seen === nth);
  assert.ok(i >= 0, `test bug: "${needle}" not in the YAML`);
  return i + 1;
}

/** Parses `text` expecting a ConfigError, and checks it names the file, the line, and carries each fragment. */
function expectError(text: string, line: number, ...fragments: (string | RegExp)[]): string {
  let err: unknown;
  try { parseConfig(text, 'x.yaml'); } catch (e) { err = e; }
  assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
  assert.equal(err.file, 'x.yaml');
  assert.match(err.message, new RegExp(`^x\\.yaml:${line}(:\\d+)?: `), err.message);
  for (const f of fragments) {
    if (typeof f === 'string') assert.ok(err.message.includes(f), `message lacks ${JSON.stringify(f)}:\n${err.message}`);
    else assert.match(err.message, f);
  }
  return err.message;
}

const head = ['publication:', '  name: X'];
const rss = (id: string, host = 'a') => [`  - id: ${id}`, '    type: rss', `    url: https://${host}.example/feed`];

test('a minimal valid config parses and gets defaults', () => {
  const cfg = parseConfig(yaml(...head, 'sources:', ...rss('a')), 'x.yaml');
  assert.equal(cfg.sources[0].id, 'a');
  assert.equal(cfg.fetch.concurrency, 8);
  assert.equal(cfg.schedule.timezone, 'UTC');
});

test('bad YAML: an unclosed quote is reported where the string opens, not at the end of the file', () => {
  const text = yaml(...head, 'sources:', '  - id: a', '    type: rss', '    url: "https://a.example/feed', ...rss('b', 'b'));
  expectError(text, lineOf(text, '"https://a'), 'invalid YAML', 'never closed', 'quot');
});

test('bad YAML: wrong indentation names the line and suggests checking indentation', () => {
  const text = yaml('publication:', '  name: X', '   footer: y', 'sources: []');
  expectError(text, 2, 'invalid YAML', 'Check the indentation');
});

test('bad YAML: a backslash in double quotes points to single quotes', () => {
  const text = yaml(...head, 'sources:', ...rss('a'), '    include: "/Article/\\d+"');
  expectError(text, lineOf(text, 'include'), 'invalid YAML', 'single quotes');
});

test('bad YAML: a repeated key is named', () => {
  const text = yaml(...head, '  name: Y', 'sources:', ...rss('a'));
  expectError(text, 3, 'invalid YAML', '"name"', 'appears twice');
});

test('unknown key: names the key, its line, a suggestion and the known keys', () => {
  const text = yaml(...head, 'fetch:', '  concurency: 4', 'sources:', ...rss('a'));
  expectError(text, lineOf(text, 'concurency'), 'fetch: ', 'unknown key "concurency"',
    'Did you mean "concurrency"?', 'per_host_delay_ms', 'README');
});

test('unknown key inside a source: names the source and the key line', () => {
  const text = yaml(...head, 'sources:', ...rss('a'), ...rss('b', 'b'), '    tpoics: [defense]');
  expectError(text, lineOf(text, 'tpoics'), 'sources.1 (source "b")', 'unknown key "tpoics"', 'Did you mean "topics"?');
});

test('unknown top-level key', () => {
  const text = yaml(...head, 'sorces: []', 'sources:', ...rss('a'));
  expectError(text, 3, 'unknown key "sorces"', 'Did you mean "sources"?');
});

test('wrong type: names the key path and the value, not "is required"', () => {
  const text = yaml(...head, 'fetch:', '  user_agent: ua', '  concurrency: "many"', 'sources:', ...rss('a'));
  const msg = expectError(text, lineOf(text, 'concurrency'), 'fetch.concurrency: ', 'expected number', 'got "many"',
    'without quotes');
  assert.ok(!msg.includes('required'), msg);
});

test('wrong type: an empty value is called empty', () => {
  const text = yaml(...head, 'fetch:', '  respect_robots:', 'sources:', ...rss('a'));
  expectError(text, lineOf(text, 'respect_robots'), 'fetch.respect_robots: ', 'empty value', 'true or false');
});

test('a missing required key points at its parent', () => {
  const text = yaml('publication:', '  footer: hi', 'sources:', ...rss('a'));
  expectError(text, 1, 'publication.name: ', 'is required');
});

test('duplicate source id: points at the second one and names the first', () => {
  const text = yaml(...head, 'sources:', ...rss('a'), ...rss('a', 'b'));
  expectError(text, lineOf(text, 'id: a', 2), 'sources.1.id: ', 'duplicate source id "a"', 'source #1', 'unique');
});

test('bad regex in include: gives the reason and an example', () => {
  const text = yaml(...head, 'sources:', ...rss('a'), "    include: '/Article/(\\d+'");
  expectError(text, lineOf(text, 'include'), 'sources.0.include (source "a"): ', 'not a valid regular expression',
    'Unterminated group', "example: '/Article/\\d+'");
});

test('bad CSS selector in link_selector: gives the reason and an example', () => {
  const text = yaml(...head, 'sources:', '  - id: a', '    type: html', '    url: https://a.example/',
    '    link_selector: "a[href*="');
  expectError(text, lineOf(text, 'link_selector'), 'sources.0.link_selector (source "a"): ', 'not a valid CSS selector',
    "didn't terminate", 'example: "h3 a"');
});

test('extract.remove: selectors are kept per source; a bad one names the line, the reason and an example', () => {
  const ok = parseConfig(yaml(...head, 'sources:', ...rss('a'), '    extract:', '      remove: [".newsletter-box", "div[data-module=\'related\']"]'), 'x.yaml');
  assert.deepEqual(ok.sources[0].extract?.remove, ['.newsletter-box', "div[data-module='related']"]);
  const text = yaml(...head, 'sources:', ...rss('a'), '    extract:', '      remove:', '        - ".promo"', '        - "aside[class="');
  expectError(text, lineOf(text, 'aside[class='), 'sources.0.extract.remove.1 (source "a"): ', 'not a valid CSS selector',
    'example: ".newsletter-box"');
  const typo = yaml(...head, 'sources:', ...rss('a'), '    extract:', '      remvoe: [".promo"]');
  expectError(typo, lineOf(typo, 'remvoe'), 'remvoe');
});

test('an HTML snippet is not accepted as a selector', () => {
  const text = yaml(...head, 'sources:', '  - id: a', '    type: html', '    url: https://a.example/',
    '    link_selector: "<a>"');
  expectError(text, lineOf(text, 'link_selector'), 'looks like HTML');
});

test('bad cron: names schedule.cron, the value and an example', () => {
  const text = yaml(...head, 'schedule:', '  cron: "0 25 * * *"', 'sources:', ...rss('a'));
  expectError(text, lineOf(text, 'cron'), 'schedule.cron: ', 'not a valid cron expression', 'example: "0 6 * * *"',
    'got "0 25 * * *"');
});

test('a 6-field cron (with seconds) is refused: the README and the scheduler use 5 fields', () => {
  const text = yaml(...head, 'schedule:', '  cron: "* * * * * *"', 'sources:', ...rss('a'));
  expectError(text, lineOf(text, 'cron'), 'schedule.cron: ', '5 fields', 'got "* * * * * *"');
});

test('a YAML alias bomb is a config error with file and line, not a crash', () => {
  const lines = [...head, 'bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`bomb${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('sources:', ...rss('a'));
  const text = yaml(...lines);
  expectError(text, lineOf(text, '*a0'), 'alias', 'anchors');
});

test('missing link_selector on an html source: points at that source', () => {
  const text = yaml(...head, 'sources:', ...rss('a'), '  - id: b', '    type: html', '    url: https://b.example/');
  expectError(text, lineOf(text, 'id: b'), 'sources.1.link_selector (source "b"): ', 'is required for type: html',
    'example: "h3 a"');
});

test('unknown topic id on a source: names it and lists the known topics', () => {
  const text = yaml(...head, 'topics:', '  - id: defense', '    label: Defense', 'sources:', ...rss('a'),
    '    topics:', '      - defense', '      - defence');
  expectError(text, lineOf(text, '- defence'), 'sources.0.topics.1 (source "a"): ', 'unknown topic "defence"',
    'known topics: defense');
});

test('several problems are all reported, one line each, in file order', () => {
  const text = yaml(...head, 'fetch:', '  retries: "2"', '  timeout_ms: "x"', 'sources:', ...rss('a'));
  const msg = expectError(text, lineOf(text, 'retries'), 'fetch.retries', 'remove the quotes: 2');
  const lines = msg.split('\n');
  assert.equal(lines.length, 2, msg);
  assert.match(lines[1], new RegExp(`^x\\.yaml:${lineOf(text, 'timeout_ms')}: fetch\\.timeout_ms: `));
});

test('a missing file says how to point at the config', () => {
  assert.throws(() => loadConfig('/nonexistent/dir/sources.yaml'),
    (e: unknown) => e instanceof ConfigError && /file not found/.test(e.message) && /NEWSDESK_CONFIG/.test(e.message));
});
