import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createFetcher, FetchError, type FetchPolicy } from '../../src/net/index.js';
import { failure } from '../support/fetch-failure.js';
import { hang, startFixtureServer, staticBody, status, type FixtureServer } from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0 (+https://example.invalid/bot)', concurrency: 8, per_host_concurrency: 2,
  per_host_delay_ms: 0, timeout_ms: 2000, max_bytes: 100_000, retries: 0, respect_robots: false,
  allow_private_hosts: true, ...o,
});
const A = '127.0.0.2';
const B = '127.0.0.3';

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer(); });
after(async () => { await srv.close(); });
beforeEach(() => { srv.reset(); });
const hitsOf = (path: string) => srv.log.filter((e) => e.path === path);


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
    const warnings: object[] = [];
    const log = { debug: () => {}, warn: (o: object) => { warnings.push(o); } };
    const f = createFetcher(policy({ allow_private_hosts: false, respect_robots: true }), { log });
    const err = await failure(f.get(srv.url(A, '/x')));
    assert.equal(err.kind, 'private_address');
    assert.equal(err.transient, false);
    assert.match(err.message, /allow_private_hosts/);
    assert.equal(srv.log.length, 0);
    assert.equal(f.stats().requests, 0);
    assert.deepEqual(warnings, [], 'not even robots.txt was attempted');
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
    // Wait until the first request is at the server (polling, not a fixed sleep that a loaded machine outruns).
    for (let i = 0; i < 500 && srv.log.filter((l) => l.path === '/hang').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const t0 = performance.now();
    await f.close();
    assert.ok(performance.now() - t0 < 1000);
    assert.equal((await inFlight).kind, 'network');
    assert.equal((await queued).kind, 'network');
    assert.equal((await failure(f.get(srv.url(A, '/hang')))).kind, 'network');
    assert.equal(srv.log.filter((l) => l.path === '/hang').length, 1);
  });
});
