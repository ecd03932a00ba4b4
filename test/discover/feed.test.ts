import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FeedParseError, findFeedLink, looksLikeHtml, parseFeed, parseFeedWithInfo } from '../../src/discover/index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const FEED_URL = 'https://feeds.example/news/feed.xml';

describe('parseFeed: damaged feeds keep the items a reader would see', () => {
  it('reads a raw & in titles and links', async () => {
    const feed = await parseFeed(fixture('raw-ampersand.rss'), FEED_URL);
    assert.equal(feed.title, 'Harbor & Hill Gazette');
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.published_at]),
      [
        ['Fish & Chips shop reopens on Quay Street', 'https://gazette.example/news?id=101&ref=rss', '2024-03-04T09:15:00.000Z'],
        ['Council approves R&D budget', 'https://gazette.example/news?id=102&ref=rss', '2024-03-04T11:00:00.000Z'],
      ],
    );
  });

  it('reads an unescaped <br> inside a description as a line break', async () => {
    const feed = await parseFeed(fixture('bare-br.rss'), FEED_URL);
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.summary]),
      [
        ['Ferry timetable changes', 'Morning sailings move to 7:10. Evening sailings are unchanged.'],
        ['New pier lighting', 'Work starts Monday. It should take two weeks.'],
      ],
    );
  });

  it('recovers every item when one element is never closed (feedparser fallback)', async () => {
    const { feed, parser } = await parseFeedWithInfo(fixture('missing-close.rss'), FEED_URL);
    assert.equal(parser, 'feedparser');
    assert.deepEqual(
      feed.items.map((i) => i.url),
      ['https://courier.example/bridge-repairs', 'https://courier.example/library-hours', 'https://courier.example/choir-prize'],
    );
    assert.equal(feed.items[0].summary, 'The east span reopened on Friday.');
    assert.equal(feed.items[1].title, 'Library extends opening hours');
  });

  it('keeps the complete items of a body cut off mid-item', async () => {
    const { feed, parser } = await parseFeedWithInfo(fixture('truncated.rss'), FEED_URL);
    assert.equal(parser, 'feedparser');
    assert.equal(feed.title, 'Coastline Daily');
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.published_at]),
      [
        ['Storm warning lifted', 'https://coastline.example/storm-warning-lifted', '2024-03-05T06:00:00.000Z'],
        ['Harbour dredging approved', 'https://coastline.example/harbour-dredging', '2024-03-05T07:30:00.000Z'],
      ],
    );
  });

  it('skips a BOM and a PHP warning printed before <?xml', async () => {
    const text = fixture('junk-before.rss');
    assert.ok(text.startsWith('\ufeff<br />'), 'fixture really starts with a BOM and junk');
    const feed = await parseFeed(text, FEED_URL);
    assert.equal(feed.title, 'Ridge Observer');
    assert.deepEqual(feed.items.map((i) => [i.title, i.url]), [['Trail closures this weekend', 'https://observer.example/trail-closures']]);
  });

  it('drops characters XML forbids instead of the whole feed', async () => {
    const text = fixture('control-char.rss');
    assert.ok(text.includes('\u000b') && text.includes('\u0001'), 'fixture really holds control characters');
    const feed = await parseFeed(text, FEED_URL);
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.summary]),
      [
        ['Market report for March', 'Prices rose slightly.'],
        ['Rowing club regatta', null],
      ],
    );
  });

  it('reads a raw < that cannot start a tag as text', async () => {
    const xml = '<rss version="2.0"><channel><title>T</title><item><title>Rates < 2% & falling</title><link>https://t.example/r</link></item>' +
      '<item><title>Next</title><link>https://t.example/n</link><description><![CDATA[<p>a < b</p>]]></description></item></channel></rss>';
    const feed = await parseFeed(xml, null);
    assert.deepEqual(feed.items.map((i) => [i.title, i.summary]), [['Rates < 2% & falling', null], ['Next', 'a < b']]);
  });

  it('turns bad Atom dates into null without losing entries, preferring published over updated', async () => {
    const feed = await parseFeed(fixture('bad-date.atom'), FEED_URL);
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.published_at]),
      [
        ['Snow report', null],
        ['Lift pass prices', '2024-02-29T15:45:00.000Z'], // impossible published → the valid updated
        ['Avalanche course', '2024-03-02T08:00:00.000Z'], // no zone → UTC
      ],
    );
  });
});

describe('parseFeed: formats and links', () => {
  it('reads RDF 1.0 with Dublin Core dates and creators', async () => {
    const feed = await parseFeed(fixture('rdf-1.0.rdf'), FEED_URL);
    assert.equal(feed.title, 'Orchard Almanac');
    assert.equal(feed.link, 'https://almanac.example/');
    assert.deepEqual(feed.items[0], {
      url: 'https://almanac.example/pruning',
      title: 'When to prune apple trees',
      published_at: '2024-02-20T12:00:00.000Z',
      summary: 'Late winter, before the buds break.',
      content: null,
      guid: 'https://almanac.example/pruning',
      author: 'Ada Greenfield',
    });
    assert.equal(feed.items[1].published_at, '2024-02-22T00:00:00.000Z');
  });

  it('reads JSON Feed: html and text content, relative urls, feed-level author, link-less items skipped', async () => {
    const feed = await parseFeed(fixture('feed.json'), 'https://tidewater.example/feed.json');
    assert.equal(feed.title, 'Tidewater Weekly');
    assert.equal(feed.link, 'https://tidewater.example/');
    assert.equal(feed.items.length, 2);
    assert.deepEqual(feed.items[0], {
      url: 'https://tidewater.example/posts/seawall',
      title: 'Seawall vote & what comes next',
      published_at: '2024-03-01T09:30:00.000Z',
      summary: 'The council votes on Tuesday.',
      content: 'The council votes on Tuesday.\n\nPublic comments close Monday.',
      guid: 'tw-301',
      author: 'Mina Ortiz',
    });
    assert.equal(feed.items[1].url, 'https://tidewater.example/posts/tide-tables');
    assert.equal(feed.items[1].content, 'High water at 6:12.\n\nLow water at 12:31.');
    assert.equal(feed.items[1].published_at, '2024-03-02T10:00:00.000Z'); // date_modified when unpublished
    assert.equal(feed.items[1].author, 'Tidewater Desk');
  });

  it('resolves relative links against nested xml:base, ignoring rel="replies"', async () => {
    const feed = await parseFeed(fixture('relative-base.atom'), FEED_URL);
    assert.equal(feed.link, 'https://journal.example/blog/');
    assert.deepEqual(
      feed.items.map((i) => [i.url, i.author]),
      [
        ['https://journal.example/blog/2024/birds-of-the-estuary', 'R. Tern'],
        ['https://journal.example/archive/mudflat-survey', null],
      ],
    );
  });

  it('honours xml:base on an RSS <channel> and <item>', async () => {
    const xml = '<rss version="2.0"><channel xml:base="https://b.example/base/"><title>T</title>' +
      '<item xml:base="sub/"><title>A</title><link>a1</link></item><item><title>B</title><link>/b1</link></item></channel></rss>';
    const feed = await parseFeed(xml, FEED_URL);
    assert.deepEqual(feed.items.map((i) => i.url), ['https://b.example/base/sub/a1', 'https://b.example/b1']);
  });

  it('resolves relative links against the feed URL, or leaves them when there is none', async () => {
    const resolved = await parseFeed(fixture('relative-nobase.rss'), FEED_URL);
    assert.deepEqual(resolved.items.map((i) => i.url), [
      'https://feeds.example/news/blasting-schedule',
      'https://feeds.example/news/news/visitor-centre',
    ]);
    const unresolved = await parseFeed(fixture('relative-nobase.rss'), null);
    assert.deepEqual(unresolved.items.map((i) => i.url), ['/news/blasting-schedule', 'news/visitor-centre']);
    assert.equal(unresolved.link, '/');
  });

  it('uses a guid as the link only when it is a permalink, and folds duplicate links', async () => {
    const feed = await parseFeed(fixture('guid-permalink.rss'), FEED_URL);
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.guid]),
      [
        ['Permalink guid stands in for the link', 'https://herald.example/stories/hay-harvest', 'https://herald.example/stories/hay-harvest'],
        ['Link wins over a non-permalink guid', 'https://herald.example/stories/beekeeping', 'herald-8842'],
      ],
    );
  });

  it('keeps content paragraphs, strips tags and decodes entities in titles, caps summaries', async () => {
    const long = 'word '.repeat(400);
    const xml = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
      <item><title>&lt;b&gt;Bold&lt;/b&gt; move &amp;amp; more</title><link>https://x.example/a</link>
      <description>${long}</description>
      <content:encoded><![CDATA[<h2>Head</h2><p>One <em>two</em></p><ul><li>three</li><li>four</li></ul><script>bad()</script>]]></content:encoded>
      <author>desk@x.example (Night Desk)</author></item></channel></rss>`;
    const [item] = (await parseFeed(xml, null)).items;
    assert.equal(item.title, 'Bold move & more');
    assert.equal(item.content, 'Head\n\nOne two\n\nthree\n\nfour');
    assert.equal(item.author, 'Night Desk');
    assert.ok(item.summary && item.summary.length <= 1000 && item.summary.endsWith('…'), 'summary capped with an ellipsis');
  });

  it('rejects an HTML page with a FeedParseError that says what happened, while autodiscovery finds its feed', async () => {
    const html = fixture('served-as-html.html');
    assert.equal(looksLikeHtml(html), true);
    assert.equal(findFeedLink(html, 'https://lakeside.example/home'), 'https://lakeside.example/feeds/latest.xml');
    await assert.rejects(parseFeed(html, 'https://lakeside.example/home'), (error: unknown) => {
      assert.ok(error instanceof FeedParseError);
      assert.match(error.message, /HTML page, not a feed/);
      return true;
    });
  });

  it('rejects empty text and non-feed XML and JSON', async () => {
    await assert.rejects(parseFeed('', null), FeedParseError);
    await assert.rejects(parseFeed('<?xml version="1.0"?><note><to>Tove</to></note>', null), /not a readable RSS, Atom or RDF feed/);
    await assert.rejects(parseFeed('{"hello": "world"}', null), /not a JSON Feed/);
  });

  it('accepts a valid feed with no items', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>Quiet</title><link>https://q.example/</link></channel></rss>', null);
    assert.deepEqual(feed, { title: 'Quiet', link: 'https://q.example/', items: [] });
  });
});

describe('looksLikeHtml', () => {
  it('tells pages from feeds, including feeds that carry HTML inside', () => {
    assert.equal(looksLikeHtml('<!doctype html><html><body>x</body></html>'), true);
    assert.equal(looksLikeHtml('<head><title>Moved</title></head><body>gone</body>'), true);
    assert.equal(looksLikeHtml('<div class="error">Login required</div>'), true);
    assert.equal(looksLikeHtml(fixture('rdf-1.0.rdf')), false);
    assert.equal(looksLikeHtml('<rss><channel><item><description><![CDATA[<html><body>hi</body></html>]]></description></item></channel></rss>'), false);
    assert.equal(looksLikeHtml('{"version": "https://jsonfeed.org/version/1.1"}'), false);
    assert.equal(looksLikeHtml('plain text error'), false);
  });
});
