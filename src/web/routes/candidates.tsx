import { Hono, type Context } from 'hono';
import type { Env } from '../deps.js';
import { readFilter, toCardFilter } from '../filters.js';
import { CandidatesPage } from '../views/candidates.js';
import { page } from '../render.js';
import type { CardContext } from '../views/card.js';

/** The desk's card context from the config (topic labels, display time zone). */
export function cardContext(c: Context<Env>): CardContext {
  const { config } = c.get('deps');
  return { topicLabels: new Map(config.topics.map((t) => [t.id, t.label])), timeZone: config.schedule.timezone };
}

/** GET / : the candidates page. */
export function candidateRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', (c) => {
    const { store, config, now } = c.get('deps');
    const filter = readFilter(c.req.query(), store, now(), config.schedule.timezone);
    const { cards, total } = store.listCards(toCardFilter(filter));
    const topicCounts = store.topicCounts(toCardFilter(filter, false));
    const draft = store.currentDraft();
    return page(c, 'Candidates', 'candidates', <CandidatesPage m={{
      filter, cards, total, topicCounts, topics: config.topics, sources: store.sourceNames(), ctx: cardContext(c),
      draft: draft ? draft.title : null,
    }} />);
  });
  return app;
}
