// Runs the real CLI as a child process and measures it from outside: wall time, CPU time and peak RSS.
// Peak RSS comes from /usr/bin/time -v (the kernel's ru_maxrss for the child, exact) when it exists,
// else from polling /proc/<pid>/status VmHWM (the kernel's own high-water mark, so a poll can only
// miss growth in the last poll interval before exit).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';

/** What running one CLI command cost. */
export interface ChildRun {
  code: number | null;
  stdout: string;
  /** The last part of stderr, for error messages. */
  stderrTail: string;
  wall_ms: number;
  cpu_user_ms: number | null;
  cpu_sys_ms: number | null;
  peak_rss_mb: number | null;
  rss_method: string;
  /** Killed because it ran past `timeoutMs`. */
  timedOut: boolean;
  /** [seconds since spawn, RSS MB] of the node process, when asked for. */
  rss_timeline?: [number, number][];
}

/** Spawns `node <nodeArgs> <script> <args>` with `input` on stdin; never rejects on a non-zero exit. */
export async function runNode(script: string, args: string[], opts: {
  cwd: string; env: NodeJS.ProcessEnv; nodeArgs?: string[]; input?: string; tmpDir: string; echo?: boolean;
  /** Kill the child (by its pid) after this long. */
  timeoutMs?: number;
  /** false: no RSS/CPU measurement (and no /usr/bin/time in between, so a kill reaches node itself). */
  measure?: boolean;
  /** Sample the node process's RSS this often (ms) into `rss_timeline`. */
  rssEveryMs?: number;
  /** Run the child at this niceness (`nice -n`), so the bench's own server is not starved of a core by it. */
  nice?: number;
}): Promise<ChildRun> {
  const timeFile = join(opts.tmpDir, `time-${process.hrtime.bigint()}.txt`);
  const measure = opts.measure ?? true;
  const useTime = measure && existsSync(TIME);
  const node = opts.nice ? ['nice', '-n', String(opts.nice), process.execPath] : [process.execPath];
  const argv = [...node.slice(1), ...(opts.nodeArgs ?? []), script, ...args];
  const [cmd, cmdArgs] = useTime ? [TIME, ['-v', '-o', timeFile, node[0], ...argv]] : [node[0], argv];
  const t0 = performance.now();
  const child = spawn(cmd, cmdArgs, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => {
    if (opts.echo) process.stderr.write(c);
    err = (err + c.toString('utf8')).slice(-8000);
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(opts.input ?? '');

  // Fallback: poll the node process's high-water mark (with /usr/bin/time the node process is its child).
  let hwmKb = 0;
  let cpuTicks: { user: number; sys: number } | null = null;
  let timedOut = false;
  const killer = opts.timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs) : null;
  const poll = useTime || !measure ? null : setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpuTicks = { user: Number(stat[11]), sys: Number(stat[12]) };
    } catch { /* exited between polls */ }
  }, 20);

  const timeline: [number, number][] = [];
  const sampler = opts.rssEveryMs ? setInterval(() => {
    try {
      // Under /usr/bin/time the node process is its only child.
      const pid = useTime ? readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0] : String(child.pid);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      if (kb) timeline.push([Math.round((performance.now() - t0) / 100) / 10, Math.round(kb / 1024)]);
    } catch { /* not started yet, or gone */ }
  }, opts.rssEveryMs) : null;

  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  if (sampler) clearInterval(sampler);
  const wall = performance.now() - t0;
  if (poll) clearInterval(poll);
  if (killer) clearTimeout(killer);
  const run: ChildRun = { timedOut, ...(opts.rssEveryMs ? { rss_timeline: timeline } : {}), code, stdout: Buffer.concat(out).toString('utf8'), stderrTail: err, wall_ms: Math.round(wall),
    cpu_user_ms: null, cpu_sys_ms: null, peak_rss_mb: null, rss_method: !measure ? 'none' : useTime ? '/usr/bin/time -v (ru_maxrss)' : '/proc VmHWM poll (20 ms)' };
  if (useTime && existsSync(timeFile)) {
    const t = readFileSync(timeFile, 'utf8');
    rmSync(timeFile, { force: true });
    const num = (re: RegExp) => Number(re.exec(t)?.[1] ?? Number.NaN);
    run.peak_rss_mb = Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 * 10) / 10;
    run.cpu_user_ms = Math.round(num(/User time \(seconds\): ([\d.]+)/) * 1000);
    run.cpu_sys_ms = Math.round(num(/System time \(seconds\): ([\d.]+)/) * 1000);
    // /usr/bin/time prepends "Command exited with non-zero status N" to its report, not to our stdout.
  } else if (!useTime && measure) {
    run.peak_rss_mb = hwmKb ? Math.round(hwmKb / 1024 * 10) / 10 : null;
    const c = cpuTicks as { user: number; sys: number } | null;
    if (c) { run.cpu_user_ms = c.user * 10; run.cpu_sys_ms = c.sys * 10; } // USER_HZ is 100 on Linux
  }
  return run;
}

/** The last JSON object printed on stdout (the CLI prints exactly one with --json). */
export function lastJson<T>(stdout: string, what: string): T {
  const text = stdout.trim();
  try {
    return JSON.parse(text) as T;
  } catch {
    // Some scripts print progress before their JSON line; take the last line that parses.
    const lines = text.split('\n').reverse();
    for (const l of lines) { try { return JSON.parse(l) as T; } catch { /* keep looking */ } }
    throw new Error(`${what} printed no JSON on stdout (got ${JSON.stringify(text.slice(-300))})`);
  }
}
