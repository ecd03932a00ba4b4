/**
 * The names half of the grounding check (pure): capitalised runs of a draft that the source does not contain,
 * with aliases ("U.S." = "United States"), title abbreviations and demonyms accepted through fixed tables.
 */

/** One claim of a draft, where it is, and whether the source backs it. */
export interface Claim {
  text: string;
  at: number;
  ok: boolean;
}


const ALIASES: [RegExp, string][] = [
  // The final dot is optional: a name cut out of "Japan-U.S. talks" ends "U.S".
  [/(?<![\p{L}\p{N}])U\.S\.?(?:A\.?)?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])USA?(?![\p{L}\p{N}])/gu, ' united states '],
  [/(?<![\p{L}\p{N}])U\.K\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])UK(?![\p{L}\p{N}])/gu, ' united kingdom '],
  [/(?<![\p{L}\p{N}])U\.N\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])UN(?![\p{L}\p{N}])/gu, ' united nations '],
  [/(?<![\p{L}\p{N}])E\.U\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])EU(?![\p{L}\p{N}])/gu, ' european union '],
  [/(?<![\p{L}\p{N}.])PM(?![\p{L}\p{N}])/gu, ' prime minister '],
  [/&/g, ' and '],
];
const TITLE_ABBR: Record<string, string> = {
  Adm: 'admiral', Gen: 'general', Lt: 'lieutenant', Col: 'colonel', Maj: 'major', Capt: 'captain', Cmdr: 'commander',
  Sgt: 'sergeant', Sen: 'senator', Rep: 'representative', Gov: 'governor', Pres: 'president', Amb: 'ambassador',
  Prof: 'professor', Dept: 'department', Corp: 'corporation', Inc: 'incorporated', Ltd: 'limited', Co: 'company', Mt: 'mount',
  Jan: 'january', Feb: 'february', Mar: 'march', Apr: 'april', Jun: 'june', Jul: 'july', Aug: 'august',
  Sep: 'september', Sept: 'september', Oct: 'october', Nov: 'november', Dec: 'december',
};
const ABBR_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(TITLE_ABBR).join('|')})\\.`, 'gu');

const DEMONYMS = new Map<string, string[]>(Object.entries({
  japanese: ['japan'], american: ['united states'], australian: ['australia'], chinese: ['china'], korean: ['korea'],
  russian: ['russia'], ukrainian: ['ukraine'], taiwanese: ['taiwan'], indian: ['india'], british: ['united kingdom', 'britain'],
  french: ['france'], german: ['germany'], canadian: ['canada'], philippine: ['philippines'], filipino: ['philippines'],
  vietnamese: ['vietnam'], indonesian: ['indonesia'], european: ['europe', 'european union'], hawaiian: ['hawaii'],
}));

const STOPWORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'after', 'before',
  'while', 'when', 'but', 'also', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'it', 'he', 'she',
  'they', 'we', 'both', 'meanwhile', 'separately', 'however', 'all', 'some', 'over', 'under', 'amid', 'into', 'during',
  'is', 'are', 'was', 'were', 'will', 'has', 'have', 'de', 'du', 'van', 'von', 'del', 'la', 'le', 'half', 'most',
  'many', 'several', 'each', 'every', 'no', 'none', 'one', 'two', 'three', 'four', 'five', 'first', 'second', 'third',
  'last', 'next', 'other', 'such', 'only', 'still', 'yet', 'then', 'thus', 'instead', 'indeed', 'overall', 'today',
  'yesterday', 'tomorrow', 'earlier', 'later', 'once', 'if', 'although', 'though', 'because', 'since', 'until',
  'despite', 'according', 'among', 'between', 'following', 'ahead', 'across', 'beyond', 'within', 'without', 'what',
  'why', 'how', 'who', 'where', 'which', 'there', 'here', 'our', 'my', 'your', 'you', 'i', 'not', 'so', 'now',
]);
const CONNECTORS = new Set(['of', 'the', 'and', '&', 'for', 'de', 'du', 'van', 'von', 'del', 'la', 'on']);

/** Lower-cased word string with aliases expanded, possessives and punctuation removed. */
export function normName(s: string): string {
  let t = s.replace(/[‘’`´]/g, "'");
  for (const [re, to] of ALIASES) t = t.replace(re, to);
  t = t.replace(ABBR_RE, (_m, a: string) => ` ${TITLE_ABBR[a]} `);
  t = t.replace(/(\p{L})'s?(?![\p{L}])/gu, '$1');
  return t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

interface Unit {
  at: number;
  end: number;
  norm: string;
  initial: boolean;
  raw: string;
}

/** Splits text into runs of capitalised words (with connectors between them), in order. */
function capitalisedRuns(text: string): Unit[][] {
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  let pending: Unit[] = [];
  let initial = true;
  const flush = () => {
    if (run.length) runs.push(run);
    [run, pending] = [[], []];
  };
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*|[^\s\p{L}\p{N}]+/gu)) {
    let tok = m[0];
    const at = m.index!;
    if (!/^[\p{L}\p{N}]/u.test(tok)) {
      if (tok === '&') pending.push({ at, end: at + 1, norm: 'and', initial: false, raw: tok });
      else flush();
      if (/[.!?:;“"‘(]/.test(tok)) initial = true;
      continue;
    }
    let ends = false;
    if (tok.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(tok) && !Object.hasOwn(TITLE_ABBR, tok.slice(0, -1))) [tok, ends] = [tok.slice(0, -1), true];
    tok = tok.replace(/['’]s?$/u, '').replace(/-+$/, '');
    const parts = tok.split(/-(?=\p{L})/u);
    let off = at;
    for (const [i, part] of parts.entries()) {
      const unit: Unit = { at: off, end: off + part.length, norm: normName(part), initial: initial && i === 0, raw: part };
      off += part.length + 1;
      if (/^\p{Lu}/u.test(part)) {
        if (run.length) run.push(...pending);
        pending = [];
        run.push(unit);
      } else if (run.length && CONNECTORS.has(part.toLowerCase())) pending.push(unit);
      else flush();
    }
    initial = false;
    if (ends) {
      flush();
      initial = true;
    }
  }
  flush();
  return runs;
}

/** Finds the capitalised names of `text` that the normalised source does not contain. */
export function checkNames(text: string, src: string, lowerWords: Set<string>, titleCase: boolean): Claim[] {
  const has = (phrase: string) => phrase.length > 0 && src.includes(` ${phrase} `);
  const demonym = (w: string) => {
    const single = w.endsWith('s') && DEMONYMS.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
    if (DEMONYMS.get(single)?.some(has)) return true;
    return [...DEMONYMS].some(([d, places]) => places.includes(w) && has(d));
  };
  const claims: Claim[] = [];
  for (let run of capitalisedRuns(text)) {
    const first = run[0];
    const lower = first.raw.toLowerCase();
    // An ordinary word capitalised only because it opens a sentence; acronyms ("US") are always names.
    const ordinary = STOPWORDS.has(lower) || (lowerWords.has(lower) && /^\p{Lu}\p{Ll}*$/u.test(first.raw));
    if (first.initial && ordinary) run = run.slice(1);
    const bad: boolean[] = run.map(() => false);
    for (let i = 0; i < run.length; ) {
      let j = run.length;
      while (j > i && !has(run.slice(i, j).map((u) => u.norm).join(' '))) j--;
      if (j > i) i = j;
      else {
        const w = run[i].norm;
        // In a Title Case headline every word is capitalised; one used as an ordinary word elsewhere is not a name.
        const common = titleCase && lowerWords.has(w);
        bad[i] = !STOPWORDS.has(w) && !CONNECTORS.has(w) && w !== '' && !common && !demonym(w);
        i++;
      }
    }
    for (let i = 0; i < run.length; i++) {
      if (!bad[i]) continue;
      let k = i;
      while (k + 1 < run.length && bad[k + 1]) k++;
      claims.push({ text: text.slice(run[i].at, run[k].end), at: run[i].at, ok: false });
      i = k;
    }
  }
  return claims;
}

/** True for "Leaders Vow Closer Ties" style headlines: most longer words capitalised. */
export function isTitleCase(headline: string): boolean {
  const long = headline.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.7;
}

