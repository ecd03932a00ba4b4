/** The offline summarizer: an extractive bullet, a cleaned headline and keyword topics (pure, deterministic). */
import type { Summary, SummaryInput, Topic } from '../../domain/types.js';
import { splitParagraphs } from '../sentences.js';
import { classifyTopics } from '../topics.js';
import { activeTopicModel } from '../../topics/load.js';
import { buildBullet, countWords, leadIndex } from './bullet.js';
import { endsLikeSentence, isBoilerplate, stripLeadIn } from './clean.js';
import { buildHeadline } from './headline.js';
import type { Candidate } from './score.js';

// Footnote marks ("^ ..."), continuation ellipses and stray symbols do not open a bullet sentence.
const STARTS_LIKE_SENTENCE = /^["“‘'(\[]?[\p{L}\p{N}$€£¥]/u;

/** Article sentences fit for a bullet, with their positions; falls back to every sentence if none qualify. */
function candidates(text: string): Candidate[] {
  const all: Candidate[] = [];
  const fallback: Candidate[] = [];
  let index = 0;
  splitParagraphs(text).forEach((sentences, paragraph) => {
    sentences.forEach((raw, inParagraph) => {
      const s = stripLeadIn(raw);
      if (!s) return;
      const c = { text: s, index: index++, paragraph, inParagraph, words: countWords(s) };
      fallback.push(c);
      if (!isBoilerplate(s) && endsLikeSentence(s) && STARTS_LIKE_SENTENCE.test(s)) all.push(c);
    });
  });
  return all.length ? all : fallback.filter((c) => !isBoilerplate(c.text));
}

/** Summarizes one article without a model: every bullet sentence is taken from the article text. */
export function summarizeOffline(input: SummaryInput, topics: Topic[]): Summary {
  const cands = candidates(input.text ?? '');
  const bullet = buildBullet(cands, input.title ?? '');
  const lead = cands.length ? cands[leadIndex(cands)].text : null;
  const headline = buildHeadline(input.title ?? '', input.source || null, lead);
  const tagged = classifyTopics(input.title ?? '', input.text ?? '', topics, activeTopicModel(topics));
  return { headline, bullet, topics: tagged.topics, topic_confidence: tagged.confidence };
}
