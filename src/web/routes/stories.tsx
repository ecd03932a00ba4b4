import { Hono, type Context } from 'hono';
import type { Env } from '../deps.js';
import { IssueError, shortlistStory, rejectStory, removeFromIssue } from '../../jobs/issues.js';
import type { StoryCard } from '../../store/index.js';
import { Card, CardStub } from '../views/card.js';
import { EditCard, TextPane, type EditValues } from '../views/edit.js';
import { formAnswer, idParam, isHtmx, page, refuse } from '../render.js';
import { cardContext } from './candidates.js';
import { noteDecision, noteUndo } from '../../learn/index.js';

type Handler = (c: Context<Env>, card: StoryCard) => Response | Promise<Response>;

/** Runs a story action; IssueErrors become a message for the editor, and plain form posts that worked go back to the page. */
function story(fn: Handler) {
  return async (c: Context<Env>) => {
    const id = idParam(c.req.param('id'));
    const card = id === null ? undefined : c.get('deps').store.getCard(id);
    if (!card) return refuse(c, `There is no story ${c.req.param('id')}; it may have been merged into another. Reload the page.`, 404);
    try {
      const res = await fn(c, card);
      // A refusal (4xx) keeps its page and status; only a success turns into the redirect.
      return c.req.method === 'POST' && !isHtmx(c) && res.status < 400 ? c.redirect('/', 303) : res;
    } catch (err) {
      if (err instanceof IssueError) return refuse(c, err.message);
      throw err;
    }
  };
}

/** Reads and checks the edit form. */
async function readEdit(c: Context<Env>): Promise<{ rev: number; values: EditValues; error?: string }> {
  const body = await c.req.parseBody({ all: true });
  const one = (k: string) => { const v = body[k]; return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''; };
  const raw = body.topics;
  const topics = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((t): t is string => typeof t === 'string');
  const known = new Set(c.get('deps').config.topics.map((t) => t.id));
  const values = { headline: one('headline').replace(/\s+/g, ' ').trim(), bullet: one('bullet').replace(/\r\n/g, '\n').trim(),
    topics: [...new Set(topics)].filter((t) => known.has(t)) };
  const rev = Number(one('rev'));
  let error: string | undefined;
  if (!values.headline) error = 'The headline cannot be empty.';
  else if (!values.bullet) error = 'The bullet cannot be empty.';
  else if (values.headline.length > 300) error = 'The headline is longer than 300 characters.';
  else if (values.bullet.length > 4000) error = 'The bullet is longer than 4,000 characters.';
  else if (!Number.isInteger(rev) || rev < 0) error = 'The form is out of date; reload the page.';
  return { rev, values, error };
}

/** Story actions on the candidates page: shortlist, reject, undo, edit, article text. */
export function storyRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  const deps = (c: Context<Env>) => c.get('deps');

  app.get('/stories/:id/card', story((c, card) => c.html(<Card card={card} ctx={cardContext(c)} />)));
  app.get('/stories/:id/edit', story((c, card) => {
    const form = <EditCard card={card} topics={deps(c).config.topics} csrf={c.get('csrf')} />;
    // Opened as a page (no JavaScript), the form posts plainly; with htmx it is swapped into the card.
    return isHtmx(c) ? c.html(form) : page(c, 'Edit story', 'candidates', <div class="panel">{form}<p><a class="btn" href="/">Back to the candidates</a></p></div>);
  }));
  app.get('/stories/:id/text', story((c, card) => {
    const t = deps(c).store.itemText(card.lead_item_id);
    return c.html(<TextPane text={t?.text ?? null} from={t?.text_from ?? null} title={t?.title ?? null} />);
  }));

  app.post('/stories/:id/shortlist', story((c, card) => {
    const { store, config, now } = deps(c);
    const issue = shortlistStory(store, config, card.story_id, now());
    noteDecision(store, card.lead_item_id, 'shortlist', 'desk', now());
    return c.html(<CardStub card={card} did="shortlisted" issue={issue.title} undo={`/stories/${card.story_id}/unshortlist`} />);
  }));
  app.post('/stories/:id/unshortlist', story((c, card) => {
    const { store, now } = deps(c);
    const drafts = store.issuesOfItem(card.lead_item_id).map((id) => store.getIssue(id)!).filter((i) => i.status === 'draft');
    if (!drafts.length) throw new IssueError('this story is not in a draft issue any more');
    for (const issue of drafts) removeFromIssue(store, issue.id, card.lead_item_id, now());
    noteUndo(store, card.lead_item_id, 'desk', now());
    return c.html(<Card card={store.getCard(card.story_id)!} ctx={cardContext(c)} />);
  }));
  app.post('/stories/:id/reject', story((c, card) => {
    const { store, now } = deps(c);
    rejectStory(store, card.story_id, now());
    noteDecision(store, card.lead_item_id, 'reject', 'desk', now());
    return c.html(<CardStub card={card} did="rejected" undo={`/stories/${card.story_id}/undo`} />);
  }));
  app.post('/stories/:id/undo', story((c, card) => {
    const { store, now } = deps(c);
    store.undoStoryReview(card.story_id, now().toISOString());
    noteUndo(store, card.lead_item_id, 'desk', now());
    return c.html(<Card card={store.getCard(card.story_id)!} ctx={cardContext(c)} />);
  }));

  app.post('/stories/:id/edit', story(async (c, card) => {
    const { store, config, now } = deps(c);
    if (card.review === 'published') throw new IssueError('this story is in a published issue and can no longer change');
    const { rev, values, error } = await readEdit(c);
    if (error) return formAnswer(c, 'Not saved', <EditCard card={card} topics={config.topics} values={values} error={error} csrf={c.get('csrf')} />, 422);
    const d = card.draft;
    // Fields equal to the machine draft stay unset, so "edited" means the editor changed something.
    const ok = store.saveEdit(card.story_id, rev, {
      headline: d && values.headline === d.headline ? null : values.headline,
      bullet: d && values.bullet === d.bullet ? null : values.bullet,
      topics: config.topics.length === 0 || (d && values.topics.join() === d.topics.join()) ? null : values.topics,
    }, now().toISOString());
    const fresh = store.getCard(card.story_id)!;
    if (ok && fresh.topics.join() !== card.topics.join()) {
      noteDecision(store, card.lead_item_id, 'topics', 'desk', now(), { before: card.topics, after: fresh.topics });
    }
    if (!ok) return formAnswer(c, 'Not saved', <EditCard card={fresh} topics={config.topics} values={values} conflict csrf={c.get('csrf')} />, 409);
    return c.html(<Card card={fresh} ctx={cardContext(c)} notice="Saved. The machine draft is kept; “Show machine draft” brings it back." />);
  }));
  return app;
}
