import type { FC } from 'hono/jsx';
import type { StoryCard } from '../../store/index.js';
import type { TopicConfig } from '../../config/schema.js';
import { Chips, MachineDraft } from './card.js';

/** What the editor typed (kept in the form when a save is refused). */
export interface EditValues { headline: string; bullet: string; topics: string[] }

/**
 * The in-place edit form. With `conflict`, someone else saved first: their version is shown,
 * the editor's text stays in the form to copy, and saving needs a reload of the newer version.
 */
export const EditCard: FC<{ card: StoryCard; topics: TopicConfig[]; values?: EditValues; conflict?: boolean; error?: string; csrf?: string }> = (p) => {
  const { card } = p;
  const v = p.values ?? { headline: card.headline ?? card.title ?? '', bullet: card.bullet ?? '', topics: card.topics };
  const labels = new Map(p.topics.map((t) => [t.id, t.label]));
  const id = card.story_id;
  return (
    <article class="card editing" id={`story-${id}`} tabindex={-1} data-story={id}>
      <form class="card-main edit-form" method="post" action={`/stories/${id}/edit`} hx-post={`/stories/${id}/edit`} hx-target="closest .card" hx-swap="outerHTML">
        {p.csrf && <input type="hidden" name="_csrf" value={p.csrf} />}
        {p.conflict && (
          <div class="alert alert-error" role="alert">
            <p><strong>Not saved: someone else saved this story while you were editing.</strong> Their version is below; your text
              is still in the form so you can copy it. Load their version, then make your change again.</p>
            <div class="newer">
              <p class="headline-sm">{card.headline}</p>
              <p>{card.bullet}</p>
              <Chips topics={card.topics} labels={labels} />
            </div>
            <button type="button" class="btn primary" hx-get={`/stories/${id}/edit`} hx-target="closest .card" hx-swap="outerHTML">
              Load the newer version
            </button>
          </div>
        )}
        {p.error && <p class="alert alert-error" role="alert">{p.error}</p>}
        <input type="hidden" name="rev" value={String(card.edit_rev)} />
        <label class="field">
          <span>Headline</span>
          <input type="text" name="headline" value={v.headline} maxlength={300} required autofocus />
        </label>
        <label class="field">
          <span>Bullet</span>
          <textarea name="bullet" rows={6} maxlength={4000} required>{v.bullet}</textarea>
        </label>
        <fieldset class="field topics-field">
          <legend>Topics <span class="muted">(the first checked is the primary)</span></legend>
          {p.topics.map((t) => (
            <label class="check"><input type="checkbox" name="topics" value={t.id} checked={v.topics.includes(t.id)} /> {t.label}</label>
          ))}
        </fieldset>
        {card.draft && <MachineDraft draft={card.draft} labels={labels} />}
        <div class="actions">
          {!p.conflict && <button type="submit" class="btn primary">Save <kbd>Ctrl+Enter</kbd></button>}
          <button type="button" class="btn" hx-get={`/stories/${id}/card`} hx-target="closest .card" hx-swap="outerHTML" data-cancel>Cancel</button>
        </div>
      </form>
    </article>
  );
};

/** The extracted article text, shown beside the summary. */
export const TextPane: FC<{ text: string | null; from: string | null; title: string | null }> = (p) => (
  <div class="text-pane">
    <div class="text-pane-head">
      <span>Article text{p.from === 'feed' && <span class="muted"> (from the feed; the page could not be read)</span>}</span>
      <button type="button" class="btn ghost small" data-close-pane aria-label="Close the article text">Close</button>
    </div>
    <div class="text-body">
      {p.title && <p class="headline-sm">{p.title}</p>}
      {(p.text ?? '').split(/\n\s*\n/).filter((x) => x.trim()).map((para) => <p>{para}</p>)}
      {!p.text && <p class="muted">No text was extracted for this article.</p>}
    </div>
  </div>
);
