import type { FC } from 'hono/jsx';
import type { StoryCard } from '../../store/index.js';
import type { StoryMember } from '../../store/desk.js';
import { OutLink } from './card.js';
import { fmtDate, plural } from './format.js';

/** Whether an editor may change which articles make up this story: not once it is in an issue (draft or published). */
export function canReshape(card: StoryCard): boolean {
  return card.review === 'new' || card.review === 'rejected';
}

/** "3 articles in this story": each member with its outlets and date, the lead marked, and "Split out" per article. */
export const Members: FC<{ card: StoryCard; members: StoryMember[]; timeZone: string; open?: boolean }> = ({ card, members, timeZone, open }) => {
  const split = canReshape(card) && members.length > 1;
  return (
    <details class="members" open={open}>
      <summary>{plural(members.length, 'article')} in this story</summary>
      <ul class="member-list">
        {members.map((m) => (
          <li class="member" data-item={m.id}>
            <div class="member-main">
              <OutLink href={m.url} class="member-title">{m.title ?? m.url}</OutLink>
              <span class="member-meta">
                {m.sources.length ? m.sources.join(', ') : 'unknown source'}<span class="sep">·</span>{fmtDate(m.published_at, timeZone)}
                {m.lead && <span class="tag tag-lead" title="The card shows this article's draft">lead</span>}
                {m.pinned && <span class="tag" title="An editor placed this article here; later runs will not move it">placed by an editor</span>}
              </span>
            </div>
            {split && (
              <button type="button" class="btn small" hx-post={`/items/${m.id}/split`} hx-target="closest .card" hx-swap="outerHTML"
                hx-disabled-elt="this" title="Make this article a story of its own">Split out</button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
};

/** "Merge with story #…": the other story's articles join this one and its card goes. */
export const MergeForm: FC<{ card: StoryCard }> = ({ card }) => (
  <form class="merge-form" hx-post={`/stories/${card.story_id}/merge`} hx-target="closest .card" hx-swap="outerHTML" hx-disabled-elt="find button">
    <label>
      <span>Merge with story #</span>
      <input type="text" name="other" inputmode="numeric" pattern="\s*#?\s*[0-9]{1,12}\s*" size={6} required autocomplete="off"
        aria-label={`Number of the story to merge into story ${card.story_id}`} data-merge-field />
    </label>
    <button type="submit" class="btn small">Merge</button>
  </form>
);
