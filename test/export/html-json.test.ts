import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { renderHtml, renderIssue, renderJson, EXPORT_FORMATS } from '../../src/export/index.js';
import { oneLine } from '../../src/export/shape.js';
import { HOSTILE_BULLET, HOSTILE_HEADLINE, HOSTILE_URL, makeIssue } from './fixture.js';
import { assertGolden } from './support.js';

const doc = makeIssue();
const html = renderHtml(doc);
const { document } = parseHTML(html);

test('html matches its golden file', () => {
  assertGolden('issue.html', html);
});

test('html: title first, headlines and bullets in the same order, footer last', () => {
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
  const sheet = document.querySelector('.sheet')!;
  const blocks = [...sheet.children];
  assert.equal(blocks[0]!.tagName, 'H1');
  assert.equal(blocks[0]!.textContent, doc.title);
  assert.equal(document.querySelector('title')!.textContent, doc.title);
  assert.equal(blocks[1]!.textContent, 'November 10–23, 2026');
  const headlines = [...document.querySelectorAll('.headlines li')].map((li) => li.textContent);
  assert.deepEqual(headlines, doc.items.map((it) => oneLine(it.headline)));
  const bullets = [...document.querySelectorAll('.bullets li')].map((li) => li.textContent ?? '');
  assert.equal(bullets.length, doc.items.length);
  bullets.forEach((b, i) => assert.ok(b.startsWith(oneLine(doc.items[i]!.bullet)), `bullet ${i}`));
  assert.equal(blocks.at(-1)!.textContent, 'To get it by email, write to digest@example.org.');
  assert.equal(blocks.at(-1)!.className, 'footer');
});

test('html: hostile text is shown as text and can never run or link', () => {
  const tags = html.match(/<[^>]*>/g) ?? [];
  assert.ok(!/<script|<img|<iframe|<object|<embed/i.test(html), 'no active elements');
  for (const tag of tags) {
    assert.ok(!/\son\w+\s*=/i.test(tag), `no event handler attribute: ${tag}`);
    assert.ok(!/javascript:/i.test(tag), `no javascript: in a tag: ${tag}`);
  }
  assert.equal(document.querySelectorAll('script, img').length, 0);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) assert.ok(!attr.name.startsWith('on'), `${el.tagName} has ${attr.name}`);
  }
  const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
  assert.equal(hrefs.length, 7);
  assert.ok(hrefs.every((h) => /^https?:\/\//.test(h)), hrefs.join(' '));
  assert.ok(!html.includes(HOSTILE_URL));
  // Escaped, not stripped: the reader sees what the editor approved.
  assert.equal(document.querySelectorAll('.headlines li')[3]!.textContent, HOSTILE_HEADLINE);
  assert.equal(document.querySelectorAll('.bullets li')[3]!.textContent, `${HOSTILE_BULLET} (Evil Feed)`);
});

test('html is self-contained, styled inline, and prints cleanly', () => {
  assert.ok(!/<link\b|url\(|@import|@font-face/i.test(html), 'no external assets');
  assert.ok(!(html.match(/<[^>]*>/g) ?? []).some((t) => /\s(src|srcset|background)=/i.test(t)), 'no fetched attributes');
  assert.equal((html.match(/<style>/g) ?? []).length, 1);
  const style = document.querySelector('style')!.textContent ?? '';
  assert.match(style, /@media print/);
  assert.match(style, /@page \{ size: A4; margin: [^}]+\}/);
  assert.match(style, /li \{ break-inside: avoid; page-break-inside: avoid; \}/);
  assert.match(style, /background: none !important/);
  // Layout must not depend on the <style> block, which mail clients drop.
  assert.match(document.querySelector('.page')!.getAttribute('style') ?? '', /max-width:680px/);
  for (const sel of ['h1', '.headlines', '.bullets li', 'a', '.footer']) {
    assert.ok(document.querySelector(sel)!.getAttribute('style'), `${sel} carries inline style`);
  }
});

test('json carries the issue and its items, nothing else, verbatim', () => {
  const json = renderJson(doc);
  assert.ok(json.endsWith('}\n') && json.includes('\n  "title": '));
  const parsed = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(parsed), ['title', 'volume', 'number', 'date_from', 'date_to', 'status', 'publication', 'items']);
  assert.deepEqual(Object.keys(parsed.items[0]!), ['item_id', 'headline', 'bullet', 'topics', 'links', 'published_at']);
  assert.deepEqual(parsed.items, doc.items);
  assert.deepEqual(parsed.publication, doc.publication);
  assert.equal(parsed.date_from, '2026-11-10');
});

test('renderIssue dispatches every format', async () => {
  for (const f of EXPORT_FORMATS) {
    const out = await renderIssue(doc, f, { groupByTopic: true });
    if (f === 'docx') assert.ok(Buffer.isBuffer(out) && out.subarray(0, 2).toString() === 'PK');
    else assert.ok(typeof out === 'string' && out.includes('Alliance Digest Vol 1.4'), f);
  }
  await assert.rejects(renderIssue(doc, 'pdf' as never), /Unknown export format "pdf"/);
});

test('src/export stays pure: no I/O, environment or clock', () => {
  const dir = join(import.meta.dirname, '../../src/export');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    assert.ok(!/from '(node:)?(fs|http|https|net|child_process|fs\/promises)'/.test(src), `${f} imports I/O`);
    assert.ok(!/process\.env|Date\.now|new Date\(|from '\.\.\/(net|store|jobs|export-pdf)\//.test(src), `${f} is impure`);
  }
});
