import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../src/extract/article.js';
import { articleBodies, bodyText, chooseBody, usableBody } from '../../src/extract/jsonld-body.js';

const URL_ = 'https://wire.example.net/2026/06/plant.html';
const PARAS = [
  'The packaging line that a chipmaker announced on Monday will be built beside its existing plant in Kumamoto and is due to run from the spring of 2028, the company said in a statement.',
  'Local officials said the roads around the industrial park were already crowded at shift changes and asked the prefecture to widen two routes before construction begins next year.',
  'Engineers from the company’s Oregon site will train the first two hundred hires, most of whom are expected to come from technical colleges on Kyushu, according to the plan.',
  'The company did not give the cost of the project, but two people who have seen the plan put it at about three hundred billion yen, part of it covered by government grants.',
];
const BODY = PARAS.join('\n\n');
const ld = (obj: unknown): string => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;

test('articleBody is found in arrays, @graph and typed nodes (NewsArticle, ReportageNewsArticle, type arrays, URL types), not in other types', () => {
  const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', articleBody: 'page' }, { '@type': ['Article', 'NewsArticle'], articleBody: 'a' }] };
  assert.deepEqual(articleBodies([graph]), ['a']);
  assert.deepEqual(articleBodies([[{ '@type': 'BreadcrumbList' }, { '@type': 'ReportageNewsArticle', articleBody: 'r' }]]), ['r']);
  assert.deepEqual(articleBodies([{ '@type': 'http://schema.org/NewsArticle', articleBody: 'u' }]), ['u']);
  assert.deepEqual(articleBodies([{ '@type': 'LiveBlogPosting', articleBody: 'intro' }, { '@type': 'Recipe', articleBody: 'x' }]), []);
});

test('a teaser body ("...", "…", too short) is not usable; an HTML body becomes paragraphs of text', () => {
  const words = BODY.split(' ');
  assert.equal(usableBody([{ '@type': 'NewsArticle', articleBody: `${words.slice(0, 45).join(' ')}...` }]), null);
  assert.equal(usableBody([{ '@type': 'NewsArticle', articleBody: `${words.slice(0, 45).join(' ')} …` }]), null);
  assert.equal(usableBody([{ '@type': 'NewsArticle', articleBody: 'Kumamoto gets a new line.' }]), null);
  assert.equal(usableBody([{ '@type': 'NewsArticle', articleBody: BODY }]), BODY);
  assert.equal(bodyText(PARAS.map((p) => `<p>${p.replace('Kyushu', 'Kyushu &amp; Shikoku')}</p>`).join('')),
    BODY.replace('Kyushu', 'Kyushu & Shikoku'));
});

test('when Readability holds the body plus furniture, the paragraphs not in the body go and a subheading between body paragraphs stays', () => {
  const read = [PARAS[0], 'The existing plant near Kikuyo town. Photo: Wire', PARAS[1], 'What the plan means', PARAS[2], 'Recommended: Inside the race to build chip plants in rural Japan', PARAS[3]].join('\n\n');
  const choice = chooseBody(read, BODY);
  assert.equal(choice.from, 'filtered');
  assert.equal(choice.text, [PARAS[0], PARAS[1], 'What the plan means', PARAS[2], PARAS[3]].join('\n\n'));
});

test('when Readability found only part of a fuller body, the body is the text; a body much shorter than the page is not', () => {
  const partial = chooseBody(`${PARAS[0]}\n\nSubscribe for unlimited access. Cancel anytime.`, BODY);
  assert.deepEqual(partial, { text: BODY, from: 'jsonld' });
  // A body that is only the first paragraph of a long article (a summary, or the free part) changes nothing.
  const long = [...PARAS, ...PARAS.map((p) => p.replace('The', 'Meanwhile, the'))].join('\n\n');
  assert.equal(chooseBody(long, PARAS[0] + ' ' + PARAS[1]).text, long);
  assert.equal(chooseBody(long, null).from, 'readability');
});

test('extractArticle uses a whole JSON-LD body over a paywalled page, and ignores a "..." teaser body', () => {
  const page = (body: string, visible: string) => `<!DOCTYPE html><html><head><title>Plant</title>${ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Plant', articleBody: body })}</head>
    <body><article><h1>Plant</h1><p>${PARAS[0]}</p><div class="gate">Subscribe for unlimited access to Wire. Already a subscriber? Log in.</div>${visible}</article></body></html>`;
  const full = extractArticle(page(BODY, ''), URL_).text;
  assert.equal(full, BODY);
  const visible = PARAS.slice(1).map((p) => `<p>${p}</p>`).join('');
  const teaser = `${BODY.split(' ').slice(0, 45).join(' ')}...`;
  const t = extractArticle(page(teaser, visible), URL_).text;
  for (const p of PARAS) assert.ok(t.includes(p), t);
  assert.ok(!t.includes('...'), 'the teaser did not replace the page text');
});
