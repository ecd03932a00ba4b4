import type { FC } from 'hono/jsx';
import type { IssueDoc } from '../../domain/types.js';
import type { IssueRow } from '../../store/index.js';
import { EXPORT_FORMATS } from '../../export/index.js';
import { DigestPreview } from './preview.js';
import { Chips } from './card.js';
import { cap, fmtDateTime, plural } from './format.js';

const FORMAT_LABEL: Record<string, string> = { md: 'Markdown', html: 'HTML', docx: 'Word', txt: 'Text', json: 'JSON' };

/** One item of the issue in the ordering list, with up/down/remove. */
const Entry: FC<{ issue: IssueRow; item: IssueDoc['items'][number]; pos: number; count: number; labels: Map<string, string> }> = (p) => {
  const base = `/issues/${p.issue.id}/items/${p.item.item_id}`;
  const draft = p.issue.status === 'draft';
  const swap = { 'hx-target': '#issue-body', 'hx-swap': 'outerHTML' };
  return (
    <li class="entry" id={`entry-${p.item.item_id}`} tabindex={0} data-item={p.item.item_id}>
      <span class="entry-pos">{p.pos}</span>
      <div class="entry-body">
        <div class="entry-headline">{p.item.headline}</div>
        <div class="entry-meta">
          <span class="muted">{p.item.links.map((l) => l.source).filter(Boolean).join(', ') || 'no source'}</span>
          <Chips topics={p.item.topics} labels={p.labels} />
        </div>
      </div>
      {draft && (
        <div class="entry-actions">
          <button type="button" class="btn icon" hx-post={`${base}/move`} hx-vals={JSON.stringify({ to: p.pos - 1 })} disabled={p.pos === 1}
            data-move="up" title="Move up (Shift+K)" aria-label="Move up" {...swap}>↑</button>
          <button type="button" class="btn icon" hx-post={`${base}/move`} hx-vals={JSON.stringify({ to: p.pos + 1 })} disabled={p.pos === p.count}
            data-move="down" title="Move down (Shift+J)" aria-label="Move down" {...swap}>↓</button>
          <button type="button" class="btn icon danger" hx-post={`${base}/remove`} title="Remove from the issue (back to the candidates)"
            aria-label="Remove" {...swap}>✕</button>
        </div>
      )}
    </li>
  );
};

/** The part of the issue page that changes on reorder/remove: ordering list and live preview. */
export const IssueBody: FC<{ issue: IssueRow; doc: IssueDoc; csrf: string; labels: Map<string, string> }> = ({ issue, doc, csrf, labels }) => (
  <div id="issue-body" class="issue-layout">
    <section class="issue-side">
      <div class="section-head">
        <h2>Items <span class="muted">({doc.items.length})</span></h2>
        {issue.status === 'draft' && doc.items.length > 1 && <span class="muted small">Focus an item, then <kbd>Shift+J</kbd>/<kbd>Shift+K</kbd></span>}
      </div>
      {doc.items.length === 0 ? <p class="empty-state muted">No items yet: press <kbd>s</kbd> on a <a href="/">candidate</a> to shortlist it here.</p> : (
        <ol class="entries">
          {doc.items.map((item, i) => <Entry issue={issue} item={item} pos={i + 1} count={doc.items.length} labels={labels} />)}
        </ol>
      )}
      <div class="panel finish">
        <h3>Download</h3>
        <div class="btn-row">
          {EXPORT_FORMATS.map((f) => <a class="btn" href={`/issues/${issue.id}/export/${f}`} download>{FORMAT_LABEL[f]}</a>)}
        </div>
        {issue.status === 'draft' && (
          <details class="publish">
            <summary class="btn primary">Publish…</summary>
            <form method="post" action={`/issues/${issue.id}/publish`}>
              <input type="hidden" name="_csrf" value={csrf} />
              <p>Publishing marks {plural(doc.items.length, 'story', 'stories')} as published: they leave the candidates for good
                and the issue can no longer change.</p>
              <button type="submit" class="btn primary" disabled={doc.items.length === 0}>Yes, publish {issue.title}</button>
            </form>
          </details>
        )}
      </div>
    </section>
    <section class="issue-preview">
      <div class="section-head"><h2>Preview</h2></div>
      <DigestPreview doc={doc} />
    </section>
  </div>
);

/** The issue page: title, state, then the body. */
export const IssuePage: FC<{ issue: IssueRow; doc: IssueDoc; csrf: string; labels: Map<string, string>; timeZone: string; issues: IssueRow[] }> = (p) => (
  <>
    <div class="page-head">
      <h1>{p.issue.title}</h1>
      <span class={`state state-${p.issue.status}`}>{cap(p.issue.status)}</span>
      <span class="muted">
        {p.issue.status === 'published' ? `published ${fmtDateTime(p.issue.published_at, p.timeZone)}` : `last change ${fmtDateTime(p.issue.updated_at, p.timeZone)}`}
      </span>
      <IssueSwitcher issues={p.issues} current={p.issue.id} />
    </div>
    <IssueBody issue={p.issue} doc={p.doc} csrf={p.csrf} labels={p.labels} />
  </>
);

/** Links to the other issues. */
export const IssueSwitcher: FC<{ issues: IssueRow[]; current?: number }> = ({ issues, current }) => issues.length > 1 || (issues.length === 1 && current === undefined) ? (
  <details class="switcher">
    <summary class="btn ghost small">All issues</summary>
    <ul>{issues.map((i) => (
      <li><a href={`/issues/${i.id}`} aria-current={i.id === current ? 'page' : undefined}>{i.title}</a> <span class="muted">{i.status}, {i.item_count}</span></li>
    ))}</ul>
  </details>
) : null;

/** The form to start a new issue, with the next number suggested. */
export const CreateIssue: FC<{ csrf: string; publication: string; volume: number; number: number; from: string; to: string; issues: IssueRow[]; error?: string }> = (p) => (
  <>
    <div class="page-head"><h1>Start the next issue</h1><IssueSwitcher issues={p.issues} /></div>
    <form method="post" action="/issues" class="panel create-issue">
      {p.error && <p class="alert alert-error" role="alert">{p.error}</p>}
      <p class="muted">There is no draft issue. Start one here — or just shortlist a candidate, which starts the next issue by itself.</p>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label class="field"><span>Publication</span><input type="text" name="publication" value={p.publication} required /></label>
      <div class="field-row">
        <label class="field"><span>Volume</span><input type="number" name="volume" value={String(p.volume)} min={1} required /></label>
        <label class="field"><span>Number</span><input type="number" name="number" value={String(p.number)} min={1} required /></label>
        <label class="field"><span>From</span><input type="date" name="from" value={p.from} /></label>
        <label class="field"><span>To</span><input type="date" name="to" value={p.to} /></label>
      </div>
      <button type="submit" class="btn primary">Create issue</button>
    </form>
  </>
);
