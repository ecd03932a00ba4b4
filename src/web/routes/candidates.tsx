import { Hono, type Context } from 'hono';
import type { Env } from '../deps.js';
import { readFilter, toCardFilter } from '../filters.js';
import { CandidatesPage } from '../views/candidates.js';
import { page } from '../render.js';
import type { CardContext } from '../views/card.js';
import { budgetStop } from '../../jobs/llm-budget.js';

/** The desk's card context: topic labels and time zone from the config, a story's articles from the store. */
export function cardContext(c: Context<Env>): CardContext {
  const { config, store } = c.get('deps');
  return { topicLabels: new Map(config.topics.map((t) => [t.id, t.label])), timeZone: config.schedule.timezone,
    members: (storyId) => store.storyMembers(storyId), learned: (itemId) => store.learnAdjustment(itemId) };
}

/** GET / : the candidates page. */
export function candidateRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', (c) => {
    const { store, config, now } = c.get('deps');
    const filter = readFilter(c.req.query(), store, now(), config.schedule.timezone);
    const cardFilter = toCardFilter(filter);
    const { cards, total } = store.listCards(cardFilter);
    // The other kind (fresh or follow-ups) is only counted: limit 0 fetches no cards.
    const other = store.listCards({ ...cardFilter, follow_ups: !filter.followUps, limit: 0, offset: 0 }).total;
    const kinds = filter.followUps ? { fresh: other, followUps: total } : { fresh: total, followUps: other };
    const topicCounts = store.topicCounts(toCardFilter(filter, false));
    const draft = store.currentDraft();
    return page(c, 'Candidates', 'candidates', <CandidatesPage m={{
      filter, cards, total, kinds, topicCounts, topics: config.topics, sources: store.sourceNames(), ctx: cardContext(c),
      draft: draft ? draft.title : null, budgetStop: budgetStop(config, store),
    }} />);
  });
  return app;
}
