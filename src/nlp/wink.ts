/**
 * The one wink-nlp instance of the process (pure: the English web model ships inside its npm package,
 * nothing is downloaded). Loaded on first use (~90–130 ms), not at import, so commands that never need
 * part-of-speech tags do not pay for it. Story entities (src/cluster) and the offline summarizer's
 * statement check (src/summarize/offline) share it.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The shared wink-nlp instance with sentence boundaries, part-of-speech tags and entities. */
export const wink = (): Nlp => (nlp ??= winkNLP(model, ['sbd', 'pos', 'ner']));
