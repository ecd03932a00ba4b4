import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/feed-batch.js';
import type { CliIO } from '../../src/cli/io.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function feedBatch(stdin: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: CliIO = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, tty: false };
  const collect = (s: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const out = collect(io.stdout as PassThrough);
  const err = collect(io.stderr as PassThrough);
  (io.stdin as PassThrough).end(stdin);
  const code = await run(args, io);
  return { code, stdout: out(), stderr: err() };
}

describe('feed-batch', () => {
  it('writes one JSON object keyed by id, decoding a declared ISO-8859-1 file', async () => {
    const input = [
      { id: 'cafe', path: fixture('latin1.rss'), url: 'https://cafe.example/feed.rss' },
      { id: 'cafe-nourl', path: fixture('latin1.rss'), url: null },
      { id: 'json', path: fixture('feed.json'), url: 'https://tidewater.example/feed.json' },
    ];
    const { code, stdout, stderr } = await feedBatch(JSON.stringify(input));
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result), ['cafe', 'cafe-nourl', 'json']);
    assert.deepEqual(result.cafe, {
      title: 'Café Gazette',
      link: 'https://cafe.example/',
      items: [
        {
          title: 'Crème brûlée festival returns',
          link: 'https://cafe.example/2024/creme-brulee',
          guid: 'cafe-77',
          published_at: '2024-03-02T17:00:00.000Z',
          summary: 'Stalls open at noon – bring a spoon.', // 0x96 read as windows-1252's en dash
        },
      ],
    });
    assert.equal(result['cafe-nourl'].items[0].link, '/2024/creme-brulee');
    assert.equal(result.json.items.length, 2);
  });

  it('reports files it cannot read or that are not feeds as {"error"} and still exits 0', async () => {
    const input = [
      { id: 'page', path: fixture('served-as-html.html'), url: 'https://lakeside.example/' },
      { id: 'gone', path: fixture('no-such-file.xml'), url: null },
      { id: 'ok', path: fixture('truncated.rss'), url: null },
    ];
    const { code, stdout } = await feedBatch(JSON.stringify(input));
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.match(result.page.error, /served-as-html\.html: The document is an HTML page, not a feed/);
    assert.match(result.gone.error, /cannot read .*no-such-file\.xml: ENOENT/);
    assert.equal(result.ok.items.length, 2);
  });

  it('keeps an id such as "__proto__" as a plain key', async () => {
    const { stdout } = await feedBatch(JSON.stringify([{ id: '__proto__', path: fixture('bare-br.rss'), url: null }]));
    assert.equal(JSON.parse(stdout).__proto__.items.length, 2);
    assert.ok(stdout.startsWith('{"__proto__":'));
  });

  it('exits 2 with a message on stderr for unparseable or malformed stdin', async () => {
    for (const [stdin, message] of [
      ['not json', /stdin is not valid JSON/],
      ['{"id": "x"}', /must be a JSON array/],
      ['[{"id": "x"}]', /entry 0 needs a string "id" and a string "path"/],
      ['[{"id": "x", "path": "p", "url": 5}]', /"url" must be a string or null/],
    ] as const) {
      const { code, stdout, stderr } = await feedBatch(stdin);
      assert.equal(code, 2, stdin);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
  });

  it('rejects stray arguments and answers --help', async () => {
    assert.equal((await feedBatch('[]', ['extra'])).code, 2);
    const help = await feedBatch('', ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stderr, /usage: newsdesk feed-batch/);
  });

  it('writes {} for an empty list', async () => {
    const { code, stdout } = await feedBatch('[]');
    assert.equal(code, 0);
    assert.equal(stdout, '{}\n');
  });
});
