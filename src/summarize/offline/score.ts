/** Scores article sentences for an extractive bullet: position, title overlap, centrality, specifics (pure). */

/** One candidate sentence with where it sat in the article. */
export interface Candidate {
  text: string;
  /** Index among all sentences of the article (original order). */
  index: number;
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  inParagraph: number;
  words: number;
}

const STOP = new Set(
  ('a an the and or but of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they them his her their we our you i not no will would could should can may might has have had do does did ' +
    'said says say also than then there which who whom whose what when where while after before over under into about ' +
    'more most other such only both each all any some if so up out new one two year years').split(' '),
);
// Sentences that lean on the one before read badly out of context.
const CONNECTIVE = /^(?:but|and|however|also|meanwhile|still|yet|so|or|instead|nevertheless|moreover|besides|otherwise|then|thus)\b/i;
const ANAPHORIC = /^(?:this|that|these|those|it|such)\b/i;

/** Lower-cased content words with a light plural strip, for overlap measures. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [])
    .filter((w) => !STOP.has(w) && w.length > 1)
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

type Vector = Map<string, number>;

const vectorOf = (words: string[]): Vector => {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
};

/** Cosine similarity of two term-count vectors. */
export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Cosine similarity of a sentence with the rest of the document (document minus the sentence), in O(|sentence|). */
function centrality(v: Vector, doc: Vector, docNorm2: number): number {
  let dot = 0;
  let own2 = 0;
  let restNorm2 = docNorm2;
  for (const [w, x] of v) {
    const d = doc.get(w) ?? 0;
    dot += x * (d - x);
    own2 += x * x;
    restNorm2 += (d - x) * (d - x) - d * d;
  }
  return own2 > 0 && restNorm2 > 0 ? dot / Math.sqrt(own2 * restNorm2) : 0;
}

/** Counts names, numbers and dates after the first word: the specifics a digest bullet wants. */
function specifics(text: string): number {
  const tokens = text.split(/\s+/).slice(1);
  const caps = tokens.filter((t) => /^["“(]?\p{Lu}/u.test(t)).length;
  const nums = (text.match(/\d+/g) ?? []).length;
  return Math.min(1, (caps + nums) / 6);
}

/** Scores each candidate in 0..~1 and returns the term vectors for redundancy checks. */
export function scoreSentences(cands: Candidate[], title: string): { scores: number[]; vectors: Vector[] } {
  const vectors = cands.map((c) => vectorOf(contentWords(c.text)));
  const doc: Vector = new Map();
  for (const v of vectors) for (const [w, n] of v) doc.set(w, (doc.get(w) ?? 0) + n);
  let docNorm2 = 0;
  for (const n of doc.values()) docNorm2 += n * n;
  const titleWords = new Set(contentWords(title));
  const scores = cands.map((c, i) => {
    const central = centrality(vectors[i], doc, docNorm2);
    const overlap = titleWords.size ? [...titleWords].filter((w) => vectors[i].has(w)).length / titleWords.size : 0;
    const position = 1 / (1 + 0.3 * c.paragraph) + (c.inParagraph === 0 ? 0.1 : 0);
    let s = 0.35 * position + 0.25 * overlap + 0.25 * central + 0.15 * specifics(c.text);
    if (c.words < 8) s *= 0.3;
    else if (c.words > 60) s *= 0.3;
    else if (c.words > 45) s *= 0.6;
    if (/\?["'”’)]*$/.test(c.text)) s *= 0.2;
    if (/^["“‘]/.test(c.text)) s *= 0.8;
    if (CONNECTIVE.test(c.text)) s *= 0.7;
    else if (ANAPHORIC.test(c.text)) s *= 0.85;
    return s;
  });
  return { scores, vectors };
}
