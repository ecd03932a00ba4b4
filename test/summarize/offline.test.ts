import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SummaryInput } from '../../src/domain/types.js';
import { summarizeOffline } from '../../src/summarize/offline/index.js';
import { splitSentences } from '../../src/summarize/sentences.js';
import { verifyClaims } from '../../src/summarize/verify.js';
import { loadArticles, squash, taxonomy, words } from './fixtures/articles.js';

const articles = loadArticles();
const KICKERS = /^(?:EXCLUSIVE|UPDATE|Analysis|WATCH)\b/i;

/** Asserts every sentence of the bullet occurs in the article (a trimmed lead may end in "…"). */
function assertExtractive(bullet: string, article: string): void {
  const haystack = squash(article);
  for (const s of splitSentences(bullet)) {
    const body = s.replace(/…$/, '');
    assert.ok(haystack.includes(body), `not in the article: ${s}`);
  }
}

for (const a of articles) {
  test(`summarizeOffline: ${a.file}`, () => {
    const s = summarizeOffline(a.input, taxonomy);
    const hw = words(s.headline);
    assert.ok(hw >= 6 && hw <= 14, `headline has ${hw} words: ${s.headline}`);
    assert.doesNotMatch(s.headline, /(?<!\b\p{L}\.\p{L})\.$/u, 'headline ends with a period');
    assert.doesNotMatch(s.headline, /\s[|–—-]\s|:\s*NHK|Reuters|Kyodo News|Japan Times|Renewables Wire|U\.S\. Navy$/);
    assert.doesNotMatch(s.headline, KICKERS);
    const bw = words(s.bullet);
    assert.ok(bw >= 60 && bw <= 170, `bullet has ${bw} words`);
    assert.doesNotMatch(s.bullet, /\n/);
    assertExtractive(s.bullet, a.input.text);
    assert.equal(s.topics[0], a.expect, `topics ${s.topics.join(',')}`);
    assert.ok(s.topics.length <= 2 && s.topic_confidence > 0 && s.topic_confidence <= 1);
    assert.deepEqual(verifyClaims(s, `${a.input.title}\n\n${a.input.text}`).unsupported, []);
  });
}

test('summarizeOffline is deterministic', () => {
  for (const a of articles.slice(0, 3)) assert.deepEqual(summarizeOffline(a.input, taxonomy), summarizeOffline(a.input, taxonomy));
});

test('datelines and agency tags are stripped from the lead, not the lead dropped', () => {
  const byFile = new Map(articles.map((a) => [a.file, summarizeOffline(a.input, taxonomy)]));
  assert.match(byFile.get('02-hayashi-think-tank.txt')!.bullet, /^Japanese Foreign Minister Yoshimasa Hayashi told/);
  assert.match(byFile.get('04-economic-security-bill.txt')!.bullet, /^Japan's ruling parties approved a draft economic security bill/);
  assert.match(byFile.get('05-pacfleet-navy-chiefs.txt')!.bullet, /^The commander of the U\.S\. Pacific Fleet/);
  assert.match(byFile.get('08-lng-gulf-coast.txt')!.bullet, /^Two Japanese utilities are in talks/);
});

test('boilerplate (photo credits, subscribe, copyright, reporting credits) never reaches the bullet', () => {
  for (const a of articles) {
    const { bullet } = summarizeOffline(a.input, taxonomy);
    assert.doesNotMatch(bullet, /Photo|Subscribe|Click here|Copyright|All rights reserved|Reporting by/i, a.file);
  }
});

test('a title that is too short is replaced by the main clause of the lead', () => {
  const quantum = articles.find((a) => a.file.startsWith('07-'))!;
  const s = summarizeOffline(quantum.input, taxonomy);
  assert.equal(s.headline, 'US quantum computing startup and two Japanese partners to build 1,000-qubit quantum computer');
  const untitled = summarizeOffline({ ...articles[0].input, title: '' }, taxonomy);
  assert.ok(words(untitled.headline) >= 6 && words(untitled.headline) <= 14, untitled.headline);
  assert.match(untitled.headline, /Sherman/);
  assert.deepEqual(verifyClaims(untitled, articles[0].input.text).unsupported, []);
});

const input = (title: string, text: string): SummaryInput => ({
  title, text, source: 'Test Wire', published_at: null, url: 'https://example.test/a', relevance_terms: [],
});

test('an over-long lead is cut at a clause boundary and marked with an ellipsis', () => {
  const clauses = Array.from({ length: 20 }, (_, i) => `the ministry listed measure number ${i + 1} for the energy plan`);
  const lead = `Japan's cabinet approved a package on Tuesday that covers many areas, including ${clauses.join(', ')}.`;
  const s = summarizeOffline(input('Japan approves a wide energy package for the year', `${lead}\n\nA second, shorter sentence follows here for context.`), taxonomy);
  assert.ok(words(s.bullet) <= 170 && words(s.bullet) >= 60, `${words(s.bullet)} words`);
  assert.match(s.bullet, /…$/);
  assert.doesNotMatch(s.bullet, /,…$/);
  assertExtractive(s.bullet, lead);
});

test('a short article gives what it has and no invented topics', () => {
  const s = summarizeOffline(input('Bakery opens near Kyoto station', 'A bakery opened near the station on Monday. It sells bread.'), taxonomy);
  assert.equal(s.bullet, 'A bakery opened near the station on Monday. It sells bread.');
  assert.deepEqual(s.topics, []);
  assert.equal(s.topic_confidence, 0);
  assert.equal(s.headline, 'Bakery opens near Kyoto station');
});

test('an empty article yields an empty bullet and the cleaned title', () => {
  const s = summarizeOffline(input('EXCLUSIVE: Japan weighs new chip curbs - Reuters', ''), taxonomy);
  assert.equal(s.bullet, '');
  assert.equal(s.headline, 'Japan weighs new chip curbs');
});

test('questions and quote-led sentences do not open the bullet', () => {
  const text = [
    'Will Japan and the United States agree on a new trade deal this year?',
    '"We are close," a negotiator said.',
    'Japanese and US trade negotiators met in Washington on Monday to narrow their differences over tariffs on cars and farm goods, officials said.',
    'The two sides plan to meet again in Tokyo next month, and both hope to finish a draft text before the summer.',
  ].join('\n\n');
  const s = summarizeOffline(input('Japan and US trade negotiators meet in Washington', text), taxonomy);
  assert.match(s.bullet, /^Japanese and US trade negotiators met/);
  assert.doesNotMatch(s.bullet, /\?/);
});
