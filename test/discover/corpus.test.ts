import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { ParsedFeed } from '../../src/domain/types.js';
import { decodeFeedBytes, FeedParseError, parseFeedWithInfo, type FeedParserUsed } from '../../src/discover/index.js';

// The shared corpus of 76 real-world and specification feeds (read-only, beside the project).
const CORPUS = new URL('../../../shared/data/feeds/', import.meta.url);
const present = existsSync(new URL('manifest.json', CORPUS));
const DIRS = ['rss-parser-fixtures', 'sample-feeds-examples', 'sample-feeds-real-world'];

// Files that give no item with a title and a link, and why (checked by reading each file).
const NO_ITEMS: Record<string, string> = {
  'rss-parser-fixtures/unrecognized.rss': 'an HTML "Document Moved" page, not a feed',
  'rss-parser-fixtures/incomplete-fields.atom': 'its one entry holds only an empty <author>',
  'rss-parser-fixtures/missing-fields.atom': 'its one entry holds only an <id> that is not a URL',
  'sample-feeds-examples/microsoft-start-example-slideshow-feed.xml': 'no <link>, and the guid is isPermaLink="false"',
  'sample-feeds-examples/rss-board-0-92-sample-feed.xml': 'RSS 0.92 items with only a description and an enclosure',
  'sample-feeds-examples/apple-example-podcast.xml': 'podcast items with enclosures only (one <link> holds a broken href="…)',
};

type Outcome = { feed: ParsedFeed; parser: FeedParserUsed } | { error: unknown };
const results = new Map<string, Outcome>();

describe('the shared 76-feed corpus', { skip: !present && 'shared feed corpus not found beside the project' }, () => {
  before(async () => {
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8')) as Record<string, { url?: string }>;
    for (const dir of DIRS) {
      for (const name of readdirSync(new URL(`${dir}/`, CORPUS)).sort()) {
        const key = `${dir}/${name}`;
        const text = decodeFeedBytes(readFileSync(new URL(key, CORPUS)));
        try {
          results.set(key, await parseFeedWithInfo(text, manifest[key]?.url ?? null));
        } catch (error) {
          results.set(key, { error });
        }
      }
    }
  });

  const feedOf = (key: string): ParsedFeed => {
    const r = results.get(key);
    assert.ok(r && 'feed' in r, `${key} parsed`);
    return r.feed;
  };

  it('parses all 76 files; only the HTML page is refused, with a FeedParseError', () => {
    assert.equal(results.size, 76);
    const failed = [...results].filter(([, r]) => 'error' in r);
    assert.deepEqual(failed.map(([k]) => k), ['rss-parser-fixtures/unrecognized.rss']);
    const [, outcome] = failed[0];
    assert.ok('error' in outcome && outcome.error instanceof FeedParseError);
  });

  it('gets items with a title and a link from every file that has any', () => {
    const yielding = [...results].filter(([, r]) => 'feed' in r && r.feed.items.some((i) => i.title && i.url));
    const empty = [...results.keys()].filter((k) => !yielding.some(([y]) => y === k)).sort();
    assert.deepEqual(empty, Object.keys(NO_ITEMS).sort());
    assert.ok(yielding.length / results.size >= 0.92, `${yielding.length}/${results.size} files yield items`);
    const total = yielding.reduce((n, [, r]) => n + ('feed' in r ? r.feed.items.length : 0), 0);
    assert.ok(total >= 2300, `${total} items in all`);
    for (const [key, r] of yielding) {
      if (!('feed' in r)) continue;
      for (const item of r.feed.items) {
        assert.ok(!/[<>]/.test(item.title ?? ''), `${key}: title is plain text: ${item.title}`);
        assert.ok(item.published_at === null || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(item.published_at), `${key}: ${item.published_at}`);
      }
    }
  });

  it('BBC World: CDATA titles, &amp; in links, non-permalink guid, RFC 822 dates', () => {
    const feed = feedOf('sample-feeds-real-world/bbc-news-world.xml');
    assert.equal(feed.items.length, 67);
    assert.deepEqual(feed.items[0], {
      url: 'https://www.bbc.co.uk/news/world-60993659?at_medium=RSS&at_campaign=KARANGA',
      title: 'Rare Sumatran rhino gives birth after eight miscarriages',
      published_at: '2022-04-05T10:04:42.000Z',
      summary: 'The critically endangered Sumatran rhino gave birth to a female calf in an Indonesian sanctuary.',
      content: null,
      guid: 'https://www.bbc.co.uk/news/world-60993659',
      author: null,
    });
  });

  it('Financial Times: relative links resolve against the feed URL; an item without description keeps a null summary', () => {
    const feed = feedOf('sample-feeds-real-world/the-financial-times-uk-homepage.xml');
    assert.equal(feed.items.length, 31);
    assert.equal(feed.items[0].url, 'https://www.ft.com/content/c57f1115-2f03-4022-8eaf-8a7145f0e694');
    assert.equal(feed.items[0].guid, 'c57f1115-2f03-4022-8eaf-8a7145f0e694');
    assert.equal(feed.items[0].published_at, '2022-04-05T18:03:09.000Z');
    const jetblue = feed.items.find((i) => i.url.endsWith('/content/664f0990-313f-4ed3-b85e-0a479399e613'));
    assert.equal(jetblue?.title, 'Live news updates: JetBlue threatens Spirit’s planned merger with $3.6bn bid');
    assert.equal(jetblue?.summary, null);
    assert.equal(jetblue?.published_at, '2022-04-04T23:25:00.000Z');
  });

  it("Rowan Manning's blog (Atom): html title, alternate link over enclosure, content as paragraphs", () => {
    const feed = feedOf('sample-feeds-real-world/rowan-manning-s-blog.xml');
    assert.equal(feed.title, 'Rowan’s Blog | Rowan Manning');
    const [first] = feed.items;
    assert.equal(first.title, 'Operational excellence: one year on');
    assert.equal(first.url, 'https://rowanmanning.com/posts/operational-excellence-one-year-on/');
    assert.equal(first.published_at, '2022-11-04T11:22:00.000Z');
    assert.equal(first.author, 'Rowan Manning');
    assert.ok(first.content?.startsWith('A year ago, Nayana wrote a blog post'), first.content?.slice(0, 80));
    assert.ok(first.content?.includes('\n\nHow the team works\n\nWe still triage issues\n\n'));
  });

  it('ISO-8859-1 feeds decode: declared (JN) and undeclared (UOL)', () => {
    const jn = feedOf('rss-parser-fixtures/encoding.rss');
    assert.equal(jn.title, 'Jornal de Notícias - Últimas Notícias');
    assert.equal(jn.items[0].title, 'Mãe de utente é a nova presidente da Raríssimas');
    assert.equal(jn.items[0].published_at, '2018-01-03T13:47:00.000Z'); // pubDate with trailing whitespace
    assert.ok(jn.items[0].summary?.startsWith('Sónia Laygue, profissional na área'));
    const uol = feedOf('rss-parser-fixtures/uolNoticias.rss');
    assert.equal(uol.items[0].title, 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  });

  it('Craigslist (RDF): entity and tags inside a CDATA title, dc:date with offset', () => {
    const [first] = feedOf('rss-parser-fixtures/craigslist.rss').items;
    assert.equal(first.title, 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2');
    assert.equal(first.url, 'http://sfbay.craigslist.org/eby/apa/6186664607.html');
    assert.equal(first.published_at, '2017-06-21T17:33:10.000Z');
  });

  it('Mastodon: title-less items are titled by their opening words', () => {
    const [first] = feedOf('sample-feeds-real-world/public-mastodon-feed-user.xml').items;
    assert.equal(first.title, 'mastodon.social is now entirely served from our new #Kubernetes cluster 🎉');
    assert.equal(first.url, 'https://mastodon.social/@Gargron/109949892433321784');
    assert.equal(first.published_at, '2023-03-01T20:23:36.000Z');
  });

  it('Microsoft Start Atom example: the id stands in for a missing alternate link; the takedown repeat is folded', () => {
    const feed = feedOf('sample-feeds-examples/microsoft-start-example-atom-feed.xml');
    assert.equal(feed.items.length, 1);
    assert.equal(feed.items[0].url, 'https://v3spec.msn.com/article123.htm');
    assert.equal(feed.items[0].title, 'High-definition video encoding and streaming');
    assert.equal(feed.items[0].published_at, '2017-01-10T09:00:00.000Z');
  });

  it('damaged copies of the real-world feeds: no throws, and the items a reader would still see', async () => {
    // [damage, how to apply it, fewest items that must survive out of the undamaged count]
    const damages: [string, (t: string) => string, (n: number) => number][] = [
      ['raw ampersands', (t) => t.replace(/&amp;/g, '&'), (n) => n],
      [
        'a </title> lost mid-feed',
        (t) => {
          const i = t.indexOf('</title>', Math.floor(t.length / 2));
          return i < 0 ? t : t.slice(0, i) + t.slice(i + 8);
        },
        (n) => n - 1, // only the item whose title never closes
      ],
      ['cut at 60%', (t) => t.slice(0, Math.floor(t.length * 0.6)), (n) => Math.floor(n * 0.4)],
    ];
    let checked = 0;
    for (const [key, outcome] of results) {
      if (!key.startsWith('sample-feeds-real-world/') || !('feed' in outcome)) continue;
      const text = decodeFeedBytes(readFileSync(new URL(key, CORPUS)));
      if (text.length > 150_000) continue; // the five largest feeds add time, not new kinds of damage
      for (const [damage, apply, floor] of damages) {
        const { feed } = await parseFeedWithInfo(apply(text), null); // any throw fails the test
        const before = outcome.feed.items.length;
        assert.ok(feed.items.length >= floor(before), `${key}, ${damage}: ${feed.items.length} of ${before} items`);
        checked++;
      }
    }
    assert.equal(checked, 19 * damages.length);
  });
});
