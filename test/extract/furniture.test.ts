import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../src/extract/article.js';
import { furnitureLabel, labelWords } from '../../src/extract/furniture.js';
import { isDateLine, isFurnitureLine } from '../../src/extract/furniture-lines.js';
import { parseDocument, type DomElement } from '../../src/extract/dom.js';

const URL_ = 'https://news.example.org/2026/05/story.html';
const P = [
  'The harbour board voted on Tuesday to rebuild the north breakwater, which storms have damaged three winters running, at a cost the board put at forty million.',
  'Work will start in the spring and close the outer berths for about six months, so the ferries will use the inner basin while the cranes are on the water.',
  'Fishing crews asked for a say in the timetable, and the board agreed to meet them every month until the contractor leaves the harbour at the end of the job.',
  'The chair said the old wall had been patched so often that nobody could tell any more which parts of it were original and which were repairs from the eighties.',
];
const para = (i: number): string => `<p>${P[i]}</p>`;
/** A page whose article is the four paragraphs plus `extra` markup at the given place. */
function page(extra: string, where: 'middle' | 'end' = 'middle'): string {
  const body = where === 'middle' ? para(0) + para(1) + extra + para(2) + para(3) : P.map((_, i) => para(i)).join('') + extra;
  return `<!DOCTYPE html><html lang="en"><head><title>Breakwater to be rebuilt</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Breakwater to be rebuilt</h1>
    <div class="story-body">${body}</div></article><footer>© Gazette</footer></body></html>`;
}
const text = (html: string): string => extractArticle(html, URL_).text;
function assertArticleOnly(html: string, furniture: string): void {
  const t = text(html);
  for (const p of P) assert.ok(t.includes(p), `article paragraph lost: ${p.slice(0, 40)}…\n---\n${t}`);
  assert.ok(!t.includes(furniture), `furniture "${furniture}" left in:\n${t}`);
}

test('figure captions are dropped', () => {
  assertArticleOnly(page('<figure><img src="/a.jpg" alt=""><figcaption>The breakwater after the January storm.</figcaption></figure>'),
    'after the January storm');
});

test('a share bar, a newsletter box, an author bio and a tag list are dropped by their class names', () => {
  assertArticleOnly(page('<div class="c-share__bar"><span>Spread the word</span> <button>Facebook</button></div>'), 'Spread the word');
  assertArticleOnly(page('<div class="newsletter-box"><p>The morning edition in your inbox, every weekday.</p></div>'), 'morning edition');
  assertArticleOnly(page('<div class="author-bio"><p>Ana Reyes covers ports and shipping for the paper.</p></div>', 'end'), 'covers ports');
  assertArticleOnly(page('<div class="post-tags">Harbour, Ferries, Council</div>', 'end'), 'Harbour, Ferries');
});

test('names are read as words: RelatedStories_wrapper, aria-label and data-component count; commentary and article-body do not', () => {
  assertArticleOnly(page('<div class="RelatedStories_wrapper__x1"><span>Older: the 2019 repairs</span></div>'), 'the 2019 repairs');
  assertArticleOnly(page('<section aria-label="Newsletter sign-up"><span>Weekly digest for sailors</span></section>'), 'Weekly digest');
  assertArticleOnly(page('<div data-component="recommendations"><span>Picked for you: lighthouses</span></div>'), 'lighthouses');
  const el = (cls: string): DomElement => parseDocument(`<div class="${cls}">x</div>`, URL_).doc.querySelector('div')!;
  assert.equal(furnitureLabel(el('commentary-body')), null);
  assert.equal(furnitureLabel(el('article-body')), null);
  assert.equal(furnitureLabel(el('shareholder-letter')), null);
  assert.equal(furnitureLabel(el('has-share-tools')), null, 'a modifier class says what a wrapper has, not what it is');
  assert.equal(furnitureLabel(el('post-7 post type-post tag-ferry tag-transport')), null, "WordPress's per-tag classes");
  assert.equal(furnitureLabel(el('tag-cloud')), 'strong');
  assert.deepEqual(labelWords('RelatedLinks_wrapper__m5'), ['related', 'links', 'wrapper', 'm5']);
});

test('a wrapper named like furniture is kept when it holds the article (guard against dropping real text)', () => {
  const html = `<html><body><div class="content-author-bio-wrap related-enabled">${P.map((_, i) => para(i)).join('')}</div></body></html>`;
  assertArticleOnly(html, 'no furniture here');
  // a heading-derived id that happens to contain a furniture word ("sharing…") is an anchor, not a name
  const sections = `<html><body><div class="body"><div class="section" id="sharing-with-a-single-developer">${para(0)}${para(1)}</div>` +
    `<div class="section" id="publishing-and-non-publishing-repositories">${para(2)}${para(3)}</div></div></body></html>`;
  assertArticleOnly(sections, 'no furniture here');
});

test('a small element with a weak name (author, meta, date) is dropped; a large one is not', () => {
  assertArticleOnly(page('<div class="entry-meta"><span>Ana Reyes</span> <span>12 May 2026</span></div>'), 'Ana Reyes');
  const big = `<html><body><div class="meta-wrapper">${P.map((_, i) => para(i)).join('')}</div><div class="meta">Side note</div></body></html>`;
  assertArticleOnly(big, 'Side note');
});

test('a list of links after the last paragraph is dropped; a list of links inside the text is kept', () => {
  const trailing = '<ul><li><a href="/1">Council approves new ferry timetable</a></li><li><a href="/2">Storm damage in pictures</a></li><li><a href="/3">Ferry fares to rise</a></li></ul>';
  assertArticleOnly(page(trailing, 'end'), 'Storm damage in pictures');
  const refs = '<ul><li><a href="https://a.example/api">https://a.example/api/inspector.html</a></li><li><a href="https://b.example/x">https://b.example/protocol/v8</a></li></ul>';
  assert.ok(text(page(refs, 'end')).includes('https://b.example/protocol/v8'), 'a trailing list of addresses is references, kept');
  const sources = '<ul><li><a href="/d/1">Board minutes of 3 March (PDF)</a></li><li><a href="/d/2">Engineering survey of the north breakwater</a></li></ul>';
  const t = text(page(sources, 'middle'));
  assert.ok(t.includes('Engineering survey of the north breakwater'), t);
});

test('"Read more:" lines, photo credits, contributor lines, bylines and date lines are dropped', () => {
  assertArticleOnly(page('<p><strong>Read more:</strong> <a href="/x">Why breakwaters fail</a></p>'), 'Why breakwaters fail');
  assertArticleOnly(page('<p>RELATED: the cost of the 2019 repairs</p>'), 'cost of the 2019');
  assertArticleOnly(page('<p>Cranes on the north wall on Monday. (Gazette Photo/Ken Arai)</p>'), 'Cranes on the north wall');
  assertArticleOnly(page('<p>Staff writer Jo Lee contributed to this report.</p>', 'end'), 'Jo Lee');
  assertArticleOnly(page('<p>Advertisement</p>'), 'Advertisement');
  assert.ok(isFurnitureLine('By Tom Arakaki | tarakaki@example.org'));
  assert.ok(isFurnitureLine('Updated September 3, 2026 at 9:12 a.m.'));
  assert.ok(isFurnitureLine('Sign up for the Bayside Briefing.'));
  assert.ok(isFurnitureLine('(Reporting by Kiyoshi Takenaka; Editing by Michael Perry)'));
  assert.ok(isFurnitureLine('Write to Elena Sato at elena.sato@paper.example'));
  assert.ok(isFurnitureLine('Image copyright Getty Images'));
  assert.ok(isDateLine('Thu 12 Feb 2026 05.40 GMT') && isDateLine('4 min read'));
  // sentences that only start like furniture stay
  assert.ok(!isFurnitureLine('By Friday, the board will publish the engineers’ report.'));
  assert.ok(!isFurnitureLine('Related costs, the board said, would be paid from reserves.'));
  assert.ok(!isFurnitureLine('Published in 1990, the survey found the wall sound.'));
  assert.ok(isFurnitureLine('Published 6:15 a.m. Oct. 2, 2026 | Updated 9:40 a.m. Oct. 2, 2026'));
  assert.ok(!isDateLine('On 12 May the board met.'));
});

test('a source\'s extract.remove selectors drop what the general rules keep (a site\'s own promo markup)', () => {
  const promo = '<div class="xq-unit"><p>Members of the harbour club save a fifth on every crossing booked before the end of the month, at any office.</p></div>';
  const html = page(promo);
  assert.ok(text(html).includes('Members of the harbour club'), 'without a rule the general furniture rules keep it');
  const t = extractArticle(html, URL_, { remove: ['.xq-unit', 'p.never-there'] }).text;
  for (const p of P) assert.ok(t.includes(p), t);
  assert.ok(!t.includes('Members of the harbour club'), t);
  // a selector the DOM cannot run is skipped, never an error
  assert.ok(extractArticle(html, URL_, { remove: ['div[', '.xq-unit'] }).text.includes(P[3]));
});
