// Runs every test/**/*.test.ts through node:test with tsx. Node 20's --test does not expand globs itself.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

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
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
const after = snapshot('data');
const touched = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
if (touched.length) {
  process.stderr.write(`\nthe tests changed files in data/ (tests must use temp dirs only): ${touched.join(', ')}\n`);
  process.exit(1);
}
process.exit(r.status ?? 1);
