import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

/** The project root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** Starts the CLI from source (through tsx) as its own process. */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
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
