import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchError } from '../../src/net/index.js';
import { forbiddenRange, parseHttpUrl, resolveGuarded } from '../../src/net/guard.js';
import { backoffMs, parseRetryAfter } from '../../src/net/retry.js';

describe('forbiddenRange', () => {
  const refused: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'], ['127.9.9.9', 'loopback'], ['10.0.0.1', 'private'], ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'], ['0.0.0.0', 'unspecified'], ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fd12:3456::1', 'uniqueLocal'], ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'], ['::ffff:10.0.0.1', 'private'], ['::ffff:127.0.0.1', 'loopback'],
  ];
  for (const [ip, range] of refused) {
    it(`refuses ${ip} as ${range}`, () => assert.equal(forbiddenRange(ip), range));
  }
  it('allows public unicast addresses', () => {
    for (const ip of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.4.4']) {
      assert.equal(forbiddenRange(ip), null, ip);
    }
  });
});

describe('resolveGuarded', () => {
  it('refuses a hostname when any resolved address is private', async () => {
    const lookup = async () => ['8.8.8.8', '10.1.2.3'];
    await assert.rejects(resolveGuarded(new URL('http://mixed.test/'), lookup, false),
      (e: FetchError) => e.kind === 'private_address' && !e.transient && e.message.includes('10.1.2.3'));
  });
  it('returns the addresses to pin when they are public, and skips checks when allowed', async () => {
    assert.deepEqual(await resolveGuarded(new URL('http://pub.test/'), async () => ['8.8.8.8'], false), ['8.8.8.8']);
    assert.deepEqual(await resolveGuarded(new URL('http://in.test/'), async () => ['10.0.0.1'], true), ['10.0.0.1']);
  });
  it('checks IPv6 literals without a lookup', async () => {
    const lookup = async () => assert.fail('no lookup for literals');
    await assert.rejects(resolveGuarded(new URL('http://[::1]:8080/'), lookup, false), { kind: 'private_address' });
  });
});

describe('parseHttpUrl', () => {
  it('accepts http and https', () => {
    assert.equal(parseHttpUrl('https://example.com/a?b').href, 'https://example.com/a?b');
  });
  it('refuses other schemes and junk with bad_url', () => {
    for (const raw of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '/relative']) {
      assert.throws(() => parseHttpUrl(raw), (e: FetchError) => e.kind === 'bad_url' && !e.transient, raw);
    }
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });
  it('backs off exponentially with jitter between half and all of the step', () => {
    assert.equal(backoffMs(0, 500, () => 0), 250);
    assert.equal(backoffMs(0, 500, () => 0.999999), 500);
    assert.equal(backoffMs(3, 500, () => 0), 2000);
    assert.ok(backoffMs(20, 500, () => 0.999999) <= 30_000);
  });
});
