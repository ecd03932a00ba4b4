// Regression guard on pages nobody here wrote: Mozilla Readability's own test pages, scored with the
// extraction evaluator's metric (token 4-gram shingles) against Readability's expected output.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractArticle } from '../../src/extract/article.js';

const shared = new URL('../../../shared/', import.meta.url);
const pagesDir = new URL('data/readability-pages/', shared);
const metricUrl = new URL('eval/extraction/metric.mjs', shared);
const available = existsSync(pagesDir) && existsSync(metricUrl);
const PAGE_URL = 'http://fakehost/test/page.html'; // what Readability's own tests pass
// Pages whose expected output no extractor built on Readability 0.6 can match (checked against
// Readability 0.6 over jsdom, which scores the same): mathjax's expected.html comes from a newer
// Readability; invalid-attributes' expected.html has a malformed tag the metric's htmlToText keeps as text.
const KNOWN_UNMATCHABLE = new Set(['mathjax', 'invalid-attributes']);

interface Metric {
  htmlToText(html: string): string;
  scorePage(truth: string, pred: string): { tpFpFn: [number, number, number]; exact: number };
  aggregate(pages: { tpFpFn: [number, number, number]; exact: number }[]): { f1: number; precision: number; recall: number };
  pageF1(tpFpFn: [number, number, number]): number;
}

test('mean shingle F1 over a fixed sample of ~25 Readability test pages stays ≥ 0.98', { skip: !available && 'shared/ readability pages or metric not found beside the repo' }, async () => {
  const metric = (await import(metricUrl.href)) as Metric;
  const names = readdirSync(pagesDir)
    .filter((n) => !KNOWN_UNMATCHABLE.has(n) && existsSync(new URL(`${n}/source.html`, pagesDir)))
    .sort();
  const sample = names.filter((_, i) => i % 5 === 0); // every fifth page: spread, repeatable
  assert.ok(sample.length >= 20, `only ${sample.length} pages found`);
  const scored = sample.map((name) => {
    const read = (file: string) => readFileSync(new URL(`${name}/${file}`, pagesDir), 'utf8');
    const truth = metric.htmlToText(read('expected.html'));
    const article = extractArticle(read('source.html'), PAGE_URL);
    const expectedTitle = JSON.parse(read('expected-metadata.json')).title || null;
    return { name, ...metric.scorePage(truth, article.text), titleOk: (article.title || null) === expectedTitle };
  });
  const { f1 } = metric.aggregate(scored);
  const worst = [...scored].sort((a, b) => metric.pageF1(a.tpFpFn) - metric.pageF1(b.tpFpFn)).slice(0, 3)
    .map((s) => `${s.name} ${metric.pageF1(s.tpFpFn).toFixed(3)}`).join(', ');
  assert.ok(f1 >= 0.98, `mean F1 ${f1.toFixed(3)} over ${scored.length} pages; worst: ${worst}`);
  const titles = scored.filter((s) => s.titleOk).length / scored.length;
  assert.ok(titles >= 0.9, `title exact-match rate ${titles.toFixed(3)}`);
});
