import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { createFetcher, type FetchPolicy } from '../../src/net/index.js';
import { failure } from '../support/fetch-failure.js';
import { redirect, reply, startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0 (+https://example.invalid/bot)', concurrency: 8, per_host_concurrency: 2,
  per_host_delay_ms: 0, timeout_ms: 2000, max_bytes: 100_000, retries: 0, respect_robots: false,
  allow_private_hosts: true, ...o,
});
const fast = { retryBaseMs: 5 };
const A = '127.0.0.2';
const B = '127.0.0.3';

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer(); });
after(async () => { await srv.close(); });
beforeEach(() => { srv.reset(); });
const hitsOf = (path: string) => srv.log.filter((e) => e.path === path);


describe('fetcher: content', () => {
  it('fetches a page, sends our headers and decodes a header-declared Shift_JIS body', async () => {
    const text = '<html><body><p>日米首脳会談</p></body></html>';
    srv.route('/sjis', staticBody(iconv.encode(text, 'shift_jis'), { contentType: 'text/html; charset=Shift_JIS' }));
    const f = createFetcher(policy());
    const res = await f.get(srv.url(A, '/sjis'));
    assert.equal(res.status, 200);
    assert.equal(res.notModified, false);
    assert.equal(res.charset, 'shift_jis');
    assert.equal(res.text, text);
    assert.equal(res.bytes, iconv.encode(text, 'shift_jis').length);
    assert.equal(res.url, srv.url(A, '/sjis'));
    const h = hitsOf('/sjis')[0].headers;
    assert.equal(h['user-agent'], policy().user_agent);
    assert.equal(h['accept-encoding'], 'gzip, deflate, br');
    assert.match(String(h.accept), /text\/html/);
    await f.close();
  });

  it('decodes EUC-JP from <meta> and a windows-1252 feed from its XML declaration', async () => {
    const page = '<html><head><meta charset="euc-jp"></head><body>防衛協力の指針</body></html>';
    srv.route('/euc', staticBody(iconv.encode(page, 'euc-jp'), { contentType: 'text/html' }));
    const feed = '<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>\u201cAlliance\u201d notes</title></channel></rss>';
    srv.route('/feed.xml', staticBody(iconv.encode(feed, 'windows-1252'), { contentType: 'application/rss+xml' }));
    const f = createFetcher(policy());
    const p = await f.get(srv.url(A, '/euc'));
    assert.equal(p.charset, 'euc-jp');
    assert.equal(p.text, page);
    const x = await f.get(srv.url(A, '/feed.xml'));
    assert.equal(x.charset, 'windows-1252');
    assert.ok(x.text.includes('“Alliance” notes'));
    await f.close();
  });

  it('undoes gzip, deflate and brotli content-encoding', async () => {
    const text = 'economic security '.repeat(200);
    const encoders = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
    const f = createFetcher(policy());
    for (const [name, encode] of Object.entries(encoders)) {
      const packed = encode(Buffer.from(text));
      srv.route(`/${name}`, reply({ headers: { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': name }, body: packed }));
      const res = await f.get(srv.url(A, `/${name}`));
      assert.equal(res.text, text, name);
      assert.equal(res.bytes, packed.length, `${name}: bytes counts the wire`);
      assert.equal(res.body.length, text.length);
    }
    await f.close();
  });

  it('sends validators and reports 304 as notModified with empty text', async () => {
    const lm = 'Mon, 06 Jan 2025 10:00:00 GMT';
    srv.route('/cond', staticBody('<p>v1</p>', { etag: '"v1"', lastModified: lm }));
    const f = createFetcher(policy());
    const first = await f.get(srv.url(A, '/cond'));
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, lm);
    const again = await f.get(srv.url(A, '/cond'), { etag: first.etag, lastModified: first.lastModified });
    assert.equal(again.status, 304);
    assert.equal(again.notModified, true);
    assert.equal(again.text, '');
    assert.equal(again.etag, '"v1"');
    assert.equal(again.lastModified, lm);
    const seen = hitsOf('/cond')[1].headers;
    assert.equal(seen['if-none-match'], '"v1"');
    assert.equal(seen['if-modified-since'], lm);
    // Last-Modified alone also round-trips.
    const byDate = await f.get(srv.url(A, '/cond'), { lastModified: lm });
    assert.equal(byDate.notModified, true);
    assert.equal(f.stats().notModified, 2);
    await f.close();
  });
});

describe('fetcher: redirects', () => {
  it('follows relative and cross-host redirects and reports the final URL', async () => {
    srv.route('/r1', redirect('r2', 301));
    srv.route('/r2', redirect('/r3', 307));
    srv.route('/r3', redirect(srv.url(B, '/landing'), 308));
    srv.route('/landing', staticBody('<p>here</p>'), B);
    const f = createFetcher(policy());
    const res = await f.get(srv.url(A, '/r1'));
    assert.equal(res.url, srv.url(B, '/landing'));
    assert.equal(res.text, '<p>here</p>');
    assert.deepEqual(srv.log.map((e) => `${e.host}${e.path}`), [`${A}/r1`, `${A}/r2`, `${A}/r3`, `${B}/landing`]);
    assert.equal(f.stats().requests, 4);
    await f.close();
  });

  it('fails a redirect loop with kind redirects', async () => {
    srv.route('/loop-a', redirect('/loop-b'));
    srv.route('/loop-b', redirect('/loop-a'));
    const f = createFetcher(policy({ retries: 2 }), fast);
    const err = await failure(f.get(srv.url(A, '/loop-a')));
    assert.equal(err.kind, 'redirects');
    assert.equal(err.transient, false);
    assert.match(err.message, /loop/);
    assert.equal(srv.log.length, 2);
    await f.close();
  });

  it('follows 5 redirects but not 6', async () => {
    for (let i = 0; i < 6; i++) srv.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    srv.route('/hop6', staticBody('end'));
    const f = createFetcher(policy());
    assert.equal((await f.get(srv.url(A, '/hop1'))).text, 'end');
    srv.log.length = 0;
    const err = await failure(f.get(srv.url(A, '/hop0')));
    assert.equal(err.kind, 'redirects');
    assert.equal(srv.log.length, 6, 'the sixth redirect is not followed');
    await f.close();
  });

  it('refuses a redirect to a non-http scheme', async () => {
    srv.route('/to-ftp', redirect('ftp://example.com/file'));
    const f = createFetcher(policy());
    assert.equal((await failure(f.get(srv.url(A, '/to-ftp')))).kind, 'bad_url');
    await f.close();
  });
});
