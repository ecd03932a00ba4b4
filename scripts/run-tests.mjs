// Runs every test/**/*.test.ts through node:test with tsx. Node 20's --test does not expand globs itself.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildForTests } from './test-build.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'node_modules' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** name → size and mtime of every file under data/: the tests must leave the user's data alone. */
function snapshot(dir) {
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(f).isFile())
    .map((f) => { const st = statSync(f); return [f, `${st.size}:${st.mtimeMs}`]; }));
}

const only = process.argv.slice(2);
const before = snapshot('data');
const files = (only.length ? only.flatMap((d) => (d.endsWith('.ts') ? [d] : find(d))) : find('test')).sort();
/** Whether process `pid` still runs (a build folder of a run that was killed is left behind: remove it). */
function alive(pid) {
  try { process.kill(pid, 0); return true; } catch (err) { return err.code === 'EPERM'; }
}
for (const e of readdirSync('.')) {
  const m = /^\.test-build-(\d+)$/.exec(e);
  if (m && !alive(Number(m[1]))) rmSync(e, { recursive: true, force: true });
}
// One build of the project for the whole run (scripts/test-build.mjs): the test files run compiled, with plain node,
// and so does the CLI when a test starts it as a process (test/support/cli.ts).
const build = await buildForTests(resolve('.'), `.test-build-${process.pid}`);
const cleanup = () => rmSync(dirname(build), { recursive: true, force: true });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(128 + (sig === 'SIGINT' ? 2 : 15)); });
const compiled = files.map((f) => join(build, relative(resolve('.'), resolve(f)).replace(/\.ts$/, '.js')));
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...compiled],
  { stdio: 'inherit', env: { ...process.env, NEWSDESK_TEST_BUILD: join(build, 'src') } });
cleanup();
const after = snapshot('data');
const touched = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
if (touched.length) {
  process.stderr.write(`\nthe tests changed files in data/ (tests must use temp dirs only): ${touched.join(', ')}\n`);
  process.exit(1);
}
process.exit(r.status ?? 1);
