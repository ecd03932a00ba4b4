import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { runMain } from '../support/cli.js';

test('read-only commands refuse a --db that does not exist (exit 2, naming it) and create nothing', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, 'publication: { name: "Test Digest" }\nsources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
    const typo = join(dir, 'dtaa', 'newsdesk.db');
    for (const args of [['items'], ['stories'], ['export', '--issue', '1.1', '--format', 'md']]) {
      const r = await runMain([...args, '--config', config, '--db', typo]);
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.ok(r.stderr.includes(typo), r.stderr);
      assert.match(r.stderr, /no database at .*check --db/);
      assert.equal(existsSync(join(dir, 'dtaa')), false, `${args[0]} created the folder`);
    }
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(200));
    const r = await runMain(['items', '--config', config, '--db', notDb]);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(notDb), r.stderr);
  } finally { cleanup(); }
});
