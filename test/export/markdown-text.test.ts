import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlRenderer, Parser, type Node } from 'commonmark';
import { escapeMarkdown, renderMarkdown, renderText } from '../../src/export/index.js';
import { oneLine } from '../../src/export/shape.js';
import { HOSTILE_BULLET, HOSTILE_HEADLINE, HOSTILE_URL, makeIssue } from './fixture.js';
import { assertGolden } from './support.js';

const doc = makeIssue();

/** The literal text under a CommonMark node (code spans and soft breaks included). */
function textOf(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let ev = walker.next(); ev; ev = walker.next()) {
    if (!ev.entering) continue;
    if (ev.node.type === 'text' || ev.node.type === 'code') out += ev.node.literal ?? '';
    if (ev.node.type === 'softbreak') out += ' ';
  }
  return out;
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let c = node.firstChild; c; c = c.next) out.push(c);
  return out;
}

test('markdown matches its golden file', () => {
  assertGolden('issue.md', renderMarkdown(doc));
});

test('markdown parses as title, date, headline list, break, bullet list, break, footer', () => {
  const tree = new Parser().parse(renderMarkdown(doc));
  const blocks = children(tree);
  assert.deepEqual(blocks.map((b) => b.type), [
    'heading', 'paragraph', 'list', 'thematic_break', 'list', 'thematic_break', 'paragraph', 'paragraph',
  ]);
  assert.equal(blocks[0]!.level, 1);
  assert.equal(textOf(blocks[0]!), doc.title);
  assert.equal(textOf(blocks[1]!), 'November 10–23, 2026');
  const headlines = children(blocks[2]!).map(textOf);
  assert.deepEqual(headlines, doc.items.map((it) => oneLine(it.headline)));
  const bullets = children(blocks[4]!).map(textOf);
  assert.equal(bullets.length, doc.items.length);
  bullets.forEach((b, i) => assert.ok(b.startsWith(oneLine(doc.items[i]!.bullet)), `bullet ${i} is item ${i}: ${b}`));
  assert.equal(textOf(blocks[7]!), 'To get it by email, write to digest@example.org.');
});

test('markdown: hostile text stays literal text, only http(s) sources become links', () => {
  const md = renderMarkdown(doc);
  const tree = new Parser().parse(md);
  const types = new Set<string>();
  const hrefs: string[] = [];
  // The date line is our own emphasis; everything after it carries scraped or edited text.
  for (const block of children(tree).slice(2)) {
    const walker = block.walker();
    for (let ev = walker.next(); ev; ev = walker.next()) {
      if (!ev.entering) continue;
      types.add(ev.node.type);
      if (ev.node.type === 'link') hrefs.push(ev.node.destination ?? '');
    }
  }
  for (const t of ['html_inline', 'html_block', 'emph', 'strong', 'code', 'image']) assert.ok(!types.has(t), `no ${t} node`);
  assert.ok(hrefs.length === 7 && hrefs.every((h) => /^https?:\/\//.test(h)), hrefs.join(' '));
  assert.ok(!md.includes(HOSTILE_URL));
  assert.ok(md.includes('\\*stars\\*') && md.includes('\\[brackets\\]') && md.includes('\\<script\\>'));
  // The hostile item is lossless: what the reader sees is exactly what the editor left.
  const rendered = new HtmlRenderer().render(tree);
  assert.ok(!/<script|<img|<a href="javascript/i.test(rendered), rendered);
  const lists = children(tree).filter((b) => b.type === 'list');
  assert.equal(textOf(children(lists[0]!)[3]!), HOSTILE_HEADLINE);
  assert.equal(textOf(children(lists[1]!)[3]!), `${HOSTILE_BULLET} (Evil Feed)`);
});

test('markdown link destinations survive spaces, brackets and parentheses', () => {
  const tree = new Parser().parse(renderMarkdown(doc));
  const walker = tree.walker();
  const dests: string[] = [];
  for (let ev = walker.next(); ev; ev = walker.next()) if (ev.entering && ev.node.type === 'link') dests.push(ev.node.destination!);
  assert.ok(dests.includes('https://wiki.example/Solar_%28energy%29%20projects?a=1&b=%3C2%3E'), dests.join('\n'));
  assert.ok(dests.includes('http://japantimes.example/news/2026/11/16/bill/'));
});

test('escapeMarkdown neutralises block starts and entities', () => {
  for (const s of ['- item', '+ item', '1. one', '2) two', '> quote', '# head', '=== ', '&amp; &#60;', '![x](y)', '<http://a.b>']) {
    const tree = new Parser().parse(`${escapeMarkdown(s)}\n`);
    assert.equal(tree.firstChild?.type, 'paragraph', s);
    assert.equal(textOf(tree.firstChild!), s.trim(), s);
  }
});

test('text matches its golden file', () => {
  assertGolden('issue.txt', renderText(doc));
});

test('text: title first, headlines then bullets in the same order, full URLs, footer last', () => {
  const txt = renderText(doc);
  const lines = txt.trimEnd().split('\n');
  assert.equal(lines[0], doc.title);
  assert.equal(lines[2], 'November 10–23, 2026');
  const bulleted = lines.filter((l) => l.startsWith('• '));
  assert.equal(bulleted.length, 2 * doc.items.length);
  doc.items.forEach((it, i) => {
    assert.equal(bulleted[i], `• ${oneLine(it.headline)}`);
    assert.ok(bulleted[i + doc.items.length]!.startsWith(`• ${oneLine(it.bullet)}`));
  });
  assert.ok(txt.includes('(Kyodo News <https://kyodo.example/news/2026/11/vice-ministers-call>; Ministry of Foreign Affairs <https://mofa.example/press/release/2026-11-12.html>)'));
  assert.ok(!txt.includes(HOSTILE_URL) && txt.includes('(Evil Feed)'));
  assert.equal(lines.at(-1), 'To get it by email, write to digest@example.org.');
  assert.ok(!/^-- ?$/m.test(txt), 'no signature delimiter');
});
