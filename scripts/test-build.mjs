// Builds the program once for a test run, so that tests which start the CLI (or another module of src/) as its own
// process run plain JavaScript with `node`, instead of every process loading tsx and compiling TypeScript again.
// esbuild is what tsx itself uses to compile each file, with the same tsconfig, so the built code is the code the
// in-process tests run. No type check here: `npm run typecheck` does that.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Source modules and the run-time files beside them (SQL migrations, web assets) the program reads. */
const ASSETS = ['store/migrations', 'web/static'];

/**
 * Compiles src/ into `<root>/<name>/` (one level below the root, like dist/, so that paths the program finds from its
 * own location, such as ../../prompts, still work) and returns that folder.
 */
export async function buildForTests(root, name) {
  const out = join(root, name);
  rmSync(out, { recursive: true, force: true });
  // esbuild is tsx's dependency: load it from where tsx resolves it.
  const fromTsx = createRequire(createRequire(join(root, 'package.json')).resolve('tsx/package.json'));
  const esbuild = fromTsx('esbuild');
  const src = join(root, 'src');
  const entryPoints = readdirSync(src, { recursive: true }).map(String)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).map((f) => join(src, f));
  await esbuild.build({ entryPoints, outdir: out, outbase: src, format: 'esm', platform: 'node', target: 'node20',
    tsconfig: join(root, 'tsconfig.json'), sourcemap: 'inline', logLevel: 'error' });
  for (const dir of ASSETS) if (existsSync(join(src, dir))) cpSync(join(src, dir), join(out, dir), { recursive: true });
  return out;
}
