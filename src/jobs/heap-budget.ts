import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps a long run's heap near what it really holds. V8 sizes its heap for the machine (some 4 GB on a
 * 24 GB one) and, while a run allocates fast, lets garbage pile up to several times the live data before a
 * full collection: a 10,000-article ingest peaked at 669 MB RSS while it never held more than about 110 MB
 * (it completes under --max-old-space-size=110). Past `budgetMb` of heap in use, `check()` asks for a full
 * collection, at most once per `minGapMs`; if what survives is near the budget, the budget grows with it,
 * so a run that really holds more is never collected in a loop. Without a usable gc() it does nothing.
 */
export function heapBudget(budgetMb = 192, minGapMs = 1000): { check(): void; collections(): number } {
  const gc = exposeGc();
  let budget = budgetMb * 1024 * 1024;
  let last = -Infinity;
  let count = 0;
  return {
    check() {
      if (!gc) return;
      const now = performance.now();
      if (now - last < minGapMs || v8.getHeapStatistics().used_heap_size < budget) return;
      gc();
      count++;
      last = performance.now();
      const live = v8.getHeapStatistics().used_heap_size;
      if (live > budget * 0.75) budget = live * 1.5;
    },
    collections: () => count,
  };
}

let cached: (() => void) | null | undefined;

// The flag takes effect for contexts made after it is set; a fresh context hands out its gc().
function exposeGc(): (() => void) | null {
  if (cached !== undefined) return cached;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    cached = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    cached = null;
  }
  return cached;
}
