import { Hono, type Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { Env } from '../deps.js';
import type { BelowRow } from '../../store/index.js';
import { IssueError } from '../../jobs/issues.js';
import { reviewItem, adjustmentNote, minScore } from '../../learn/index.js';
import { OutLink } from '../views/card.js';
import { fmtDate } from '../views/format.js';
import { idParam, isHtmx, page, refuse } from '../render.js';

const PAGE = 50;

/** One item below the threshold: its score, the terms it matched (the "why"), what learning did, and Promote. */
const BelowItem: FC<{ row: BelowRow; note: string | null; csrf: string; timeZone: string }> = ({ row, note, csrf, timeZone }) => (
  <li class="below-item" id={`below-${row.item_id}`}>
    <div class="card-meta">
      <time datetime={row.sort_at}>{fmtDate(row.sort_at, timeZone)}</time>
      <span class="sep">·</span><span class="src">{row.sources.join(', ') || 'unknown source'}</span>
      <span class="score">score {row.relevance == null ? '–' : row.relevance.toFixed(2)}</span>
      <span class="story-id">item {row.item_id}</span>
    </div>
    <p class="headline-sm"><OutLink href={row.url}>{row.title ?? row.url}</OutLink></p>
    <p class="muted why">why: {row.terms.length ? row.terms.join(', ') : 'no relevance term matched'}</p>
    {note && <p class="muted learned-note">{note}</p>}
    <form method="post" action={`/below/${row.item_id}/promote`} hx-post={`/below/${row.item_id}/promote`} hx-target={`#below-${row.item_id}`} hx-swap="outerHTML">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class="btn small">Promote to the desk</button>
    </form>
  </li>
);

/** GET /below: items the rules (and the editor's history) put below the threshold; POST /below/:id/promote brings one back. */
export function belowRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/below', (c: Context<Env>) => {
    const { store, config } = c.get('deps');
    const p = Math.max(1, Math.min(10_000, Number(c.req.query('page')) || 1));
    const { rows, total } = store.listBelowThreshold({ limit: PAGE, offset: (p - 1) * PAGE });
    return page(c, 'Below threshold', 'candidates', (
      <div class="panel below">
        <h1>Below threshold <span class="muted">({total})</span></h1>
        <p class="muted">Articles the relevance rules{store.loadModel().pos + store.loadModel().neg > 0 ? ' and your past decisions' : ''} scored
          below {minScore(config).toFixed(2)}. Nothing is dropped: promote one to put it on the desk (that also teaches the model).</p>
        {rows.length ? (
          <ul class="below-list">
            {rows.map((row) => <BelowItem row={row} note={adjustmentNote(store.learnAdjustment(row.item_id))} csrf={c.get('csrf')} timeZone={config.schedule.timezone} />)}
          </ul>
        ) : <p class="muted">Nothing below the threshold.</p>}
        {total > p * PAGE && <p><a class="btn" href={`/below?page=${p + 1}`}>More</a></p>}
      </div>
    ));
  });
  app.post('/below/:id/promote', (c: Context<Env>) => {
    const { store, config, now } = c.get('deps');
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, `There is no item ${c.req.param('id')}.`, 404);
    try {
      const r = reviewItem(store, config, id, { action: 'promote' }, 'desk', now());
      if (!isHtmx(c)) return c.redirect('/below', 303);
      return c.html(<li class="below-item promoted" id={`below-${id}`}>Promoted onto the desk as story {r.story_id}.</li>);
    } catch (err) {
      if (err instanceof IssueError) return refuse(c, err.message);
      throw err;
    }
  });
  return app;
}
