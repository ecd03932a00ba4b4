import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { escapeMarkdown, formatDateRange, renderHtml, renderMarkdown, renderText, safeHref, sectionsOf } from '../../src/export/index.js';
import type { IssueDoc } from '../../src/domain/types.js';
import { makeIssue } from './fixture.js';
import { assertGolden } from './support.js';

const doc = makeIssue();
const opts = { groupByTopic: true };
const SECTIONS = ['Diplomacy', 'Defense', 'Economic Security', 'Energy', 'Other'];
// Taxonomy order, issue order within a topic, the unknown topic last.
const ORDER = [101, 106, 103, 105, 102, 104];

test('grouped exports match their golden files', () => {
  assertGolden('issue-grouped.md', renderMarkdown(doc, opts));
  assertGolden('issue-grouped.txt', renderText(doc, opts));
  assertGolden('issue-grouped.html', renderHtml(doc, opts));
});

test('sections follow the taxonomy, keep issue order inside, skip empty topics, put unknown last', () => {
  const sections = sectionsOf(doc, opts);
  assert.deepEqual(sections.map((s) => s.heading), SECTIONS);
  assert.deepEqual(sections.flatMap((s) => s.items.map((it) => it.item_id)), ORDER);
  assert.deepEqual(sectionsOf(doc).map((s) => s.heading), [null]);
  assert.deepEqual(sectionsOf({ ...doc, items: [] }, opts), []);
});

test('items with no topic join the unknown ones under Other, in issue order', () => {
  const d: IssueDoc = structuredClone(doc);
  d.items[0]!.topics = [];
  const other = sectionsOf(d, opts).at(-1)!;
  assert.equal(other.heading, 'Other');
  assert.deepEqual(other.items.map((it) => it.item_id), [101, 104]);
});

test('every format prints the same section headings, in order, with its items under them', () => {
  const byId = new Map(doc.items.map((it) => [it.item_id, it]));
  const md = renderMarkdown(doc, opts);
  assert.deepEqual([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]), SECTIONS);
  const mdOrder = ORDER.map((id) => md.indexOf(escapeMarkdown(byId.get(id)!.bullet).slice(0, 40)));
  assert.ok(mdOrder[0]! > md.indexOf('## Diplomacy') && mdOrder.at(-1)! > md.indexOf('## Other'), 'bullets sit under headings');
  assert.deepEqual(mdOrder, [...mdOrder].sort((a, b) => a - b));

  const txt = renderText(doc, opts);
  assert.deepEqual([...txt.matchAll(/^(.+)\n-{3,}$/gm)].map((m) => m[1]), SECTIONS);

  const { document } = parseHTML(renderHtml(doc, opts));
  assert.deepEqual([...document.querySelectorAll('h2')].map((h) => h.textContent), SECTIONS);
  const lists = [...document.querySelectorAll('ul.bullets')];
  assert.deepEqual(lists.map((ul) => ul.querySelectorAll('li').length), [2, 1, 1, 1, 1]);
  assert.equal(lists[0]!.previousElementSibling!.textContent, 'Diplomacy');
  // The headline list follows the grouped order, so headlines and bullets still pair up.
  const headlines = [...document.querySelectorAll('.headlines li')].map((li) => li.textContent);
  assert.deepEqual(headlines, ORDER.map((id) => byId.get(id)!.headline));
});

test('dates are formatted from the string, in English, without time zones', () => {
  assert.equal(formatDateRange('2026-11-10', '2026-11-23'), 'November 10–23, 2026');
  assert.equal(formatDateRange('2026-10-28', '2026-11-10'), 'October 28 – November 10, 2026');
  assert.equal(formatDateRange('2026-12-29', '2027-01-11'), 'December 29, 2026 – January 11, 2027');
  assert.equal(formatDateRange('2026-01-01', '2026-01-01'), 'January 1, 2026');
  assert.equal(formatDateRange(null, '2026-03-01'), 'March 1, 2026');
  assert.equal(formatDateRange('2026-03-01', null), 'March 1, 2026');
  assert.equal(formatDateRange(null, null), '');
  assert.equal(formatDateRange('spring 2026', null), 'spring 2026');
  const d: IssueDoc = { ...doc, date_from: null, date_to: null };
  assert.equal(renderText(d).split('\n')[2], '', 'no date line when both are null');
  assert.ok(!renderHtml(d).includes('class="date"'));
});

test('only http(s) URLs are linkable', () => {
  assert.equal(safeHref('https://a.example/x y'), 'https://a.example/x%20y');
  assert.equal(safeHref(' HTTP://A.example '), 'http://a.example/');
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', '/relative', 'mailto:a@b.c', '']) {
    assert.equal(safeHref(bad), null, bad);
  }
});
