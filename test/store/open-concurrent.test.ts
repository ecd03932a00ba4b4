import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp-db.js';
import { NODE_ARGS, programFile } from '../support/cli.js';

const CHILD = fileURLToPath(new URL('./open-db-child.mjs', import.meta.url));

/** Starts `n` processes that each load the store, then opens the same fresh file in all of them at the same moment. */
async function openTogether(file: string, n: number): Promise<{ code: number | null; stderr: string }[]> {
  const children: ChildProcess[] = [];
  const results: Promise<{ code: number | null; stderr: string }>[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, [...NODE_ARGS, CHILD, programFile('store/index.js'), file], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (c) => { stderr += c; });
    ready.push(new Promise((r) => child.stdout!.once('data', () => r())));
    results.push(new Promise((r) => child.on('close', (code) => r({ code, stderr }))));
  }
  await Promise.all(ready);
  for (const c of children) c.stdin!.write('go\n');
  return Promise.all(results);
}

test('many processes opening one fresh database at once all succeed, and it is migrated once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    for (let round = 0; round < 3; round++) {
      const file = join(dir, `fresh-${round}.db`);
      const results = await openTogether(file, 8);
      const failed = results.filter((r) => r.code !== 0);
      assert.deepEqual(failed, [], `round ${round}: ${failed.length} of 8 openers failed`);
      const db = new Database(file, { readonly: true });
      try {
        assert.ok((db.pragma('user_version', { simple: true }) as number) >= 5);
        assert.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sources'`).pluck().get(), 1);
      } finally { db.close(); }
    }
  } finally { cleanup(); }
});
