import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, statSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { dirname, join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { NODE_ARGS, ROOT, programFile, runMain } from '../support/cli.js';

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

test('serve, sources and issue refuse a database the user named that does not exist (serve never starts)', { timeout: 60_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const config = join(dir, 'sources.yaml');
    writeFileSync(config, 'publication: { name: "Test Digest" }\nsources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
    const typo = join(dir, 'dtaa', 'newsdesk.db');
    for (const args of [['serve', '--port', '0', '--no-schedule'], ['sources'], ['issue', 'list'], ['issue', 'create']]) {
      const r = await runMain([...args, '--config', config, '--db', typo]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /no database at .*check --db/);
      assert.equal(existsSync(join(dir, 'dtaa')), false, `${args.join(' ')} created the folder`);
    }
    // The same through NEWSDESK_DB: a named database, so refused too.
    const r = await runMain(['sources', '--config', config], { ...process.env, NEWSDESK_DB: typo });
    assert.equal(r.code, 2, r.stderr);
  } finally { cleanup(); }
});

/** Runs the CLI as the unprivileged user `nobody` (the tests run as root, whom permissions do not stop). */
function runAsNobody(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, programFile('cli.js'), ...args], {
      cwd: ROOT, uid: 65534, gid: 65534, env: { PATH: process.env.PATH ?? '', HOME: cwd, NEWSDESK_LOG_LEVEL: 'error', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** `nobody` can run the CLI from this checkout only when every folder above it lets others through (not under /root). */
function othersCanReach(path: string): boolean {
  for (let p = path; ; p = dirname(p)) {
    if ((statSync(p).mode & 0o005) !== 0o005) return false;
    if (dirname(p) === p) return true;
  }
}
const whyNot = !asRoot ? 'needs root to run the CLI as another user (permissions do not stop root)'
  : !othersCanReach(join(ROOT, 'node_modules', 'tsx')) ? `the user nobody cannot read ${ROOT} (a folder above it is private)` : false;

test('a read-only database file, a read-only folder and a corrupted file each get their own message and fix',
  { skip: whyNot, timeout: 90_000 }, async () => {
    const { dir, cleanup } = tempDir();
    try {
      chmodSync(dir, 0o755);
      const config = join(dir, 'sources.yaml');
      writeFileSync(config, 'publication: { name: "Test Digest" }\nsources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n');
      chmodSync(config, 0o644);
      const made = (name: string) => { const f = join(dir, name); openStore(f).close(); return f; };

      // A file nobody may write, in a folder it may write.
      const roFileDir = join(dir, 'ro-file');
      mkdirSync(roFileDir);
      chmodSync(roFileDir, 0o777);
      const roFile = made('ro-file/newsdesk.db');
      chmodSync(roFile, 0o444);
      let r = await runAsNobody(['sources', '--config', config, '--db', roFile], dir);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /is read-only: make it writable \(chmod u\+w/, r.stderr);
      assert.ok(r.stderr.includes(roFile), r.stderr);

      // A writable file in a folder nobody may write (SQLite must create -wal and -shm beside it).
      const roDir = join(dir, 'ro-dir');
      mkdirSync(roDir);
      const inRoDir = made('ro-dir/newsdesk.db');
      for (const s of ['-wal', '-shm']) rmSync(inRoDir + s, { force: true });
      chmodSync(inRoDir, 0o666);
      chmodSync(roDir, 0o555);
      r = await runAsNobody(['sources', '--config', config, '--db', inRoDir], dir);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /the folder of the database .* is read-only .*make ".*ro-dir" writable/s, r.stderr);

      // A database whose schema pages are damaged.
      const bad = made('bad.db');
      const db = new Database(bad);
      db.pragma('journal_mode = DELETE');
      db.close();
      const bytes = readFileSync(bad);
      bytes.fill(0x5a, 100, 4096); // page 1 after the 100-byte header: the schema table
      writeFileSync(bad, bytes);
      r = await runMain(['items', '--config', config, '--db', bad]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /is corrupted: recover it with sqlite3 ".*bad\.db" "\.recover"/, r.stderr);
    } finally {
      chmodSync(dir, 0o700);
      cleanup();
    }
  });
