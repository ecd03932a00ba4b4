// MinHash signatures and LSH band keys over word shingles. 32-bit integer arithmetic only,
// so a signature computed here equals one recomputed anywhere else from the same words.

/** FNV-1a 32-bit hash of a string (UTF-16 code units), unsigned. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// murmur3's finaliser: a cheap bijective mix, so h ^ seed_i behaves like an independent permutation per i.
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seedCache = new Map<number, Uint32Array>();
function seeds(n: number): Uint32Array {
  let s = seedCache.get(n);
  if (!s) {
    s = new Uint32Array(n);
    for (let i = 0; i < n; i++) s[i] = fmix((i + 1) * 0x9e3779b9);
    seedCache.set(n, s);
  }
  return s;
}

/** Word n-gram shingles of a word sequence; texts shorter than n give one shingle of all words. */
export function shingles(words: string[], n: number): string[] {
  if (words.length <= n) return words.length ? [words.join(' ')] : [];
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return [...out];
}

/** MinHash signature with `perms` hash functions; an empty input gives all 0xffffffff. */
export function minhash(shingleSet: string[], perms: number): number[] {
  const sd = seeds(perms);
  const sig = new Array<number>(perms).fill(0xffffffff);
  for (const sh of shingleSet) {
    const h = fnv1a(sh);
    for (let i = 0; i < perms; i++) {
      const v = fmix(h ^ sd[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** LSH band keys "b<i>:<hex>": items sharing any key are candidates; rows = perms / bands. */
export function bandKeys(sig: number[], bands: number): string[] {
  const rows = Math.floor(sig.length / bands);
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = fmix(Math.imul(h, 0x01000193) ^ sig[b * rows + r]);
    keys.push(`b${b}:${h.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/** Fraction of equal signature positions: an estimate of the shingle sets' Jaccard similarity. */
export function minhashSimilarity(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}
