// The fetcher promises the private-address guard and the robots.txt check on every redirect hop,
// not only the first. These chains put the refusal at the third URL (hop 2), after two redirects.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createFetcher, type FetchPolicy } from '../../src/net/index.js';
import { failure } from '../support/fetch-failure.js';
import { forbiddenRange } from '../../src/net/guard.js';
import { redirect, startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';

const policy = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0', concurrency: 4, per_host_concurrency: 2, per_host_delay_ms: 0,
  timeout_ms: 2000, max_bytes: 100_000, retries: 0, respect_robots: false, allow_private_hosts: false, ...o,
});
const A = '127.0.0.2';
const B = '127.0.0.3';
const C = '127.0.0.4';
/** A and B stand for public sites; C (and every other address) keeps its real range, loopback. */
const addressRange = (ip: string) => (ip === A || ip === B ? null : forbiddenRange(ip));

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer(); });
after(async () => { await srv.close(); });
beforeEach(() => { srv.reset(); });

describe('fetcher: every redirect hop is checked', () => {
  it('refuses a private address reached on the second redirect', async () => {
    srv.route('/start', redirect(srv.url(B, '/middle')), A);
    srv.route('/middle', redirect(srv.url(C, '/inside')), B);
    srv.route('/inside', staticBody('internal admin page'), C);
    const f = createFetcher(policy(), { addressRange });
    const err = await failure(f.get(srv.url(A, '/start')));
    await f.close();
    assert.equal(err.kind, 'private_address', err.message);
    assert.deepEqual(srv.log.map((e) => `${e.host}${e.path}`), [`${A}/start`, `${B}/middle`], 'nothing reached the private host');
  });

  it('the same chain with public hosts only is followed to the end (the hook is not what refuses)', async () => {
    srv.route('/start', redirect(srv.url(B, '/middle')), A);
    srv.route('/middle', redirect(srv.url(A, '/end')), B);
    srv.route('/end', staticBody('public page'), A);
    const f = createFetcher(policy(), { addressRange });
    const res = await f.get(srv.url(A, '/start'));
    await f.close();
    assert.equal(res.text, 'public page');
  });

  it('refuses a path that the robots.txt of the host at hop 2 disallows', async () => {
    srv.route('/robots.txt', staticBody('User-agent: *\nAllow: /\n', { contentType: 'text/plain' }));
    srv.route('/robots.txt', staticBody('User-agent: *\nDisallow: /members/\n', { contentType: 'text/plain' }), C);
    srv.route('/start', redirect(srv.url(B, '/middle')), A);
    srv.route('/middle', redirect(srv.url(C, '/members/list')), B);
    srv.route('/members/list', staticBody('member list'), C);
    const f = createFetcher(policy({ respect_robots: true, allow_private_hosts: true }));
    const err = await failure(f.get(srv.url(A, '/start')));
    await f.close();
    assert.equal(err.kind, 'robots', err.message);
    assert.equal(srv.log.filter((e) => e.path === '/members/list').length, 0, 'the disallowed page was not requested');
    assert.deepEqual(srv.log.filter((e) => e.path === '/robots.txt').map((e) => e.host), [A, B, C], 'robots.txt read at every host');
  });
});
