// Named-entity candidates from a trained model, not from capital letters: wink-nlp with its English web
// model (it ships inside the npm package; nothing is downloaded) tags each token's part of speech, and a
// run of proper nouns ("Foreign Minister Toshimitsu Motegi", "Bank of Japan") is one name. Its own entity
// recogniser knows dates, times, ordinals and amounts, so weekdays and months never count as names.
import { wink } from '../nlp/wink.js';

// Loaded on first use (~90 ms), not at import: commands that never match stories do not pay for it.
const load = wink;

/** One run of proper nouns in text order: its tokens as written, and whether it opens a sentence. */
export interface NameRun {
  tokens: string[];
  sentenceStart: boolean;
  /** Sentences before the run's (counted at ".", "!" and "?"): 0 and 1 are the lead's. */
  sentence: number;
}

// Entity types of the model that are never names of people, bodies, places or programmes.
const NOT_NAMES = new Set(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT', 'URL', 'EMAIL',
  'HASHTAG', 'MENTION', 'EMOJI', 'EMOTICON']);

/**
 * The runs of proper nouns in `text`. "of" between two proper nouns stays inside the run ("Bank of Japan");
 * a hyphen, a possessive or any other word ends it. Tokens joined by "_" (the caller's placeholders such as
 * "United_States") are one token.
 */
export function properNounRuns(text: string): NameRun[] {
  const its = load().its;
  const doc = load().readDoc(text);
  const out: NameRun[] = [];
  let run: string[] = [];
  let runStart = false;
  let runSentence = 0;
  let pendingOf = false;
  let sentenceStart = true;
  let sentence = 0;
  const close = (): void => {
    if (run.length) out.push({ tokens: run, sentenceStart: runStart, sentence: runSentence });
    run = [];
    pendingOf = false;
  };
  const tokens = doc.tokens();
  const n = tokens.length();
  let glue = false; // the previous token was "_": this one continues the last token of the run
  for (let i = 0; i < n; i++) {
    const t = tokens.itemAt(i);
    const word = t.out();
    const pos = t.out(its.pos);
    if (word === '_' && run.length && !pendingOf) {
      glue = true;
      continue;
    }
    if (glue) {
      glue = false;
      run[run.length - 1] += `_${word}`;
      continue;
    }
    const entity = t.parentEntity();
    const isName = pos === 'PROPN' && !(entity && NOT_NAMES.has(entity.out(its.type)));
    if (isName) {
      if (pendingOf) run.push('of');
      pendingOf = false;
      if (!run.length) [runStart, runSentence] = [sentenceStart, sentence];
      run.push(word);
    } else if (word.toLowerCase() === 'of' && run.length && !pendingOf) {
      pendingOf = true;
    } else {
      close();
    }
    if (pos === 'PUNCT' && /[.!?]/.test(word)) {
      if (!sentenceStart) sentence++;
      sentenceStart = true;
    }
    else if (pos !== 'PUNCT' && pos !== 'SPACE') sentenceStart = false;
  }
  close();
  return out;
}
