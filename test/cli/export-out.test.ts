import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { runMain } from '../support/cli.js';
import { seedStories } from '../support/seed.js';
import { openStore } from '../../src/store/index.js';

test('export --out refuses to overwrite without --force, writes through a temp file, and warns about an empty issue', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'n.db');
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, 'publication: { name: "Test Digest" }\nsources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
    const store = openStore(db);
    const [one] = seedStories(store, [{ title: 'Ministers meet', headline: 'Ministers meet in Tokyo', bullet: 'They met on Tuesday.' }]);
    store.close();
    const nd = (...args: string[]) => runMain([...args, '--config', config, '--db', db]);
    assert.equal((await nd('issue', 'create', '--volume', '1', '--number', '1')).code, 0);

    const out = join(dir, 'issue.md');
    const empty = await nd('export', '--issue', '1.1', '--format', 'md', '--out', out);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stderr, /warning: issue 1\.1 has no items/i);

    writeFileSync(out, 'the editor\'s own notes\n');
    assert.equal((await nd('issue', 'add', '1.1', String(one.itemId))).code, 0);
    const refused = await nd('export', '--issue', '1.1', '--format', 'md', '--out', out);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /already exists/);
    assert.match(refused.stderr, /--force/);
    assert.equal(readFileSync(out, 'utf8'), 'the editor\'s own notes\n', 'the existing file is untouched');

    const forced = await nd('export', '--issue', '1.1', '--format', 'md', '--out', out, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.doesNotMatch(forced.stderr, /no items/);
    assert.match(readFileSync(out, 'utf8'), /Ministers meet in Tokyo/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temp file is left behind');

    const missingDir = await nd('export', '--issue', '1.1', '--format', 'md', '--out', join(dir, 'nope', 'x.md'));
    assert.equal(missingDir.code, 2, missingDir.stderr);
    assert.match(missingDir.stderr, /folder .*does not exist/);
  } finally { cleanup(); }
});
