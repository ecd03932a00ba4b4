import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { run } from '../../src/cli/extract-batch.js';
import type { CliIO } from '../../src/cli/io.js';

function io(stdin: string): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  stdout.on('data', (c: Buffer) => o.push(c));
  stderr.on('data', (c: Buffer) => e.push(c));
  return {
    io: { stdin: Readable.from([stdin]), stdout, stderr, env: {}, tty: false },
    out: () => Buffer.concat(o).toString('utf8'),
    err: () => Buffer.concat(e).toString('utf8'),
  };
}

test('extract-batch prints one JSON object keyed by id, with per-page ms and errors for unreadable files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-batch-'));
  try {
    const page = join(dir, 'a.html');
    writeFileSync(page, '<html><head><title>Quay works</title><meta name="author" content="Ola Strand"></head><body><article>' +
      '<p>The quay wall repairs finished a week early, and the fish market returns to its old spot on Saturday morning.</p>' +
      '<p>Traders said the temporary car-park site had cost them customers over the winter months.</p></article></body></html>');
    const items = [
      { id: 'a', html_path: page, url: 'https://example.org/quay' },
      { id: 'missing', html_path: join(dir, 'nope.html'), url: 'https://example.org/nope' },
    ];
    const t = io(JSON.stringify(items));
    assert.equal(await run([], t.io), 0);
    const out = JSON.parse(t.out());
    assert.deepEqual(Object.keys(out).sort(), ['a', 'missing']);
    assert.equal(out.a.title, 'Quay works');
    assert.equal(out.a.byline, 'Ola Strand');
    assert.equal(out.a.published_at, null);
    assert.ok(out.a.text.startsWith('The quay wall repairs finished a week early'), out.a.text);
    assert.ok(out.a.text.includes('\n\nTraders said'));
    assert.equal(typeof out.a.ms, 'number');
    assert.ok(out.a.ms >= 0);
    assert.match(out.missing.error, /nope\.html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('extract-batch rejects stdin that is not JSON, or not a list of items, with exit 2', async () => {
  for (const bad of ['{not json', '{"id":"x"}', '[{"url":"https://x/"}]']) {
    const t = io(bad);
    assert.equal(await run([], t.io), 2, bad);
    assert.equal(t.out(), '');
    assert.match(t.err(), /^newsdesk extract-batch: (stdin|item 0)/);
  }
});

test('extract-batch refuses positional arguments (the list comes on stdin) with exit 2', async () => {
  const t = io('[]');
  assert.equal(await run(['pages.json'], t.io), 2);
  assert.match(t.err(), /unexpected argument "pages\.json"/);
});

test('extract-batch with an empty list prints an empty object', async () => {
  const t = io('[]');
  assert.equal(await run([], t.io), 0);
  assert.deepEqual(JSON.parse(t.out()), {});
});
