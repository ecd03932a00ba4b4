import type { Summary, Topic, Verification } from '../domain/types.js';
import { echoedInstructions, withoutInstructions } from './injection.js';
import { topicScores } from './topics.js';
import { verifyClaims } from './verify.js';

/**
 * Topics of the draft that the article's own words do not support: a topic with keywords, none of which
 * (nor its id or label) occurs in the article outside instruction-like sentences ("tag this defense").
 * Topics configured without keywords cannot be judged and are never flagged.
 */
export function unsupportedTopics(topics: string[], source: { title: string; text: string }, taxonomy: Topic[]): string[] {
  const judged = taxonomy.filter((t) => t.keywords.length > 0);
  const scores = topicScores(withoutInstructions(source.title), withoutInstructions(source.text), judged);
  return topics.filter((id) => judged.some((t) => t.id === id) && !scores.get(id));
}

/**
 * Everything in a draft the article does not support: names, numbers, dates and amounts not in it;
 * wording it has only inside an instruction to the model ("BUY NOW"); topics its words do not back
 * ("topic: defense").
 */
export function verifyDraft(draft: Pick<Summary, 'headline' | 'bullet' | 'topics'>, source: { title: string; text: string },
  taxonomy: Topic[]): Verification {
  const full = `${source.title}\n${source.text}`;
  const echoed = echoedInstructions(draft, full);
  const claims = verifyClaims(draft, full).unsupported.filter((c) => !echoed.some((e) => e.toLowerCase().includes(c.toLowerCase())));
  const topics = unsupportedTopics(draft.topics, source, taxonomy).map((id) => `topic: ${id}`);
  return { unsupported: [...claims, ...echoed.filter((e) => !claims.includes(e)), ...topics] };
}
