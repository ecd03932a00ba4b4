// Builds the project once for a test run: a copy of the checkout in which every TypeScript file of src/, test/,
// eval/, bench/ and scripts/ has its compiled JavaScript beside it. The test files then run with plain `node` (no
// loader hook in each of the ~110 test processes, nor in each CLI process a test starts), which cuts what each costs
// to start by a third to a half. esbuild is what tsx itself uses to compile each file, with the same tsconfig, so the
// compiled code is the code `node --import tsx` runs. No type check here: `npm run typecheck` does that.
//
// Layout: `<root>/<name>/<project folder name>/` is the copy. Its folders are real; every other file (the .ts sources
// too, for the tests that read them) is a symbolic link to the original; the other top-level entries (data/, prompts/,
// node_modules/, sources.yaml, package.json …) are links too, so paths the program and the tests find from their own
// location (../../prompts, ROOT/data/samples) lead to the real files, and a write into data/ is still caught by the
// runner. Beside the copy, in `<root>/<name>/`, are links to what is beside the checkout (../shared: corpora the tests
// read when they are there).
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/** Folders compiled and mirrored; everything else at the top level is linked as it is. */
const TREES = ['src', 'test', 'eval', 'bench', 'scripts'];
const SKIP_TOP = new Set(['.git', ...TREES]);

const isTs = (f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts');

/** Mirrors folder `from` into `to`: real folders, a link for every file; returns the TypeScript files found. */
function mirror(from, to) {
  mkdirSync(to, { recursive: true });
  const ts = [];
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, e.name);
    const b = join(to, e.name);
    if (e.isDirectory()) ts.push(...mirror(a, b));
    else {
      symlinkSync(a, b);
      if (isTs(e.name)) ts.push(a);
    }
  }
  return ts;
}

/** Links `to/<entry>` to every entry of folder `from` but those `skip` names. */
function linkEntries(from, to, skip) {
  for (const e of readdirSync(from)) {
    if (skip(e)) continue;
    symlinkSync(join(from, e), join(to, e), lstatSync(join(from, e)).isDirectory() ? 'dir' : 'file');
  }
}

/** Builds the copy in `<root>/<name>/` and returns the copy's root. */
export async function buildForTests(root, name) {
  const top = join(root, name);
  rmSync(top, { recursive: true, force: true });
  mkdirSync(top);
  const out = join(top, basename(root));
  mkdirSync(out);
  try { linkEntries(dirname(root), top, (e) => e === basename(root)); } catch { /* nothing readable beside the checkout */ }
  // Screenshots of the browser tests land in test-artifacts/ (ignored by git): the real one, not one in the copy.
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  linkEntries(root, out, (e) => SKIP_TOP.has(e) || e.startsWith('.test-build-'));
  // esbuild is tsx's dependency: load it from where tsx resolves it.
  const esbuild = createRequire(createRequire(join(root, 'package.json')).resolve('tsx/package.json'))('esbuild');
  for (const tree of TREES) {
    if (!existsSync(join(root, tree))) continue;
    const entryPoints = mirror(join(root, tree), join(out, tree));
    await esbuild.build({ entryPoints, outdir: join(out, tree), outbase: join(root, tree), format: 'esm', platform: 'node',
      target: 'node20', tsconfig: join(root, 'tsconfig.json'), sourcemap: 'inline', logLevel: 'error' });
  }
  return out;
}
