import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findFeedLink, parseListing } from '../../src/discover/index.js';

const html = readFileSync(new URL('./fixtures/listing.html', import.meta.url), 'utf8');
const PAGE = 'https://harbours.example/en/press?page=1';
const PRESS = 'https://harbours.example/en/press/2024';

const brief = (items: ReturnType<typeof parseListing>) => items.map((i) => [i.url, i.title, i.published_at]);

describe('parseListing', () => {
  it('finds links by selector, resolves against <base href>, folds duplicates and reads the item date', () => {
    const items = parseListing(html, PAGE, { link_selector: 'li.release a[href]', include: '^https://harbours\\.example/en/press/' });
    assert.deepEqual(brief(items), [
      // image link first, headline second (spelled differently): one item, titled by the headline, not the alt
      [`${PRESS}/03/dredging-contract`, 'Dredging contract awarded', '2024-03-06T00:00:00.000Z'],
      [`${PRESS}/03/pilotage-rules`, 'New pilotage rules', '2024-03-04T00:00:00.000Z'], // fragment dropped
      [`${PRESS}/02/minister-visit`, 'Read more', null],
    ]);
    for (const item of items) assert.deepEqual([item.summary, item.content, item.guid, item.author], [null, null, null, null]);
  });

  it('uses the first link inside a selected non-link element; keeps http(s) only', () => {
    const items = parseListing(html, PAGE, { link_selector: '.headline' });
    assert.deepEqual(items.map((i) => i.url), [
      `${PRESS}/03/dredging-contract`,
      `${PRESS}/03/pilotage-rules`,
      'https://video.example/watch?v=abc', // no include rule; mailto: and javascript: are gone
    ]);
  });

  it('uses the link around a selected element and finds a <time> beside it in the same container', () => {
    const items = parseListing(html, PAGE, { link_selector: '.card-title' });
    assert.deepEqual(brief(items), [[`${PRESS}/01/annual-report`, 'Annual report 2023', '2024-01-15T00:00:00.000Z']]);
  });

  it('applies exclude to the absolute URL, drops fragment-only links, and takes no date from a shared container', () => {
    const items = parseListing(html, PAGE, { link_selector: 'a', exclude: 'video\\.example|/2024/0[12]/' });
    assert.deepEqual(brief(items), [
      ['https://harbours.example/en/', 'Home', null],
      [`${PRESS}/03/dredging-contract`, 'Dredging contract awarded', '2024-03-06T00:00:00.000Z'],
      [`${PRESS}/03/pilotage-rules`, 'New pilotage rules', '2024-03-04T00:00:00.000Z'],
    ]);
  });

  it('resolves against the page URL when there is no <base>, and skips links to the page itself', () => {
    const page = '<ul><li><a href="story-1">One</a></li><li><a href="./#top">Top</a></li><li><a href="">Here</a></li><li><a href="#x">X</a></li></ul>';
    const items = parseListing(page, 'https://news.example/world/', { link_selector: 'li a' });
    assert.deepEqual(items.map((i) => i.url), ['https://news.example/world/story-1']);
  });

  it('says which pattern or selector is broken', () => {
    assert.throws(() => parseListing(html, PAGE, { link_selector: 'a', include: '(' }), /include pattern "\(" is not a valid regular expression/);
    assert.throws(() => parseListing(html, PAGE, { link_selector: 'a[' }), /link_selector "a\[" is not a valid CSS selector/);
  });
});

describe('findFeedLink', () => {
  it('finds RSS, Atom and JSON feed links, and nothing else', () => {
    const page = (link: string) => `<html><head>${link}</head><body></body></html>`;
    assert.equal(findFeedLink(page('<link rel="alternate" type="application/atom+xml" href="/atom.xml">'), 'https://a.example/x/'), 'https://a.example/atom.xml');
    assert.equal(findFeedLink(page('<link rel="Alternate" type="application/feed+json" href="feed.json">'), 'https://a.example/x/'), 'https://a.example/x/feed.json');
    assert.equal(findFeedLink(page('<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">'), 'https://a.example/'), null);
    assert.equal(findFeedLink(page('<link rel="stylesheet" type="application/rss+xml" href="/odd.xml">'), 'https://a.example/'), null);
    assert.equal(findFeedLink('<p>no head at all</p>', 'https://a.example/'), null);
  });
});
