import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { createFetcher, FetchError, type FetchPolicy } from '../../src/net/index.js';
import {
  hang, redirect, reply, sequence, startFixtureServer, staticBody, status, trickle, type FixtureServer,
} from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0 (+https://example.invalid/bot)', concurrency: 8, per_host_concurrency: 2,
  per_host_delay_ms: 0, timeout_ms: 2000, max_bytes: 100_000, retries: 0, respect_robots: false,
  allow_private_hosts: true, ...o,
});
const fast = { retryBaseMs: 5 };
const A = '127.0.0.2';
const B = '127.0.0.3';

/** Resolves with the FetchError the promise rejects with (fails if it resolves). */
async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer(); });
after(async () => { await srv.close(); });
beforeEach(() => { srv.log.length = 0; });
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

describe('fetcher: statuses and retries', () => {
  it('does not retry a 404', async () => {
    srv.route('/gone', status(404));
    const f = createFetcher(policy({ retries: 3 }), fast);
    const err = await failure(f.get(srv.url(A, '/gone')));
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 404);
    assert.equal(err.transient, false);
    assert.ok(err.message.includes(srv.url(A, '/gone')));
    assert.equal(hitsOf('/gone').length, 1);
    const s = f.stats();
    assert.deepEqual([s.requests, s.retries, s.errors], [1, 0, 1]);
    await f.close();
  });

  it('retries a 500 and succeeds', async () => {
    srv.route('/flaky', sequence(status(500), staticBody('<p>ok</p>')));
    const f = createFetcher(policy({ retries: 2 }), fast);
    const res = await f.get(srv.url(A, '/flaky'));
    assert.equal(res.text, '<p>ok</p>');
    assert.equal(hitsOf('/flaky').length, 2);
    const s = f.stats();
    assert.equal(s.requests, 2);
    assert.equal(s.retries, 1);
    assert.equal(s.errors, 0);
    await f.close();
  });

  it('gives up after `retries` retries with a transient http error', async () => {
    srv.route('/down', status(503));
    const f = createFetcher(policy({ retries: 2 }), fast);
    const err = await failure(f.get(srv.url(A, '/down')));
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 503);
    assert.equal(err.transient, true);
    assert.equal(hitsOf('/down').length, 3);
    assert.deepEqual({ ...f.stats(), bytes: 0 }, { requests: 3, bytes: 0, notModified: 0, retries: 2, errors: 1 });
    await f.close();
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    srv.route('/busy', sequence(status(429, { 'retry-after': '1' }), staticBody('fine')));
    const f = createFetcher(policy({ retries: 1 }), fast);
    const t0 = performance.now();
    assert.equal((await f.get(srv.url(A, '/busy'))).text, 'fine');
    const [first, second] = hitsOf('/busy');
    assert.ok(second.start - first.start >= 995, `retried after ${second.start - first.start} ms`);
    assert.ok(performance.now() - t0 < 2500);
    assert.equal(f.stats().retries, 1);
    await f.close();
  });

  it('fails at once (transient) when Retry-After is beyond the cap', async () => {
    srv.route('/later', status(429, { 'retry-after': '3600' }));
    const f = createFetcher(policy({ retries: 3 }), fast);
    const t0 = performance.now();
    const err = await failure(f.get(srv.url(A, '/later')));
    assert.equal(err.status, 429);
    assert.equal(err.transient, true);
    assert.match(err.message, /3600 s/);
    assert.equal(hitsOf('/later').length, 1);
    assert.ok(performance.now() - t0 < 500);
    await f.close();
  });
});

describe('fetcher: time and size limits', () => {
  it('times out a server that never answers', async () => {
    srv.route('/hang', hang());
    const f = createFetcher(policy({ timeout_ms: 300 }));
    const t0 = performance.now();
    const err = await failure(f.get(srv.url(A, '/hang')));
    const ms = performance.now() - t0;
    assert.equal(err.kind, 'timeout');
    assert.equal(err.transient, true);
    assert.ok(ms >= 295 && ms < 800, `took ${ms} ms`);
    await f.close();
  });

  it('times out a body that trickles forever', async () => {
    srv.route('/drip', trickle('.', 100));
    const f = createFetcher(policy({ timeout_ms: 400 }));
    const t0 = performance.now();
    const err = await failure(f.get(srv.url(A, '/drip')));
    const ms = performance.now() - t0;
    assert.equal(err.kind, 'timeout');
    assert.ok(ms >= 395 && ms < 900, `took ${ms} ms`);
    await f.close();
  });

  it('refuses a body whose Content-Length is over max_bytes', async () => {
    srv.route('/big', reply({ headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(300_000, 0x61) }));
    const f = createFetcher(policy({ max_bytes: 100_000, retries: 2 }), fast);
    const err = await failure(f.get(srv.url(A, '/big')));
    assert.equal(err.kind, 'too_large');
    assert.equal(err.transient, false);
    assert.match(err.message, /300000 bytes/);
    assert.equal(hitsOf('/big').length, 1, 'not retried');
    await f.close();
  });

  it('stops reading an endless body without Content-Length and drops the connection', async () => {
    srv.route('/endless', reply({ headers: { 'content-type': 'text/plain' }, flood: { chunk: Buffer.alloc(16_384, 0x62) } }));
    const f = createFetcher(policy({ max_bytes: 100_000, timeout_ms: 5000 }));
    const t0 = performance.now();
    const err = await failure(f.get(srv.url(A, '/endless')));
    assert.equal(err.kind, 'too_large');
    assert.ok(performance.now() - t0 < 2000);
    // The server sees the client go away: the response ends without having been finished.
    for (let i = 0; i < 50 && Number.isNaN(hitsOf('/endless')[0].end); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(!Number.isNaN(hitsOf('/endless')[0].end), 'connection was closed');
    await f.close();
  });

  it('stops a gzip bomb at max_bytes of decompressed output', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50_000_000));
    assert.ok(bomb.length < 100_000);
    srv.route('/bomb', reply({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: bomb }));
    const f = createFetcher(policy({ max_bytes: 100_000 }));
    const heapBefore = process.memoryUsage().arrayBuffers;
    const err = await failure(f.get(srv.url(A, '/bomb')));
    assert.equal(err.kind, 'too_large');
    assert.ok(process.memoryUsage().arrayBuffers - heapBefore < 20_000_000, 'did not inflate the whole bomb');
    await f.close();
  });

  it('reports a corrupt compressed body as parse, not retried', async () => {
    srv.route('/corrupt', reply({ headers: { 'content-encoding': 'gzip' }, body: Buffer.from('definitely not gzip') }));
    const f = createFetcher(policy({ retries: 2 }), fast);
    const err = await failure(f.get(srv.url(A, '/corrupt')));
    assert.equal(err.kind, 'parse');
    assert.equal(hitsOf('/corrupt').length, 1);
    await f.close();
  });
});

describe('fetcher: robots.txt', () => {
  it('refuses disallowed paths and fetches robots.txt once per host', async () => {
    srv.route('/robots.txt', staticBody('User-agent: *\nDisallow: /private\n', { contentType: 'text/plain' }));
    srv.route('/public', staticBody('open'));
    srv.route('/private/page', staticBody('secret'));
    const f = createFetcher(policy({ respect_robots: true }));
    const results = await Promise.allSettled([
      f.get(srv.url(A, '/public')), f.get(srv.url(A, '/public')), f.get(srv.url(A, '/private/page')),
      f.get(srv.url(B, '/public')),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const err = (results[2] as PromiseRejectedResult).reason as FetchError;
    assert.equal(err.kind, 'robots');
    assert.equal(err.transient, false);
    assert.match(err.message, /disallows \/private\/page.*respect_robots: false/);
    assert.equal(hitsOf('/private/page').length, 0);
    const robotsHosts = hitsOf('/robots.txt').map((e) => e.host).sort();
    assert.deepEqual(robotsHosts, [A, B]);
    assert.equal(f.stats().requests, 5, 'robots.txt requests are counted');
    await f.close();
  });

  it('matches a group for our product token and ignores robots when not respecting it', async () => {
    srv.route('/robots.txt', staticBody('User-agent: newsdesk-test\nDisallow: /\n\nUser-agent: *\nAllow: /\n', { contentType: 'text/plain' }));
    srv.route('/any', staticBody('x'));
    const polite = createFetcher(policy({ respect_robots: true }));
    assert.equal((await failure(polite.get(srv.url(A, '/any')))).kind, 'robots');
    const rude = createFetcher(policy({ respect_robots: false }));
    assert.equal((await rude.get(srv.url(A, '/any'))).text, 'x');
    await Promise.all([polite.close(), rude.close()]);
  });

  it('allows everything when robots.txt is missing, and warns when it fails', async () => {
    srv.route('/robots.txt', status(404), A);
    srv.route('/robots.txt', status(500), B);
    srv.route('/any', staticBody('x'));
    const warnings: object[] = [];
    const log = { debug: () => {}, warn: (o: object) => { warnings.push(o); } };
    const f = createFetcher(policy({ respect_robots: true }), { log });
    assert.equal((await f.get(srv.url(A, '/any'))).text, 'x');
    assert.equal(warnings.length, 0);
    assert.equal((await f.get(srv.url(B, '/any'))).text, 'x');
    assert.equal(warnings.length, 1);
    assert.match(JSON.stringify(warnings[0]), /robots/);
    await f.close();
  });
});

describe('fetcher: private-address guard', () => {
  it('refuses loopback URLs before any request is sent', async () => {
    srv.route('/x', staticBody('x'));
    const f = createFetcher(policy({ allow_private_hosts: false, respect_robots: true }));
    const err = await failure(f.get(srv.url(A, '/x')));
    assert.equal(err.kind, 'private_address');
    assert.equal(err.transient, false);
    assert.match(err.message, /allow_private_hosts/);
    assert.equal(srv.log.length, 0);
    assert.equal(f.stats().requests, 0);
    await f.close();
  });

  it('refuses a hostname that resolves to 10.0.0.1', async () => {
    const asked: string[] = [];
    const lookup = async (host: string) => { asked.push(host); return ['10.0.0.1']; };
    const f = createFetcher(policy({ allow_private_hosts: false }), { lookup });
    const err = await failure(f.get('http://intranet.example/news'));
    assert.equal(err.kind, 'private_address');
    assert.match(err.message, /intranet\.example resolves to 10\.0\.0\.1/);
    assert.deepEqual(asked, ['intranet.example']);
    await f.close();
  });

  it('connects to the address the lookup returned (no second DNS query)', async () => {
    srv.route('/pinned', staticBody('pinned'));
    const f = createFetcher(policy(), { lookup: async () => ['127.0.0.4'] });
    const res = await f.get(`http://site-a.test:${srv.port}/pinned`);
    assert.equal(res.text, 'pinned');
    assert.equal(srv.log[0].host, 'site-a.test');
    await f.close();
  });

  it('refuses non-http URLs with bad_url', async () => {
    const f = createFetcher(policy());
    for (const u of ['file:///etc/passwd', 'gopher://x/', 'nonsense']) {
      assert.equal((await failure(f.get(u))).kind, 'bad_url', u);
    }
    assert.equal(f.stats().errors, 3);
    await f.close();
  });
});

describe('fetcher: close', () => {
  it('cancels in-flight and queued requests and refuses new ones', async () => {
    srv.route('/hang', hang());
    const f = createFetcher(policy({ timeout_ms: 10_000, per_host_concurrency: 1 }));
    const inFlight = failure(f.get(srv.url(A, '/hang')));
    const queued = failure(f.get(srv.url(A, '/hang')));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await f.close();
    assert.ok(performance.now() - t0 < 1000);
    assert.equal((await inFlight).kind, 'network');
    assert.equal((await queued).kind, 'network');
    assert.equal((await failure(f.get(srv.url(A, '/hang')))).kind, 'network');
    assert.equal(srv.log.length, 1);
  });
});
