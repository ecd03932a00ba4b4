/**
 * Whether a sentence states something (pure): it has a finite verb by wink-nlp's part-of-speech tags and does not
 * open with a bare infinitive. Release fields after their label was dropped ("To improve the joint
 * capability…", "Self-Defense Force facilities and the surrounding waters.") are not statements.
 */
import { wink } from '../../nlp/wink.js';

/** True when `sentence` has a finite verb and is not an infinitive purpose line. */
export function isStatement(sentence: string): boolean {
  if (/^To\s+\p{Ll}/u.test(sentence)) return false;
  const nlp = wink();
  const tokens = nlp.readDoc(sentence).tokens();
  const words = tokens.out() as string[];
  const tags = tokens.out(nlp.its.pos) as string[];
  // A finite verb: an auxiliary, or a verb that is not an "-ing" participle ("waters surrounding Japan").
  return tags.some((p, i) => p === 'AUX' || (p === 'VERB' && !/ing$/i.test(words[i])));
}
