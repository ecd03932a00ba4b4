import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { createFetcher, type FetchPolicy } from '../../src/net/index.js';
import { failure } from '../support/fetch-failure.js';
import {
  hang, reply, sequence, startFixtureServer, staticBody, status, trickle, type FixtureServer,
} from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0 (+https://example.invalid/bot)', concurrency: 8, per_host_concurrency: 2,
  per_host_delay_ms: 0, timeout_ms: 2000, max_bytes: 100_000, retries: 0, respect_robots: false,
  allow_private_hosts: true, ...o,
});
const fast = { retryBaseMs: 5 };
const A = '127.0.0.2';

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer(); });
after(async () => { await srv.close(); });
beforeEach(() => { srv.reset(); });
const hitsOf = (path: string) => srv.log.filter((e) => e.path === path);


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
  it('times out a server that never answers', { timeout: 5000 }, async () => {
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

  it('times out a body that trickles forever', { timeout: 5000 }, async () => {
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

  it('stops reading an endless body without Content-Length and drops the connection', { timeout: 5000 }, async () => {
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

  it('stops a gzip bomb at max_bytes of decompressed output', { timeout: 5000 }, async () => {
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
