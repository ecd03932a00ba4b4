/** The offline summarizer: an extractive bullet, a telegraphic headline and keyword topics (pure, deterministic). */
import type { Summary, SummaryInput, Topic } from '../../domain/types.js';
import { splitParagraphs } from '../sentences.js';
import { classifyTopics } from '../topics.js';
import { activeTopicModel } from '../../topics/load.js';
import { buildBullet, countWords, leadIndex } from './bullet.js';
import { endsLikeSentence, isBoilerplate, stripLeadIn } from './clean.js';
import { buildHeadline } from './headline.js';
import { nameForms, normaliseNames } from './names.js';
import { isScaffolding, stripListMark, withoutAsFollows } from './release.js';
import type { Candidate } from './score.js';
import { isStatement } from './statement.js';

// Footnote marks ("^ ..."), continuation ellipses and stray symbols do not open a bullet sentence.
const STARTS_LIKE_SENTENCE = /^["“‘'(\[]?[\p{L}\p{N}$€£¥]/u;
/** Other outlets read per story, and characters read of each: enough for their news, not their archives. */
const MAX_OTHERS = 4;
const MAX_OTHER_CHARS = 4000;

/** Article sentences fit for a bullet, with their positions; falls back to every sentence if none qualify. */
function candidates(text: string, forms: Map<string, string>): Candidate[] {
  const all: Candidate[] = [];
  const fallback: Candidate[] = [];
  let index = 0;
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map(stripListMark).join('\n\n');
  splitParagraphs(paragraphs).forEach((sentences, paragraph) => {
    sentences.forEach((raw, inParagraph) => {
      const stripped = stripLeadIn(raw);
      if (!stripped) return;
      const s = normaliseNames(withoutAsFollows(stripped) ?? '', forms);
      const c = { text: s || stripped, index: index++, paragraph, inParagraph, words: countWords(s || stripped) };
      if (!isBoilerplate(c.text)) fallback.push(c);
      if (s && !isBoilerplate(s) && !isScaffolding(s) && endsLikeSentence(s) && STARTS_LIKE_SENTENCE.test(s) && c.words >= 2 && isStatement(s)) all.push(c);
    });
  });
  return all.length ? all : fallback;
}

/** Summarizes one story without a model: every bullet sentence is taken from the lead item or another outlet. */
export function summarizeOffline(input: SummaryInput, topics: Topic[]): Summary {
  const others = (input.others ?? []).slice(0, MAX_OTHERS).map((o) => ({ ...o, text: (o.text ?? '').slice(0, MAX_OTHER_CHARS) }));
  const forms = nameForms([input.title ?? '', input.text ?? '', ...others.map((o) => `${o.title}\n${o.text}`)]);
  const cands = candidates(input.text ?? '', forms);
  const otherCands = others.map((o) => candidates(o.text, forms));
  const bullet = buildBullet(cands, input.title ?? '', otherCands, input.text ?? '');
  const lead = cands.length ? cands[leadIndex(cands)].text : null;
  const headline = buildHeadline(normaliseNames(input.title ?? '', forms), input.source || null, lead,
    normaliseNames(input.text ?? '', forms), [...forms.values()]);
  const tagged = classifyTopics(input.title ?? '', input.text ?? '', topics, activeTopicModel(topics));
  return { headline, bullet, topics: tagged.topics, topic_confidence: tagged.confidence };
}
