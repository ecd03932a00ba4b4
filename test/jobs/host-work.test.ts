import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostWork } from '../../src/jobs/host-work.js';
import { hostKey } from '../../src/net/index.js';

test('a host whose items are slow does not hold back another host', async () => {
  const work = new HostWork(2);
  const started: string[] = [];
  const task = (name: string, ms: number) => async () => { started.push(name); await sleep(ms); };
  // Host a's producer fills its lane first, as the first feed read does in a run.
  const feedA = (async () => { for (let i = 0; i < 6; i++) await work.add(`http://a.test/${i}`, task(`a${i}`, 40)); })();
  await sleep(5);
  const t0 = performance.now();
  await work.add('http://b.test/0', task('b0', 1));
  await sleep(5);
  assert.ok(started.includes('b0'), `b0 should start at once beside host a's items; started: ${started.join(',')}`);
  assert.ok(performance.now() - t0 < 30);
  await feedA;
  await work.onIdle();
  assert.equal(work.outstanding, 0);
  assert.equal(started.filter((s) => s.startsWith('a')).length, 6);
});

test('a producer waits while its host has its bound running and waiting', async () => {
  const work = new HostWork(2);
  let running = 0;
  let maxRunning = 0;
  const task = async () => { running++; maxRunning = Math.max(maxRunning, running); await sleep(10); running--; };
  let admitted = 0;
  const producer = (async () => { for (let i = 0; i < 10; i++) { await work.add('http://a.test/x', task); admitted++; } })();
  await sleep(2);
  assert.ok(admitted <= 4, `at most 2 running and 2 waiting, admitted ${admitted}`);
  await producer;
  await work.onIdle();
  assert.equal(maxRunning, 2);
});

test('hostKey: default ports, and a bad URL gets a lane of its own', () => {
  assert.equal(hostKey('https://example.org/a'), 'example.org:443');
  assert.equal(hostKey('http://127.0.0.2:8080/a'), '127.0.0.2:8080');
  assert.equal(hostKey('not a url'), 'not a url');
});
