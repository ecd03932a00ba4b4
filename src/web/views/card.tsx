import type { FC } from 'hono/jsx';
import type { StoryCard } from '../../store/index.js';
import type { StoryMember } from '../../store/desk.js';
import { cap, fmtDate, httpUrl, plural } from './format.js';
import { Members, MergeForm, canReshape } from './members.js';
import { adjustmentNote } from '../../learn/index.js';

/** "your past decisions lowered this from 0.62 to 0.31", when they changed the score. */
const LearnedNote: FC<{ note: string | null }> = ({ note }) => (note ? <p class="muted learned-note">{note[0].toUpperCase() + note.slice(1)}.</p> : null);

/** What a card needs from its surroundings: topic labels, time zone, a story's articles. */
export interface CardContext {
  topicLabels: Map<string, string>;
  timeZone: string;
  /** A story's articles (asked only for stories of more than one). */
  members?: (storyId: number) => StoryMember[];
  /** What the editor's past decisions did to an item's score at ingest (src/learn). */
  learned?: (itemId: number) => { rule_score: number; score: number } | undefined;
}

/** A link to an original article when its URL is http(s); otherwise plain text (never a javascript: link). */
export const OutLink: FC<{ href: string | null | undefined; children?: unknown; class?: string }> = ({ href, children, ...rest }) => {
  const url = httpUrl(href);
  return url
    ? <a href={url} target="_blank" rel="noopener noreferrer" class={rest.class}>{children as never}</a>
    : <span class={rest.class}>{children as never}</span>;
};

/** Topic chips with their configured labels. */
export const Chips: FC<{ topics: string[]; labels: Map<string, string> }> = ({ topics, labels }) => (
  <span class="chips">
    {topics.map((t, i) => <span class={`chip${i === 0 ? ' chip-primary' : ''}`}>{labels.get(t) ?? t}</span>)}
  </span>
);

/** Who reported the story: the first source, and "n sources" listing every one (primary first) when there are several. */
export const Sources: FC<{ card: StoryCard }> = ({ card }) => {
  const [first, ...more] = card.sources;
  if (!first) return <span class="src muted">unknown source</span>;
  if (!more.length) return <OutLink href={first.url} class="src">{first.name}</OutLink>;
  return (
    <details class="sources">
      <summary><span class="src">{first.name}</span> <span class="sources-count">{plural(card.sources.length, 'source')} ▾</span></summary>
      <ul>
        {card.sources.map((s) => (
          <li><OutLink href={s.url}>{s.name}</OutLink>{s.primary && <span class="tag">primary</span>}</li>
        ))}
      </ul>
    </details>
  );
};

/** The card's action buttons, by review state. */
const Actions: FC<{ card: StoryCard }> = ({ card }) => {
  const id = card.story_id;
  const swap = { 'hx-target': 'closest .card', 'hx-swap': 'outerHTML' };
  return (
    <div class="actions">
      {card.review === 'new' && (
        <>
          <button type="button" class="btn primary" hx-post={`/stories/${id}/shortlist`} data-key="s" {...swap}>Shortlist <kbd>s</kbd></button>
          <button type="button" class="btn" hx-post={`/stories/${id}/reject`} data-key="x" {...swap}>Reject <kbd>x</kbd></button>
        </>
      )}
      {card.review === 'shortlisted' && (
        <button type="button" class="btn" hx-post={`/stories/${id}/unshortlist`} data-key="x" {...swap}>Remove from issue</button>
      )}
      {card.review === 'rejected' && (
        <button type="button" class="btn" hx-post={`/stories/${id}/undo`} data-key="u" {...swap}>Restore</button>
      )}
      {card.review !== 'published' && (
        <button type="button" class="btn" hx-get={`/stories/${id}/edit`} data-key="e" {...swap}>Edit <kbd>e</kbd></button>
      )}
      {card.draft && card.review !== 'published' && (
        <button type="button" class="btn" hx-post={`/stories/${id}/redraft`} hx-disabled-elt="this" {...swap}
          title="Draft the headline and bullet again from the lead article (an edited version is kept)">Redraft</button>
      )}
      <button type="button" class="btn ghost" hx-get={`/stories/${id}/text`} hx-target={`#text-${id}`} data-key="t">Article text</button>
      <OutLink href={card.url} class="btn ghost">Original ↗</OutLink>
      {canReshape(card) && <MergeForm card={card} />}
    </div>
  );
};

/** The card's options: a message after an action (`notice`), a caveat (`warning`), a refusal (`error`), the articles list opened. */
export interface CardOptions { notice?: string; warning?: string; error?: string; openMembers?: boolean }

/** One candidate story: headline, bullet, topics, sources, date, warnings, its articles and actions. */
export const Card: FC<{ card: StoryCard; ctx: CardContext } & CardOptions> = ({ card, ctx, notice, warning, error, openMembers }) => (
  <article class={`card review-${card.review}`} id={`story-${card.story_id}`} tabindex={-1} data-story={card.story_id}>
    <div class="card-main">
      <div class="card-meta">
        <time datetime={card.sort_at}>{fmtDate(card.published_at ?? card.sort_at, ctx.timeZone)}</time>
        <span class="sep">·</span>
        <Sources card={card} />
        {card.review !== 'new' && <span class={`state state-${card.review}`}>{cap(card.review)}</span>}
        {card.edited && <span class="state state-edited" title="The editor's version is shown">Edited</span>}
        {card.follow_up_of !== null && (
          <a class="state state-follow-up" href={`/issues/${card.follow_up_of}`} title="An earlier issue already ran this event">
            Follow-up of Vol {card.follow_up_label ?? '?'}
          </a>
        )}
        <span class="story-id">story {card.story_id}</span>
      </div>
      <h2 class="headline"><OutLink href={card.url}>{card.headline ?? card.title ?? card.url}</OutLink></h2>
      {card.bullet && <p class="bullet">{card.bullet}</p>}
      {!card.draft && !card.bullet && card.review !== 'published' && (
        <p class="muted no-draft">No draft yet: it comes with the next run.</p>
      )}
      {card.topics.length > 0 && <Chips topics={card.topics} labels={ctx.topicLabels} />}
      {ctx.learned && <LearnedNote note={adjustmentNote(ctx.learned(card.lead_item_id))} />}
      {card.unsupported.length > 0 && (
        <p class="alert alert-warn">
          <strong>Check before use:</strong> the article does not support {card.unsupported.map((u, i) => (
            <>{i > 0 && ', '}<q>{u}</q></>
          ))}.
        </p>
      )}
      {notice && <p class="alert alert-info" role="status">{notice}</p>}
      {warning && <p class="alert alert-warn" role="status">{warning}</p>}
      {error && <p class="alert alert-error" role="alert">{error}</p>}
      {card.edited && card.draft && <MachineDraft draft={card.draft} labels={ctx.topicLabels} />}
      {card.item_count > 1 && ctx.members && <Members card={card} members={ctx.members(card.story_id)} timeZone={ctx.timeZone} open={openMembers} />}
      <Actions card={card} />
    </div>
    <aside class="card-text" id={`text-${card.story_id}`}></aside>
  </article>
);

/** The summarizer's own draft, kept beside the editor's version and shown on demand. */
export const MachineDraft: FC<{ draft: NonNullable<StoryCard['draft']>; labels: Map<string, string> }> = ({ draft, labels }) => (
  <details class="machine-draft">
    <summary>Show machine draft</summary>
    <div class="machine-draft-body">
      <p class="headline-sm">{draft.headline}</p>
      <p>{draft.bullet}</p>
      <Chips topics={draft.topics} labels={labels} />
    </div>
  </details>
);

/** What is left of a card after shortlist or reject: a line saying so, with undo. */
export const CardStub: FC<{ card: StoryCard; did: 'shortlisted' | 'rejected'; issue?: string; undo: string }> = (p) => (
  <article class={`card stub stub-${p.did}`} id={`story-${p.card.story_id}`} tabindex={-1} data-story={p.card.story_id}>
    <span class="stub-icon" aria-hidden="true">{p.did === 'shortlisted' ? '✓' : '✕'}</span>
    <span class="stub-text">
      {p.did === 'shortlisted' ? <>Shortlisted into <strong>{p.issue}</strong>: </> : <>Rejected: </>}
      <span class="muted">{p.card.headline ?? p.card.title ?? p.card.url}</span>
    </span>
    <button type="button" class="btn small" hx-post={p.undo} hx-target="closest .card" hx-swap="outerHTML" data-undo data-key="u">Undo <kbd>u</kbd></button>
  </article>
);
