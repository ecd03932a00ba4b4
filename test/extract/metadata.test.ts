import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractArticle } from '../../src/extract/article.js';
import { parseDocument } from '../../src/extract/dom.js';
import { normaliseDate, readPageMeta } from '../../src/extract/metadata.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://news.example.com/2024/02/story.html';

test('meta tags: title, byline, published time, site name, excerpt, lang, canonical', () => {
  const a = extractArticle(fixture('harbour-news.html'), URL_);
  assert.equal(a.title, 'Night ferry to return after winter pause');
  assert.equal(a.byline, 'Maren Holt');
  assert.equal(a.published_at, '2024-02-14T07:30:00+00:00');
  assert.equal(a.site_name, 'Coastline Courier');
  assert.equal(a.excerpt, 'The late crossing between Port Avel and the islands restarts in March.');
  assert.equal(a.lang, 'en-GB');
  assert.equal(a.canonical_url, 'https://news.example.com/transport/night-ferry-returns?utm_source=feed');
});

test('JSON-LD @graph: headline, several authors, datePublished, publisher; og:url and content-language', () => {
  const a = extractArticle(fixture('jsonld-only.html'), URL_);
  assert.equal(a.title, 'Early rice harvest in the northern valleys');
  assert.equal(a.byline, 'Ito Sora, Lee Dana');
  assert.equal(a.published_at, '2023-09-20T06:00:00+09:00');
  assert.equal(a.site_name, 'Valley Agricultural Report');
  assert.equal(a.canonical_url, 'https://news.example.com/ja/articles/rice-harvest');
  assert.equal(a.lang, 'ja');
});

test('<time datetime> supplies the date when nothing else does; no canonical → null', () => {
  const a = extractArticle(fixture('time-element.html'), URL_);
  assert.equal(a.published_at, '2022-11-03T18:45:00-05:00');
  assert.equal(a.canonical_url, null);
  assert.equal(a.lang, null);
});

test('relative canonical resolves against <base href>, and <base href> itself against the page URL', () => {
  const html = '<html><head><base href="/desk/"><link rel="canonical" href="item?id=7"></head><body><p>x</p></body></html>';
  const { doc } = parseDocument(html, 'https://paper.example/a/b.html');
  assert.equal(doc.baseURI, 'https://paper.example/desk/');
  assert.equal(doc.documentURI, 'https://paper.example/a/b.html');
  assert.equal(readPageMeta(doc).canonical_url, 'https://paper.example/desk/item?id=7');
});

test('without <base> the document URL is the base URI (Readability keeps #fragment links then)', () => {
  const { doc } = parseDocument('<html><body><p>x</p></body></html>', 'http://fakehost/test/page.html');
  assert.equal(doc.baseURI, 'http://fakehost/test/page.html');
  assert.equal(doc.baseURI, doc.documentURI);
});

test('a broken JSON-LD block is ignored, not fatal', () => {
  const html = '<html><head><script type="application/ld+json">{ "datePublished": </script><meta name="author" content="Kai Berg"></head><body><p>Body.</p></body></html>';
  const meta = readPageMeta(parseDocument(html, URL_).doc);
  assert.equal(meta.byline, 'Kai Berg');
  assert.equal(meta.published_at, null);
});

test('a profile URL is not a byline, and a non-web canonical link is ignored', () => {
  const html = '<html><head><meta property="article:author" content="https://social.example/pages/ferry-desk">' +
    '<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="https://paper.example/ferry">' +
    '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Rui Sato"}}</script></head><body><p>x</p></body></html>';
  const meta = readPageMeta(parseDocument(html, URL_).doc);
  assert.equal(meta.byline, 'Rui Sato');
  assert.equal(meta.canonical_url, 'https://paper.example/ferry');
});

test('normaliseDate keeps ISO 8601 as written, converts other formats to UTC, rejects junk', () => {
  assert.equal(normaliseDate('2021-11-01T10:52:50+0100'), '2021-11-01T10:52:50+0100');
  assert.equal(normaliseDate(' 2020-09-21 '), '2020-09-21');
  assert.equal(normaliseDate('Tue, 05 Mar 2024 09:00:00 GMT'), '2024-03-05T09:00:00.000Z');
  // no zone named: read as UTC, whatever the machine's time zone
  assert.equal(normaliseDate('March 5, 2024'), '2024-03-05T00:00:00.000Z');
  assert.equal(normaliseDate('yesterday'), null);
  assert.equal(normaliseDate(''), null);
  assert.equal(normaliseDate(null), null);
});
