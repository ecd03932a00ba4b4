import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractArticle } from '../../src/extract/article.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://news.example.com/2024/02/story.html';

test('article text keeps its paragraphs and drops the nav, sidebar, cookie banner and footer', () => {
  const { text } = extractArticle(fixture('harbour-news.html'), URL_);
  const paragraphs = text.split('\n\n');
  assert.ok(paragraphs.some((p) => p.startsWith('The last sailing of the day between Port Avel')), text);
  assert.ok(paragraphs.includes('What changes for passengers'));
  assert.ok(paragraphs.includes('The crossing leaves at 22:40 instead of 23:15.'));
  assert.ok(text.includes('several spoke at the meeting.\nOne nurse described'), 'a <br> inside a paragraph is one line break');
  assert.ok(text.endsWith('for next year.'));
  for (const chrome of ['Letters to the editor', 'Most read', 'Gull numbers', 'biscuits', 'Registered office', 'Privacy']) {
    assert.ok(!text.includes(chrome), `boilerplate "${chrome}" leaked into the text`);
  }
  assert.ok(!/\n{3,}/.test(text) && !/ {2,}/.test(text), 'no runs of blank lines or spaces');
});

test('HTML comments between pieces of inline text do not split them into separate paragraphs', () => {
  const filler = 'The committee met on a wet Tuesday evening to settle the matter of the harbour lights, and after a long debate agreed to replace them all. ';
  const html = `<html><body><div class="story"><p>${filler.repeat(3)}</p>` +
    '<div>Printed on page <!-- -->B<!-- -->7<!-- --> of the late edition, under the headline <!-- -->Lights out<!-- -->.</div>' +
    `<p>${filler.repeat(2)}</p></div></body></html>`;
  const { text } = extractArticle(html, URL_);
  assert.ok(text.includes('\n\nPrinted on page B7 of the late edition, under the headline Lights out.\n\n'), text);
});

test('a page Readability gives up on (text only in <noscript>) still yields its text through the fallback', () => {
  const a = extractArticle(fixture('app-shell.html'), URL_);
  assert.ok(a.text.includes('strengthening eleven kilometres of the northern dike'), a.text);
  assert.ok(a.text.includes('\n\nCyclists will be diverted'), 'paragraphs are kept apart');
  assert.equal(a.lang, 'nl');
});

test('a page whose article is hidden from Readability by display:none falls back to its paragraphs', () => {
  const body = Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1} of the ward bulletin explains which bins are collected on which weekday this winter.</p>`).join('');
  const a = extractArticle(`<html><body><div style="display:none">${body}</div></body></html>`, URL_);
  assert.ok(a.text.startsWith('Paragraph 1 of the ward bulletin'), a.text);
  assert.equal(a.text.split('\n\n').length, 4);
});

test('garbage input never throws and always returns the Article shape', () => {
  const junkBytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)).toString('latin1');
  const inputs: [string, string][] = [
    ['', URL_],
    ['   ', URL_],
    [junkBytes, URL_],
    ['\u0000<html\u0000><body>\uD800 stray</body>', URL_],
    ['<p>plain fragment without html or body</p>', 'not a url'],
    ['<html><body><div><p>unclosed <b>tags <table><tr><td>cell', ''],
    ['<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>', URL_],
    ['<html><frameset><frame src="a.html"></frameset></html>', URL_],
  ];
  for (const [html, url] of inputs) {
    const a = extractArticle(html, url);
    assert.equal(typeof a.text, 'string');
    assert.ok(!/[\u0000-\u0008]/.test(a.text), 'no control characters in text');
    assert.deepEqual(Object.keys(a).sort(), ['byline', 'canonical_url', 'excerpt', 'lang', 'published_at', 'site_name', 'text', 'title']);
  }
  assert.equal(extractArticle('', URL_).text, '');
  assert.equal(extractArticle('<p>plain fragment without html or body</p>', 'not a url').text, 'plain fragment without html or body');
  assert.equal(extractArticle(undefined as unknown as string, URL_).text, '');
});

test('a 2 MB page and a pathologically deep page are handled, not thrown on', { timeout: 20_000 }, () => {
  const para = 'The survey team walked the towpath and listed every lock gate that needs repair before spring. ';
  const parts = ['<html><head><title>Canal survey</title></head><body><article>'];
  let size = 0;
  for (let i = 0; size < 2_000_000; i++) {
    const chunk = `<section><h2>Reach ${i}</h2><p>${para.repeat(4)}</p></section>`;
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push('</article></body></html>');
  const big = extractArticle(parts.join(''), URL_);
  assert.ok(big.text.length > 1_000_000, `big page text: ${big.text.length} chars`);
  assert.ok(big.text.startsWith('Reach 0'), big.text.slice(0, 80));

  const depth = 5000;
  const deep = extractArticle(`<html><body>${'<div>'.repeat(depth)}<p>At the bottom of the well of divs sits one sentence of real text for the reader.</p>${'</div>'.repeat(depth)}</body></html>`, URL_);
  assert.equal(deep.text, 'At the bottom of the well of divs sits one sentence of real text for the reader.');
});

test('calls share no state: interleaved pages give the same result as pages alone', () => {
  const pages = ['harbour-news.html', 'jsonld-only.html', 'time-element.html', 'app-shell.html'].map(fixture);
  const alone = pages.map((html) => extractArticle(html, URL_));
  const again = [...pages].reverse().map((html) => extractArticle(html, URL_)).reverse();
  assert.deepEqual(again, alone);
});
