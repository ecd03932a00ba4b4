import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Env } from '../deps.js';
import { IssueError } from '../../jobs/issues.js';
import { mergeStories, splitItem } from '../../jobs/stories.js';
import type { StoryCard } from '../../store/index.js';
import { Card } from '../views/card.js';
import { canReshape } from '../views/members.js';
import { plural } from '../views/format.js';
import { formAnswer, idParam, refuse } from '../render.js';
import { cardContext } from './candidates.js';

/** htmx gets the fragment; a plain form post goes back to the candidates, or sees why it was refused (422). */
function answer(c: Context<Env>, body: Child, status: 200 | 422 = 200) {
  return formAnswer(c, 'Not done', body, status);
}

/** "a story cannot be merged with itself" → "A story cannot be merged with itself." */
function sentence(msg: string): string {
  const s = msg.charAt(0).toUpperCase() + msg.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

const PUBLISHED = 'This story is in a published issue and can no longer change.';
const missing = (c: Context<Env>, what: string) => refuse(c, `There is no ${what} ${c.req.param('id')}; it may have been merged into another. Reload the page.`, 404);

/** Which articles make up a story (split, merge) and its machine draft made again (redraft). */
export function storyShapeRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/items/:id/split', async (c) => {
    const { store, now } = c.get('deps');
    const itemId = idParam(c.req.param('id'));
    const from = itemId === null ? null : store.storyOfItem(itemId);
    const card = from === null ? undefined : store.getCard(from);
    if (itemId === null || !card) return missing(c, 'article');
    const ctx = cardContext(c);
    const refused = (error: string) => answer(c, <Card card={card} ctx={ctx} error={error} openMembers />, 422);
    if (card.review === 'published') return refused(PUBLISHED);
    if (!canReshape(card)) return refused('This story is in the draft issue: remove it from the issue first, then split it.');
    let created: number;
    try {
      created = splitItem(store, itemId, now());
    } catch (err) {
      if (err instanceof IssueError) return refused(sentence(err.message));
      throw err;
    }
    // The new story gets its draft now, so it is a full candidate at once; a failure leaves it to the next run.
    const drafted = await c.get('drafter')([created], false);
    const left = store.getCard(card.story_id)!;
    const split = store.getCard(created)!;
    const label = split.title ?? split.url;
    return answer(c, <>
      <Card card={left} ctx={ctx} notice={`Split out “${label}”: it is story ${created} now, just below.`} openMembers={left.item_count > 1} />
      <div hx-swap-oob={`afterend:#story-${card.story_id}`}>
        <Card card={split} ctx={ctx} notice={drafted.ok ? `Split out of story ${card.story_id} and drafted.` : undefined}
          warning={drafted.ok ? undefined : `Split out of story ${card.story_id}, but the draft could not be made now (${drafted.error}). It comes with the next run.`} />
      </div>
    </>);
  });

  app.post('/stories/:id/merge', async (c) => {
    const { store, now } = c.get('deps');
    const id = idParam(c.req.param('id'));
    const card = id === null ? undefined : store.getCard(id);
    if (!card) return missing(c, 'story');
    const body = await c.req.parseBody();
    const typed = typeof body.other === 'string' ? body.other.trim().replace(/^#\s*/, '') : '';
    const otherId = idParam(typed);
    const refused = (error: string) => answer(c, <Card card={card} ctx={cardContext(c)} error={error} />, 422);
    if (otherId === null) return refused('Type the number of the story to merge with: each card shows it as “story 123”.');
    const other: StoryCard | undefined = store.getCard(otherId);
    if (!other) return refused(`There is no story ${otherId}. Check the number on its card; it may have been merged already.`);
    // Issue entries point at an item of the story; moving articles in or out of a shortlisted story could leave them behind.
    if (card.review === 'published') return refused(PUBLISHED);
    if (other.review === 'published') return refused(`Story ${otherId} is in a published issue and can no longer change.`);
    if (!canReshape(card)) return refused('This story is in the draft issue: remove it from the issue first, then merge.');
    if (!canReshape(other)) return refused(`Story ${otherId} is in the draft issue: remove it from the issue first, then merge.`);
    try {
      mergeStories(store, card.story_id, otherId, now());
    } catch (err) {
      if (err instanceof IssueError) return refused(sentence(err.message));
      throw err;
    }
    const fresh = store.getCard(card.story_id)!;
    const redraft = fresh.draft ? ' The draft is unchanged; Redraft makes one from the new lead article.' : '';
    return answer(c, <>
      <Card card={fresh} ctx={cardContext(c)} notice={`Merged story ${otherId} into this one: ${plural(fresh.item_count, 'article')} now.${redraft}`} openMembers />
      <div id={`story-${otherId}`} hx-swap-oob="delete"></div>
    </>);
  });

  app.post('/stories/:id/redraft', async (c) => {
    const { store } = c.get('deps');
    const id = idParam(c.req.param('id'));
    const card = id === null ? undefined : store.getCard(id);
    if (!card) return missing(c, 'story');
    const ctx = cardContext(c);
    if (card.review === 'published') return answer(c, <Card card={card} ctx={ctx} error={PUBLISHED} />, 422);
    if (!card.draft) return answer(c, <Card card={card} ctx={ctx} error="This story has no draft yet; the next run makes one." />, 422);
    // redo: a new call even when a draft of the same text is cached. The editor's version is kept beside it.
    const r = await c.get('drafter')([card.story_id], true);
    const fresh = store.getCard(card.story_id)!;
    if (!r.ok) return answer(c, <Card card={fresh} ctx={ctx} error={`No new draft: ${r.error}. The current draft is kept.`} />, 422);
    return answer(c, <Card card={fresh} ctx={ctx} notice={fresh.edited
      ? 'Redrafted. Your edited version is still the one shown; “Show machine draft” has the new draft.'
      : 'Redrafted from the lead article.'} />);
  });
  return app;
}
