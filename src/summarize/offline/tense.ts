/** Headline present tense for the main verb of a lead clause: "Japan and U.S. held" → "hold" (pure). */

const IRREGULAR: Record<string, string> = {
  held: 'hold', met: 'meet', began: 'begin', begun: 'begin', took: 'take', taken: 'take', made: 'make', said: 'say',
  told: 'tell', spoke: 'speak', spoken: 'speak', led: 'lead', sent: 'send', won: 'win', saw: 'see', seen: 'see',
  gave: 'give', given: 'give', came: 'come', went: 'go', gone: 'go', found: 'find', brought: 'bring', built: 'build',
  sought: 'seek', struck: 'strike', chose: 'choose', chosen: 'choose', rose: 'rise', fell: 'fall', drew: 'draw',
  drawn: 'draw', paid: 'pay', left: 'leave', kept: 'keep', ran: 'run', grew: 'grow', grown: 'grow', knew: 'know',
  wrote: 'write', written: 'write', sold: 'sell', bought: 'buy', became: 'become', flew: 'fly', flown: 'fly',
  spent: 'spend', shown: 'show', done: 'do', did: 'do', hit: 'hit', set: 'set', cut: 'cut', put: 'put', shut: 'shut',
  stood: 'stand', overtook: 'overtake', withdrew: 'withdraw', underwent: 'undergo', undertook: 'undertake',
};
// Stems that lost an "e" before "-ed": "creat(ed)", "announc(ed)", "approv(ed)", "rescu(ed)", "pledg(ed)".
const E_STEM = /(?:(?<!(?:tr|h|b|s|f|m|n|l)e)at|(?<!o)ut|(?<=pl|mp|el)et|ot|iz|yz|is|as|(?<!c)us|ur|(?<!a)ir|(?<!e)ar|iv|av|ov|ev|c|u|dg|rg|[aeu]ng|(?<!o)id|ud|od|(?<![oe])ad|ib|ub|(?<!e)ak|ik|vok|om|um|am|bin|fin|min|ns|rs|ps)$/;
const DOUBLED = /([bdgkmnprt])\1$/;

/** The base form of a past tense or participle, or null when `word` is not one. */
export function baseForm(word: string): string | null {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (!/^[a-z]{3,}ed$/.test(w)) return null;
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('eed')) return w.slice(0, -1);
  const stem = w.slice(0, -2);
  if (DOUBLED.test(stem)) return stem.slice(0, -1);
  return E_STEM.test(stem) ? `${stem}e` : stem;
}

/** Third person singular of a base form: "hold" → "holds", "reach" → "reaches", "carry" → "carries". */
export function thirdPerson(base: string): string {
  if (base === 'be') return 'is';
  if (base === 'have') return 'has';
  if (/(?:s|sh|ch|x|z|o)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

// Words after which an "-ed" word is an adjective, not the verb ("the proposed project").
const NOT_BEFORE_VERB = /^(?:the|a|an|of|to|by|for|with|its|their|his|her|newly|jointly|recently|and|or|in|on|at|from|as)$/i;
const AUX = /^(?:has|have|had)$/i;
const PASSIVE = /^(?:was|were|is|are|been|be)$/i;

/** True when the subject words read as plural: "Japan and the U.S.", "The two sides", "Marines". */
function pluralSubject(subject: string[]): boolean {
  if (subject.some((w) => /^(?:and|,)$/i.test(w) || /,$/.test(w))) return true;
  const last = subject[subject.length - 1] ?? '';
  if (/^(?:they|we|both|two|several|many)$/i.test(last)) return true;
  return /^[A-Za-z]+[^su]s$/.test(last) && !/^(?:U\.S|News|Press|Times|Affairs|Reuters)$/.test(last);
}

/**
 * Puts the first main verb of a clause (within a headline's 14 words) into headline present tense: "held" →
 * "holds"/"hold" by the subject's number, "has signed" → "signs", "was held" → "held" (passive stays a
 * participle). Returns the words unchanged when no verb is found (within the first 14 words).
 */
export function presentTense(words: string[]): string[] {
  for (let i = 1; i < Math.min(words.length, 14); i++) {
    const w = words[i];
    // "was held" → "held"; "is considering" → "considering".
    if (PASSIVE.test(w) && (baseForm(words[i + 1] ?? '') || /^\p{Ll}+ing$/u.test(words[i + 1] ?? ''))) return [...words.slice(0, i), ...words.slice(i + 1)];
    if (/^(?:to|will|would|may|might|could|should|must|can)$/i.test(w)) return words;
    let at = i;
    if (AUX.test(w)) {
      if (/^been$/i.test(words[i + 1] ?? '')) return [...words.slice(0, i), ...words.slice(i + 2)];
      at = i + 1;
    }
    const base = /^\p{Ll}/u.test(words[at] ?? '') ? baseForm(words[at].replace(/[,;:]$/, '')) : null;
    if (!base || NOT_BEFORE_VERB.test(words[i - 1])) {
      if (at !== i) return words;
      continue;
    }
    const plural = pluralSubject(words.slice(0, i));
    const conjugate = (b: string) => (plural ? b : thirdPerson(b));
    const punct = /[,;:]$/.exec(words[at])?.[0] ?? '';
    let rest = words.slice(at + 1);
    // "met with X" → "meets X"; "signed and exchanged" → "signs and exchanges".
    if (base === 'meet' && /^with$/i.test(rest[0] ?? '')) rest = rest.slice(1);
    const second = /^and$/i.test(rest[0] ?? '') && /^\p{Ll}/u.test(rest[1] ?? '') ? baseForm(rest[1]) : null;
    if (second) rest = [rest[0], conjugate(second), ...rest.slice(2)];
    return [...words.slice(0, i), conjugate(base) + punct, ...rest];
  }
  return words;
}
