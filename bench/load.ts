// How busy the machine was while a measurement ran, so a slow number can be told apart from a busy box:
// CPU time the whole machine spent (from /proc/stat) minus what the bench and its child used.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

interface Ticks { busy: number; total: number }

function ticks(): Ticks | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0); // idle + iowait
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // guest time is already inside user
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** What the rest of the machine was doing during a measurement. */
export interface MachineLoad {
  cores: number;
  loadavg_1m: number;
  /** Cores' worth of CPU used by processes other than this bench and the measured child. */
  other_cores_busy: number | null;
}

/** Starts watching; `stop(childCpuMs)` reports, given the measured child's CPU time (user + sys). */
export function watchLoad(): { stop(childCpuMs: number | null): MachineLoad } {
  const t0 = ticks();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  return {
    stop(childCpuMs) {
      const t1 = ticks();
      const c = process.cpuUsage(c0);
      const wall = performance.now() - w0;
      let other: number | null = null;
      if (t0 && t1 && childCpuMs !== null && wall > 0) {
        const machineMs = ((t1.busy - t0.busy) / 100) * 1000; // USER_HZ = 100
        other = Math.max(0, Math.round(((machineMs - childCpuMs - (c.user + c.system) / 1000) / wall) * 100) / 100);
      }
      return { cores: availableParallelism(), loadavg_1m: Math.round(loadavg()[0] * 100) / 100, other_cores_busy: other };
    },
  };
}
