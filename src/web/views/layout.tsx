import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { HelpOverlay } from './help.js';

/** Which top-level page is showing (highlights its tab). */
export type Tab = 'candidates' | 'issue' | 'sources' | 'runs' | 'login';

/** htmx settings: no injected <style> (CSP), no eval, and swap the 409/422 answers that carry a message. */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, selfRequestsOnly: true, historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false }, { code: '[23]..', swap: true }, { code: '409', swap: true }, { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

/** The page shell: head with only external script and style, the top bar, the help overlay. */
export const Layout: FC<{ title: string; tab: Tab; csrf: string; publication: string; draftCount?: number | null;
  running?: boolean; authed?: boolean; children?: Child }> = (p) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{p.title} · {p.publication}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body hx-headers={JSON.stringify({ 'X-CSRF-Token': p.csrf })} data-page={p.tab}>
        <header class="topbar">
          <a class="brand" href="/">{p.publication}<span class="brand-sub">desk</span></a>
          {p.tab !== 'login' && (
            <nav class="tabs" aria-label="Pages">
              <a href="/" aria-current={p.tab === 'candidates' ? 'page' : undefined}>Candidates</a>
              <a href="/issue" aria-current={p.tab === 'issue' ? 'page' : undefined}>
                Draft issue{p.draftCount != null && <span class="tab-count">{p.draftCount}</span>}
              </a>
              <a href="/sources" aria-current={p.tab === 'sources' ? 'page' : undefined}>
                Sources{p.running && <span class="dot-running" title="An ingest run is in progress"></span>}
              </a>
              <a href="/runs" aria-current={p.tab === 'runs' ? 'page' : undefined}>Runs</a>
              <a href="/below">Below threshold</a>
            </nav>
          )}
          <div class="topbar-end">
            {p.tab !== 'login' && <button type="button" class="btn ghost small" data-help-toggle title="Keyboard shortcuts (?)">?</button>}
            {p.authed && (
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={p.csrf} />
                <button type="submit" class="btn ghost small">Log out</button>
              </form>
            )}
          </div>
        </header>
        <main class={`page page-${p.tab}`}>{p.children}</main>
        <div id="toast" class="toast" role="status" aria-live="polite"></div>
        {p.tab !== 'login' && <HelpOverlay />}
      </body>
    </html>
  </>
);
