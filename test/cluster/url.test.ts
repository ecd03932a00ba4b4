import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeUrl, contentHash } from '../../src/cluster/index.js';

test('normalizeUrl drops tracking, fragments, default ports and trailing slashes; sorts parameters', () => {
  assert.equal(normalizeUrl('HTTPS://Example.COM:443/News/Story/?utm_source=x&b=2&a=1&fbclid=zz#top'),
    'https://example.com/News/Story?a=1&b=2');
  assert.equal(normalizeUrl('http://example.com:80/'), 'http://example.com/');
  assert.equal(normalizeUrl('http://example.com/a?gclid=1&UTM_MEDIUM=e'), 'http://example.com/a');
});

test('the same article with different tracking parameters has one key', () => {
  const a = normalizeUrl('https://news.example.jp/article/123?utm_source=rss&utm_medium=feed');
  const b = normalizeUrl('https://news.example.jp/article/123/?fbclid=abc#comments');
  assert.equal(a, b);
});

test('relative URLs resolve against a base; non-http URLs are refused', () => {
  assert.equal(normalizeUrl('../b/c', 'https://x.org/a/z/'), 'https://x.org/a/b/c');
  assert.equal(normalizeUrl('mailto:a@b.c'), null);
  assert.equal(normalizeUrl('javascript:void(0)'), null);
  assert.equal(normalizeUrl('not a url'), null);
});

test('meaningful parameters stay', () => {
  assert.equal(normalizeUrl('https://x.org/view?id=7&page=2'), 'https://x.org/view?id=7&page=2');
});

test('contentHash ignores case and punctuation, and refuses short texts', () => {
  const body = 'The two governments agreed on a new framework for supply chains. '.repeat(6);
  assert.equal(contentHash(body), contentHash(body.toUpperCase().replace(/\./g, ' ! ')));
  assert.notEqual(contentHash(body), contentHash(`${body} One more sentence here.`));
  assert.equal(contentHash('Access denied'), null);
});
