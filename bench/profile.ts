// Splits a V8 CPU profile (node --cpu-prof) of an ingest run into pipeline stages. Each sample is charged
// to the innermost frame of ours (dist/<stage>/...) on its stack, so time inside linkedom counts as
// extract and time inside better-sqlite3 as store, except that storage done inside the story matcher or
// the summarize job counts as cluster or summarize; samples with no frame of ours are network/HTTP
// plumbing (node:_http, net, streams, zlib), module loading, GC, or idle.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Stage names in report order. */
export const STAGES = ['discover', 'fetch', 'extract', 'relevance', 'cluster', 'summarize', 'store', 'jobs', 'log', 'startup', 'gc', 'other'] as const;
type Stage = (typeof STAGES)[number] | 'idle';

const OURS: Array<[RegExp, Stage]> = [
  [/\/dist\/extract\//, 'extract'],
  [/\/dist\/relevance\//, 'relevance'],
  [/\/dist\/cluster\/|\/dist\/jobs\/cluster\.js/, 'cluster'],
  [/\/dist\/store\//, 'store'],
  [/\/dist\/discover\//, 'discover'],
  [/\/dist\/summarize\/|\/dist\/jobs\/summariz/, 'summarize'],
  [/\/dist\/net\//, 'fetch'],
  [/\/dist\/jobs\/log\.js|\/node_modules\/pino/, 'log'],
];

function ownStage(url: string): Stage | null {
  for (const [re, stage] of OURS) if (re.test(url)) return stage;
  return null;
}

// With no frame of ours on the stack, the leaf tells what kind of plumbing it was.
function plumbing(url: string, stack: string[]): Stage {
  if (stack.some((u) => /\/dist\/jobs\//.test(u))) return 'jobs';
  if (stack.some((u) => /node:internal\/modules\/|node:internal\/main\//.test(u))) return 'startup';
  if (/node:_http|node:http|node:net|node:internal\/(stream|streams|http|net|dns)|node:zlib|node:stream|node:internal\/webstreams/.test(url)) return 'fetch';
  return 'other';
}

/** CPU ms per stage (idle excluded), the total of busy samples, and the profile's length. */
export function stageSplit(file: string): { ms: Record<string, number>; busy_ms: number; idle_ms: number; profile_ms: number } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Stage>();
  const stageOf = (id: number): Stage => {
    const cached = memo.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!;
    const fn = leaf.callFrame.functionName;
    // A CPU worker thread waiting for its next task blocks in piscina's Atomics.wait loop: idle, not work.
    let stage: Stage | null = fn === '(garbage collector)' ? 'gc' : fn === '(idle)' ? 'idle'
      : fn === 'atomicsWaitLoop' && /\/piscina\//.test(leaf.callFrame.url) ? 'idle' : null;
    const stack: string[] = [];
    let cur: number | undefined = id;
    for (; stage === null && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url;
      stack.push(url);
      stage = ownStage(url);
    }
    // Storage done for the story matcher or the summarizer is part of that stage's cost.
    if (stage === 'store') {
      for (; cur !== undefined; cur = parent.get(cur)) {
        const outer = ownStage(byId.get(cur)!.callFrame.url);
        if (outer === 'cluster' || outer === 'summarize') { stage = outer; break; }
      }
    }
    // '(program)' is V8 or native work outside any JS frame: unattributable.
    stage ??= fn === '(program)' ? 'other' : plumbing(leaf.callFrame.url, stack);
    memo.set(id, stage);
    return stage;
  };
  const us: Record<string, number> = {};
  for (let i = 0; i < p.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the sample stands for the interval after it.
    const dt = p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0;
    const s = stageOf(p.samples[i]);
    us[s] = (us[s] ?? 0) + dt;
  }
  const ms: Record<string, number> = {};
  let busy = 0;
  for (const s of STAGES) {
    ms[s] = Math.round((us[s] ?? 0) / 1000);
    busy += ms[s];
  }
  return { ms, busy_ms: busy, idle_ms: Math.round((us.idle ?? 0) / 1000), profile_ms: Math.round((p.endTime - p.startTime) / 1000) };
}
