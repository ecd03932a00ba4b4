// Checks that the bundled demo corpus (data/samples) matches what its manifest and README promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { loadConfig } from '../../src/config/load.js';
import { compileRules, scoreRelevance } from '../../src/relevance/index.js';

const ROOT = fileURLToPath(new URL('../../data/samples/', import.meta.url));
const TOPICS = ['diplomacy', 'defense', 'economic-security', 'energy', 'economy-trade', 'technology'];

interface Outlet { id: string; name: string; type: 'rss' | 'atom' | 'html' | 'broken'; entry: string; primary: boolean }
interface Entry {
  path: string; outlet: string; relevant: boolean; topic: string | null; story: string | null;
  encoding: 'utf-8' | 'shift_jis'; title: string; published: string;
}
interface Manifest { outlets: Outlet[]; articles: Entry[]; hardNegatives: [string, string][] }

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Manifest;
const outlets = new Map(manifest.outlets.map((o) => [o.id, o]));
const relevant = manifest.articles.filter((a) => a.relevant);
const offTopic = manifest.articles.filter((a) => !a.relevant);

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel));
const pageText = (a: Entry) => (a.encoding === 'shift_jis' ? iconv.decode(read(a.path), 'shift_jis') : read(a.path).toString('utf8'));
const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const stripTags = (html: string) => unescape(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
const articleHtml = (html: string) => /<article\b[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Paragraphs of the story itself: bare <p> elements in <article>, pull quotes left out. */
const bodyParagraphs = (html: string) =>
  [...articleHtml(html).replace(/<blockquote[\s\S]*?<\/blockquote>/g, '').matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => stripTags(m[1]));

/** Links a feed or listing points at, as paths inside the outlet folder (query and fragment dropped). */
function entryLinks(outlet: Outlet): string[] {
  const text = read(outlet.entry).toString('utf8');
  let raw: string[];
  if (outlet.type === 'atom') {
    raw = [...text.matchAll(/<entry>[\s\S]*?<link rel="alternate"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  } else if (outlet.type === 'html') {
    raw = [...text.matchAll(/<li class="release">[\s\S]*?<a href="([^"]+)"/g)].map((m) => m[1]);
  } else {
    raw = [...text.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1]);
  }
  return raw.map((href) => unescape(href).replace('{{origin}}', '').split(/[?#]/)[0]);
}
const outletDir = (o: Outlet) => o.entry.split('/')[0];

test('manifest names four outlets of the four kinds, with the government listing as the primary source', () => {
  assert.deepEqual(manifest.outlets.map((o) => o.type).sort(), ['atom', 'broken', 'html', 'rss']);
  for (const o of manifest.outlets) assert.ok(fs.existsSync(path.join(ROOT, o.entry)), `${o.id}: entry ${o.entry} is missing`);
  assert.deepEqual(manifest.outlets.filter((o) => o.primary).map((o) => o.id), ['gov-bulletin']);
  for (const a of manifest.articles) assert.ok(outlets.has(a.outlet), `${a.path}: unknown outlet ${a.outlet}`);
});

test('totals: at least 44 relevant and 12 off-topic articles, at least 5 per topic', () => {
  assert.ok(relevant.length >= 44, `only ${relevant.length} relevant articles`);
  assert.ok(offTopic.length >= 12, `only ${offTopic.length} off-topic articles`);
  for (const a of relevant) assert.ok(TOPICS.includes(a.topic ?? ''), `${a.path}: topic ${a.topic} is not a topic id`);
  for (const a of offTopic) assert.equal(a.topic, null, `${a.path}: off-topic article has a topic`);
  for (const t of TOPICS) {
    const n = relevant.filter((a) => a.topic === t).length;
    assert.ok(n >= 5, `topic ${t} has only ${n} relevant articles`);
  }
});

test('the totals hold even if nothing is recovered from the broken feed', () => {
  const solid = manifest.articles.filter((a) => outlets.get(a.outlet)!.type !== 'broken');
  assert.ok(solid.filter((a) => a.relevant).length >= 44);
  assert.ok(solid.filter((a) => !a.relevant).length >= 12);
  for (const t of TOPICS) assert.ok(solid.filter((a) => a.relevant && a.topic === t).length >= 5, t);
});

test('at least 6 stories are covered by two outlets, and story keys are never used by one article alone', () => {
  const byStory = new Map<string, Entry[]>();
  for (const a of manifest.articles) if (a.story) byStory.set(a.story, [...(byStory.get(a.story) ?? []), a]);
  for (const [key, list] of byStory) {
    assert.ok(list.length >= 2, `story ${key} has a single article`);
    assert.equal(new Set(list.map((a) => a.outlet)).size, list.length, `story ${key} has two articles from one outlet`);
    assert.ok(list.every((a) => a.relevant), `story ${key} includes an off-topic article`);
  }
  assert.ok(byStory.size >= 6, `only ${byStory.size} shared stories`);
  const call = byStory.get('vice-min-call-ukraine') ?? [];
  assert.ok(call.some((a) => /Vice-Ministerial Telephone Talk/.test(a.title)), 'official readout of the deputies call');
  assert.ok(call.some((a) => /Ukraine/.test(a.title) && a.outlet === 'tokyo-wire'), 'wire story of the deputies call');
});

test('hard negatives are existing articles about different events', () => {
  assert.ok(manifest.hardNegatives.length >= 2);
  const byPath = new Map(manifest.articles.map((a) => [a.path, a]));
  for (const [x, y] of manifest.hardNegatives) {
    const a = byPath.get(x);
    const b = byPath.get(y);
    assert.ok(a && b, `${x} / ${y} not in manifest`);
    assert.ok(a.story === null || a.story !== b.story, `${x} and ${y} share story ${a.story}`);
  }
});

test('a Shift_JIS page is real Shift_JIS bytes (not UTF-8) that decode to Japanese text', () => {
  const sjis = manifest.articles.filter((a) => a.encoding === 'shift_jis');
  assert.ok(sjis.length >= 1, 'no shift_jis article');
  for (const a of sjis) {
    const bytes = read(a.path);
    assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), TypeError, `${a.path} is valid UTF-8`);
    const text = iconv.decode(bytes, 'shift_jis');
    assert.match(text, /日米/);
    assert.match(bytes.subarray(0, 1024).toString('latin1'), /<meta charset="shift_jis">/i);
  }
});

test('every other page is valid UTF-8', () => {
  for (const a of manifest.articles.filter((x) => x.encoding === 'utf-8')) {
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(read(a.path)), a.path);
  }
});

test('every article exists and is listed in exactly one feed or listing: its own outlet', () => {
  const entries = manifest.outlets.map((o) => ({ id: o.id, text: read(o.entry).toString('utf8') }));
  for (const a of manifest.articles) {
    assert.ok(fs.existsSync(path.join(ROOT, a.path)), `${a.path} is missing`);
    const name = new RegExp(`/${escapeRe(path.basename(a.path))}(?=[?#"<\\s]|$)`);
    const listedIn = entries.filter((e) => name.test(e.text)).map((e) => e.id);
    assert.deepEqual(listedIn, [a.outlet], `${a.path} is listed in [${listedIn.join(', ')}]`);
  }
});

test('every feed or listing link points at an existing article of the manifest', () => {
  const paths = new Set(manifest.articles.map((a) => a.path));
  for (const o of manifest.outlets) {
    const links = entryLinks(o);
    const mine = manifest.articles.filter((a) => a.outlet === o.id);
    assert.equal(links.length, mine.length, `${o.id}: ${links.length} links for ${mine.length} articles`);
    for (const link of links) {
      const rel = `${outletDir(o)}${link}`;
      assert.ok(fs.existsSync(path.join(ROOT, rel)), `${o.entry} links to missing ${link}`);
      assert.ok(paths.has(rel), `${o.entry} links to ${rel}, which the manifest does not list`);
    }
  }
});

test('the RSS feed carries exactly two tracking links, escaped as XML requires', () => {
  const text = read('tokyo-wire/feed.xml').toString('utf8');
  assert.equal(text.match(/\?utm_source=rss&amp;utm_medium=feed<\/link>/g)?.length, 2);
  assert.doesNotMatch(text, /&(?!amp;|lt;|gt;|quot;|#)/, 'raw & in the well-formed feed');
});

test('the broken feed is really broken: raw ampersands, an unclosed tag, truncated inside its third item', () => {
  const text = read('broken-feed/feed.xml').toString('utf8');
  assert.match(text, /&(?![a-z]+;|#)/);
  assert.match(text, /<b>[^<]*<\/description>/);
  assert.equal(text.match(/<item>/g)?.length, 3);
  assert.equal(text.match(/<\/item>/g)?.length, 2);
  assert.doesNotMatch(text, /<\/rss>/);
});

test('pages look like article pages: lang, title, description, date in range, canonical, headline, byline, related box', () => {
  for (const a of manifest.articles) {
    const html = pageText(a);
    const at = a.path;
    assert.match(html, /<html lang="en"/, at);
    const title = /<title>([^<]+)<\/title>/.exec(html)?.[1] ?? '';
    assert.match(title, / \| /, `${at}: title has no " | Outlet"`);
    assert.equal(unescape(title.split(' | ')[0]), a.title, `${at}: <title>`);
    assert.match(html, /<meta name="description" content="[^"]{40,}">/, at);
    const published = /<meta property="article:published_time" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(published, a.published, `${at}: published_time`);
    const day = a.published.slice(0, 10);
    assert.ok(day >= '2026-11-10' && day <= '2026-11-25', `${at}: ${day} outside 2026-11-10..25`);
    const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
    assert.equal(canonical, `{{origin}}/${a.path.split('/').slice(1).join('/')}`, `${at}: canonical`);
    const article = articleHtml(html);
    assert.ok(article, `${at}: no <article>`);
    assert.equal(stripTags(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(article)?.[1] ?? ''), a.title, `${at}: <h1>`);
    assert.match(article, /class="[^"]*(byline|author)[^"]*"/, `${at}: no byline`);
    assert.match(html, /<h[23]>(Related|More from)/, `${at}: no related box`);
  }
});

test('article bodies have 4-9 paragraphs and 150-600 words', () => {
  for (const a of manifest.articles) {
    const paras = bodyParagraphs(pageText(a));
    const words = paras.join(' ').split(/\s+/).filter(Boolean).length;
    assert.ok(paras.length >= 4 && paras.length <= 9, `${a.path}: ${paras.length} paragraphs`);
    assert.ok(words >= 150 && words <= 600, `${a.path}: ${words} words`);
  }
});

test('the relevant flags agree with the relevance rules of sources.yaml', () => {
  const config = loadConfig(fileURLToPath(new URL('../../sources.yaml', import.meta.url)));
  const rules = compileRules(config.relevance);
  for (const a of manifest.articles) {
    const r = scoreRelevance(rules, a.title, stripTags(articleHtml(pageText(a))));
    assert.equal(r.relevant, a.relevant, `${a.path}: rules say ${r.relevant} (${r.terms.join(', ')})`);
  }
  // The trap the README promises: a lower-case "us" in a Japan-only story.
  const trap = manifest.articles.find((a) => a.path.endsWith('shinkansen-early-departures-march-timetable.html'));
  assert.ok(trap && !trap.relevant && /\bus\b/.test(stripTags(articleHtml(pageText(trap)))));
});
