import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

/** The project root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The program built once for the whole test run by scripts/run-tests.mjs (scripts/test-build.mjs), or null when a test
 * file runs on its own: then processes run the source through tsx (slower to start, same code).
 */
export const BUILD: string | null = process.env.NEWSDESK_TEST_BUILD && existsSync(join(process.env.NEWSDESK_TEST_BUILD, 'cli.js'))
  ? process.env.NEWSDESK_TEST_BUILD : null;

/** Where module `rel` of the program is (its path under src/ ending in .js, e.g. 'cli.js' or 'store/index.js'). */
export function programFile(rel: string): string {
  return BUILD ? join(BUILD, rel) : join(ROOT, 'src', rel.replace(/\.js$/, '.ts'));
}

/**
 * `node` options for a process that runs the program: none with the build; tsx from source. A helper script of the
 * tests (.mjs) that imports the program through programFile() runs with these options too.
 */
export const NODE_ARGS: string[] = BUILD ? [] : ['--import', 'tsx'];

/** Starts the CLI as its own process (the run's build, or the source through tsx). */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [...NODE_ARGS, programFile('cli.js'), ...args], {
    cwd: ROOT, env: { ...process.env, NEWSDESK_LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to completion; resolves with exit code and output. */
export function runCli(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, opts.env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => { stdout += c; });
    child.stderr!.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(opts.stdin ?? '');
  });
}

/** Runs the CLI in this process with stderr redirected (not a terminal); resolves with exit code and output. */
export async function runMain(args: string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => { stdout += c; });
  err.on('data', (c) => { stderr += c; });
  const code = await main(args, { stdin: new PassThrough(), stdout: out, stderr: err, env: { ...env }, tty: false });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}
