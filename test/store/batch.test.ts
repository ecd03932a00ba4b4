import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempStore } from '../support/temp-db.js';
import { openStore } from '../../src/store/index.js';

const NOW = '2026-11-20T00:00:00.000Z';
const disc = (url: string) => ({ url, url_seen: url, source_id: 's1', title: `T ${url}`, summary: null, content: null, published_at: NOW });

test('batched writes are visible at once to the writer and reach other connections when the batch commits', async () => {
  const { store, file, cleanup } = tempStore();
  const reader = openStore(file);
  try {
    const batch = store.writeBatch({ maxMs: 60_000, maxWrites: 3 });
    batch.run(() => store.insertDiscovered(disc('https://x.org/1'), NOW));
    batch.run(() => store.insertDiscovered(disc('https://x.org/2'), NOW));
    assert.equal(store.listItems({}).length, 2, 'the writer sees its own writes');
    assert.equal(reader.listItems({}).length, 0, 'another connection does not, before the commit');
    batch.run(() => store.insertDiscovered(disc('https://x.org/3'), NOW));
    assert.equal(reader.listItems({}).length, 3, 'the third write reached maxWrites and committed');
    batch.run(() => store.insertDiscovered(disc('https://x.org/4'), NOW));
    batch.flush();
    assert.equal(reader.listItems({}).length, 4);
  } finally { reader.close(); cleanup(); }
});

test('a batch commits on its timer, and a failed write undoes only its own changes', async () => {
  const { store, file, cleanup } = tempStore();
  const reader = openStore(file);
  try {
    const batch = store.writeBatch({ maxMs: 20, maxWrites: 1000 });
    batch.run(() => store.insertDiscovered(disc('https://x.org/kept'), NOW));
    assert.throws(() => batch.run(() => {
      store.insertDiscovered(disc('https://x.org/undone'), NOW);
      throw new Error('boom');
    }), /boom/);
    await sleep(80);
    assert.deepEqual(reader.listItems({}).map((i) => i.url), ['https://x.org/kept']);
  } finally { reader.close(); cleanup(); }
});

test('a process that stops before the batch commits leaves the database as the last commit left it', () => {
  const { store, file, cleanup } = tempStore();
  try {
    const batch = store.writeBatch({ maxMs: 60_000, maxWrites: 1000 });
    batch.run(() => store.insertDiscovered(disc('https://x.org/committed'), NOW));
    batch.flush();
    batch.run(() => store.insertDiscovered(disc('https://x.org/in-flight'), NOW));
    store.close(); // closing with an open transaction rolls it back, as a kill does
    const again = openStore(file);
    try {
      assert.deepEqual(again.listItems({}).map((i) => i.url), ['https://x.org/committed']);
    } finally { again.close(); }
  } finally { cleanup(); }
});
