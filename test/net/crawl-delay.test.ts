// robots.txt Crawl-delay as the site sees it: the larger of it and the configured gap separates two
// arrivals at the site; one beyond fetch.max_crawl_delay_s is capped there, with a warning naming that
// setting; a delay asked of another user agent is not ours to keep. Arrivals are stamped by a loopback
// site in its own thread (test/net/site-thread.ts), so the crawler's own work cannot skew its clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFetcher, type FetchPolicy, type NetLog } from '../../src/net/index.js';
import { gapsOf, startSiteThread, type Arrival } from './site-thread.js';

const policy = (o: Partial<FetchPolicy>): FetchPolicy => ({
  user_agent: 'newsdesk-test/1.0 (+https://example.invalid/bot)', concurrency: 8, per_host_concurrency: 2,
  per_host_delay_ms: 50, timeout_ms: 10_000, max_bytes: 100_000, retries: 0, respect_robots: true,
  allow_private_hosts: true, ...o,
});

interface Warning { obj: Record<string, unknown>; msg: string }

/** A logger that keeps the warnings. */
function capture(): { log: NetLog; warnings: Warning[] } {
  const warnings: Warning[] = [];
  return { warnings, log: { debug: () => {}, warn: (obj, msg = '') => { warnings.push({ obj: obj as Record<string, unknown>, msg }); } } };
}

/** Fetches `n` pages of a site serving `robots` (all queued at once) and returns the arrivals the site stamped. */
async function crawl(p: FetchPolicy, robots: string, n: number, log?: NetLog): Promise<{ arrivals: Arrival[]; gaps: number[] }> {
  const site = await startSiteThread({ latencyMs: 10, robots });
  const f = createFetcher(p, { log });
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => f.get(`${site.origin}/page/${i}`)));
    const arrivals = await site.arrivals();
    return { arrivals, gaps: gapsOf(arrivals) };
  } finally {
    await f.close();
    await site.close();
  }
}

const fmt = (gaps: number[]) => gaps.map((g) => g.toFixed(1)).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * A site may stamp a request a little after it arrived when the machine is busy (other test files run
 * alongside), which shortens the gap it records; 10 % of the expected gap absorbs that and still sits far
 * above the 50 ms configured gap that a crawler ignoring Crawl-delay would keep.
 */
const atLeast = (expectedMs: number) => expectedMs * 0.9;

describe('robots.txt Crawl-delay at the site', () => {
  it('waits the Crawl-delay between arrivals when it is longer than the configured gap', async (t) => {
    const { arrivals, gaps } = await crawl(policy({ per_host_delay_ms: 50 }),
      'User-agent: *\nCrawl-delay: 0.4\nAllow: /\n', 4);
    t.diagnostic(`gaps ${fmt(gaps)} ms`);
    assert.equal(arrivals[0].path, '/robots.txt');
    assert.equal(arrivals.length, 5);
    // robots.txt → first page included: the delay holds from the very first request to the host.
    for (const g of gaps) assert.ok(g >= atLeast(400), `gap ${g.toFixed(1)} ms at the site < Crawl-delay 400 ms (gaps ${fmt(gaps)})`);
  });

  it('keeps the configured gap when it is longer than the Crawl-delay', async (t) => {
    const { gaps } = await crawl(policy({ per_host_delay_ms: 300 }), 'User-agent: *\nCrawl-delay: 0.15\n', 4);
    t.diagnostic(`gaps ${fmt(gaps)} ms`);
    assert.equal(gaps.length, 4);
    for (const g of gaps) assert.ok(g >= atLeast(300), `gap ${g.toFixed(1)} ms at the site < configured 300 ms (gaps ${fmt(gaps)})`);
    // The larger of the two, not their sum (450 ms): timers fire late on a loaded machine, hence the slack.
    assert.ok(median(gaps) < 400, `median gap ${median(gaps).toFixed(1)} ms: more than the larger of gap and Crawl-delay`);
  });

  it('caps a Crawl-delay beyond fetch.max_crawl_delay_s at the cap, warning once per host', async (t) => {
    const { log, warnings } = capture();
    const { gaps } = await crawl(policy({ per_host_delay_ms: 50, max_crawl_delay_s: 0.3 }),
      'User-agent: *\nCrawl-delay: 4\n', 3, log);
    t.diagnostic(`gaps ${fmt(gaps)} ms`);
    assert.equal(gaps.length, 3);
    for (const g of gaps) {
      assert.ok(g >= atLeast(300), `gap ${g.toFixed(1)} ms at the site < the 300 ms cap (gaps ${fmt(gaps)})`);
      assert.ok(g < 2000, `gap ${g.toFixed(1)} ms at the site: the 4 s Crawl-delay was not capped at 0.3 s`);
    }
    assert.equal(warnings.length, 1, `one warning for the host, saw ${JSON.stringify(warnings)}`);
    const [w] = warnings;
    assert.equal(w.obj.outcome, 'crawl_delay_capped');
    assert.equal(w.obj.crawl_delay_s, 4);
    assert.equal(w.obj.max_crawl_delay_s, 0.3);
    assert.match(String(w.obj.url), /^http:\/\/127\.0\.0\.1:\d+\/robots\.txt$/);
    assert.match(w.msg, /Crawl-delay: 4 s/);
    assert.match(w.msg, /fetch\.max_crawl_delay_s/, 'the warning names the setting that caps it');
  });

  it('caps at 30 s when the policy names no max_crawl_delay_s', async () => {
    // Waiting out 30 s is no test: watch for the warning, then close the fetcher, which cancels the wait.
    const { log, warnings } = capture();
    const site = await startSiteThread({ latencyMs: 0, robots: 'User-agent: *\nCrawl-delay: 45\n' });
    const f = createFetcher(policy({}), { log });
    try {
      const page = f.get(`${site.origin}/page/0`).catch((err: Error) => err);
      for (let i = 0; i < 500 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await f.close();
      assert.ok((await page) instanceof Error, 'the page waits the capped delay; close() cancels it');
      assert.equal(warnings.length, 1, `saw ${JSON.stringify(warnings)}`);
      assert.equal(warnings[0].obj.crawl_delay_s, 45);
      assert.equal(warnings[0].obj.max_crawl_delay_s, 30);
      assert.deepEqual((await site.arrivals()).map((a) => a.path), ['/robots.txt']);
    } finally {
      await f.close();
      await site.close();
    }
  });

  it('does not keep a Crawl-delay asked of another user agent', async (t) => {
    const { log, warnings } = capture();
    // Another bot's group asks for 2 s; ours (here "*") asks for nothing.
    const other = await crawl(policy({ per_host_delay_ms: 50 }),
      'User-agent: otherbot\nCrawl-delay: 2\n\nUser-agent: *\nAllow: /\n', 3, log);
    // Our own product token's group has no Crawl-delay: it wins over the "*" group that has one.
    const own = await crawl(policy({ per_host_delay_ms: 50 }),
      'User-agent: *\nCrawl-delay: 2\n\nUser-agent: newsdesk-test\nAllow: /\n', 3, log);
    t.diagnostic(`other bot's group: gaps ${fmt(other.gaps)} ms; our own group: gaps ${fmt(own.gaps)} ms`);
    for (const { gaps } of [other, own]) {
      assert.equal(gaps.length, 3);
      // Only the upper bound: the 50 ms gap itself is politeness-site.test.ts's to check (a loaded site stamps a
      // request a few ms late, which at 50 ms is more than the 10 % slack the longer delays here get).
      for (const g of gaps) assert.ok(g < 1000, `gap ${g.toFixed(1)} ms: a Crawl-delay of another group was applied (gaps ${fmt(gaps)})`);
    }
    assert.deepEqual(warnings, []);
  });

  it('keeps the Crawl-delay of the group naming our product token', async (t) => {
    const { gaps } = await crawl(policy({ per_host_delay_ms: 50 }),
      'User-agent: newsdesk-test\nCrawl-delay: 0.4\n\nUser-agent: *\nAllow: /\n', 3);
    t.diagnostic(`gaps ${fmt(gaps)} ms`);
    assert.equal(gaps.length, 3);
    for (const g of gaps) assert.ok(g >= atLeast(400), `gap ${g.toFixed(1)} ms at the site < Crawl-delay 400 ms (gaps ${fmt(gaps)})`);
  });
});
