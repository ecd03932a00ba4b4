import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';

/** A fresh SQLite file in a temp directory; `cleanup` closes and deletes it. */
export function tempStore(): { store: Store; file: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
  const file = join(dir, 'test.db');
  const store = openStore(file);
  return { store, file, dir, cleanup: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A temp directory (for configs and databases used by CLI subprocesses). */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
