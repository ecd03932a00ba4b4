import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysePoliteness, hostLowerBound, type Limits } from '../../bench/politeness.js';
import type { LoggedRequest } from '../support/fixture-server.js';

const L: Limits = { perHostDelayMs: 200, perHostConcurrency: 2, concurrency: 8, latencyMs: 50 };
const req = (host: string, path: string, start: number, end = start + 50): LoggedRequest =>
  ({ host, path, method: 'GET', headers: {}, start, end, status: 200 });
/** robots.txt, the feed, then n articles, `gap` ms apart from `t0`. */
const crawl = (host: string, n: number, gap: number, t0 = 1000) => [
  req(host, '/robots.txt', t0), req(host, '/feed.xml', t0 + gap),
  ...Array.from({ length: n }, (_, i) => req(host, `/news/${i}.html`, t0 + (i + 2) * gap)),
];

test('the lower bound: robots, feed, then one request per gap when the latency is shorter than the gap', () => {
  assert.equal(hostLowerBound(12, L), 11 * 200 + 50);
  assert.equal(hostLowerBound(3, { ...L, perHostDelayMs: 0, latencyMs: 50 }), 150, 'with no gap each step waits for the answer');
});

test('a crawl that keeps the gap has no violations and a ratio of its pace over the bound', () => {
  const log = [...crawl('127.0.0.2', 10, 200), ...crawl('127.0.0.3', 10, 250)];
  const r = analysePoliteness(log, L);
  assert.equal(r.violations, 0);
  assert.equal(r.lower_bound_ms, hostLowerBound(12, L));
  assert.equal(r.elapsed_ms, 11 * 250 + 50);
  assert.equal(r.politeness_ratio, Math.round(((11 * 250 + 50) / (11 * 200 + 50)) * 1000) / 1000);
});

test('a short gap is a violation unless the server was stalled when it stamped the earlier request', () => {
  const log = crawl('127.0.0.2', 6, 200);
  log[4].start -= 3; // the 3rd article arrives 197 ms after the 2nd
  const plain = analysePoliteness(log, L);
  assert.equal(plain.violations, 1);
  assert.equal(plain.violation_detail.gap_stamped_short, 1);
  const late = crawl('127.0.0.2', 6, 200);
  late[3].start += 3; // the 2nd article was stamped 3 ms late, during a 4 ms stall of the server's loop
  const stalls = [{ from: late[3].start - 3.5, to: late[3].start + 0.5 }];
  const r = analysePoliteness(late, L, stalls);
  assert.equal(r.violations, 0);
  assert.equal(r.violation_detail.gap_stamped_short, 1);
  assert.equal(r.violation_detail.gap_during_server_stall, 1);
  const shortStall = analysePoliteness(late, L, [{ from: late[3].start - 1, to: late[3].start }]);
  assert.equal(shortStall.violations, 1, 'a stall shorter than the shortfall explains nothing');
});

test('more requests in flight to one host than allowed is a violation', () => {
  const log = crawl('127.0.0.2', 4, 200);
  log.push(req('127.0.0.2', '/news/x.html', log[3].start + 200, log[3].start + 900), req('127.0.0.2', '/news/y.html', log[3].start + 400, log[3].start + 900),
    req('127.0.0.2', '/news/z.html', log[3].start + 600, log[3].start + 700));
  const r = analysePoliteness(log, L);
  assert.ok(r.violation_detail.host_concurrency >= 1);
  assert.ok(r.violations >= 1);
});
