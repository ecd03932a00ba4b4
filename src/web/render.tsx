import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Env } from './deps.js';
import { Layout, type Tab } from './views/layout.js';

/** Renders a full page in the shell (CSRF token, draft count, run indicator). */
export function page(c: Context<Env>, title: string, tab: Tab, body: Child, status: 200 | 404 | 409 | 422 = 200) {
  const { store, config, runner, password } = c.get('deps');
  const draft = store.currentDraft();
  const status_ = runner.status();
  return c.html(
    <Layout title={title} tab={tab} csrf={c.get('csrf')} publication={config.publication.name}
      draftCount={draft ? draft.item_count : null} running={!!(status_.running || status_.elsewhere)} authed={!!password}>
      {body}
    </Layout>,
    status,
  );
}

/** True for requests htmx made (they get fragments; others get pages or redirects). */
export function isHtmx(c: Context<Env>): boolean {
  return c.req.header('HX-Request') === 'true';
}

/** A message for the editor after a refused action: into the toast for htmx, as a page otherwise. */
export function refuse(c: Context<Env>, message: string, status: 404 | 409 | 422 = 422) {
  if (isHtmx(c)) {
    c.header('HX-Retarget', '#toast');
    c.header('HX-Reswap', 'innerHTML');
    return c.html(<p class="toast-msg toast-error">{message}</p>, status === 404 ? 422 : status);
  }
  return page(c, 'Not done', 'candidates', <div class="panel"><h1>Not done</h1><p class="alert alert-error">{message}</p>
    <p><a class="btn" href="/">Back to the candidates</a></p></div>, status);
}

/**
 * A form's answer: the fragment for htmx; for a plain form post (no JavaScript) a refusal (409/422) is a whole page
 * with the fragment (which carries the reason) and a link back, and a success goes back to `back` (303).
 */
export function formAnswer(c: Context<Env>, title: string, body: Child, status: 200 | 409 | 422 = 200, back = '/') {
  if (isHtmx(c)) return c.html(<>{body}</>, status);
  if (status === 200) return c.redirect(back, 303);
  return page(c, title, 'candidates', <div class="panel"><h1>{title}</h1>{body}
    <p><a class="btn" href={back}>Back to the candidates</a></p></div>, status);
}

/** A positive integer route parameter, or null. */
export function idParam(v: string | undefined): number | null {
  return v && /^\d{1,12}$/.test(v) ? Number(v) : null;
}
