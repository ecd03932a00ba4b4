import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlitePorts } from '../../src/store/sqlite/index.js';
import { openStore } from '../../src/store/index.js';
import type { AggregatePorts } from '../../src/store/ports.js';
import { portSuite } from './port-suite.js';

/** A fresh SQLite file in a temp directory, opened through the ports; closing deletes it. */
async function openTemp() {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ports-'));
  const h = await openSqlitePorts(join(dir, 'ports.db'));
  return { ports: h.ports, file: h.file, close: async () => { await h.close(); rmSync(dir, { recursive: true, force: true }); } };
}

portSuite('sqlite', openTemp);

test('sqlite: the outer ports used inside a unit are refused at once, not left to wait for the unit', async () => {
  const h = await openTemp();
  try {
    await assert.rejects(h.ports.unitOfWork.run(async () => { await h.ports.sources.sourceNames(); }),
      /use the ports passed to unitOfWork.run/);
    await assert.rejects(h.ports.unitOfWork.run(async () => h.ports.unitOfWork.run(async () => 1)), /units do not nest/);
    let leaked: AggregatePorts | undefined;
    await h.ports.unitOfWork.run(async (u) => { leaked = u; });
    await assert.rejects(leaked!.sources.sourceNames(), /unit of work that has already ended/);
    assert.deepEqual(await h.ports.sources.sourceNames(), [], 'the ports still work after a refused call');
  } finally { await h.close(); }
});

test('sqlite: the ports write the same file the synchronous Store reads', async () => {
  const h = await openTemp();
  try {
    await h.ports.sources.upsertSources([{ id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [],
      always_relevant: false, primary: false, enabled: true }]);
    const store = openStore(h.file, { create: false });
    try { assert.deepEqual(store.sourceNames(), [{ id: 'wire', name: 'Wire' }]); } finally { store.close(); }
  } finally { await h.close(); }
});
