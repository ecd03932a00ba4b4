/** A compiled set of terms that finds word-bounded matches in text. */
export interface TermMatcher {
  /** Every match as the configured term, in text order (repeats included). */
  find(text: string): string[];
  /** Every match with its offset, in text order. */
  findAt(text: string): { at: number; term: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True for terms such as "US" or "SDF" that must match case-sensitively. */
export function isAllCaps(term: string): boolean {
  const letters = term.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * Compiles terms into two alternations (case-sensitive all-caps terms, case-insensitive others),
 * bounded so "US" never matches inside "USB" and "Japan" never inside "Japanese".
 */
export function compileTerms(terms: string[]): TermMatcher {
  const exact = terms.filter(isAllCaps);
  const folded = terms.filter((t) => !isAllCaps(t));
  const build = (list: string[], flags: string) => {
    if (!list.length) return null;
    // Longest first so "United States" wins over "United".
    const alts = [...list].sort((a, b) => b.length - a.length).map((t) => escape(t).replace(/\s+/g, '\\s+'));
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, flags);
  };
  const reExact = build(exact, 'gu');
  const reFolded = build(folded, 'giu');
  const canonical = new Map<string, string>();
  for (const t of folded) canonical.set(t.toLowerCase().replace(/\s+/g, ' '), t);
  const findAt = (text: string) => {
      const hits: { at: number; term: string }[] = [];
      if (reExact) for (const m of text.matchAll(reExact)) hits.push({ at: m.index!, term: m[0] });
      if (reFolded) {
        for (const m of text.matchAll(reFolded)) {
          hits.push({ at: m.index!, term: canonical.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? m[0] });
        }
      }
      return hits.sort((a, b) => a.at - b.at);
  };
  return { findAt, find: (text: string) => findAt(text).map((h) => h.term) };
}
