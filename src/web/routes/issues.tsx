import { Hono, type Context } from 'hono';
import type { Env } from '../deps.js';
import { IssueError, createIssue, issueDocument, moveInIssue, nextIssueNumber, publishIssue, removeFromIssue, resolveIssue } from '../../jobs/issues.js';
import { renderIssue, EXPORT_FORMATS, FORMAT_INFO, type ExportFormat } from '../../export/index.js';
import type { IssueRow } from '../../store/index.js';
import { CreateIssue, IssueBody, IssuePage } from '../views/issue.js';
import { isoDay } from '../views/format.js';
import { DEFAULT_DAYS } from '../filters.js';
import { idParam, isHtmx, page, refuse } from '../render.js';

/** "us-japan-alliance-digest-vol-1-4.md": a safe ASCII file name for a download. */
export function exportFileName(publication: string, issue: { volume: number; number: number }, ext: string): string {
  const slug = publication.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'issue';
  return `${slug}-vol-${issue.volume}-${issue.number}.${ext}`;
}

const labels = (c: Context<Env>) => new Map(c.get('deps').config.topics.map((t) => [t.id, t.label]));

function showIssue(c: Context<Env>, issue: IssueRow) {
  const { store, config } = c.get('deps');
  const doc = issueDocument(store, config, issue.id);
  return page(c, issue.title, 'issue', <IssuePage issue={issue} doc={doc} csrf={c.get('csrf')} labels={labels(c)}
    timeZone={config.schedule.timezone} issues={store.listIssues()} />);
}

function createForm(c: Context<Env>, error?: string, status: 200 | 422 = 200) {
  const { store, config, now } = c.get('deps');
  const next = nextIssueNumber(store);
  const last = store.lastPublishedIssue();
  const tz = config.schedule.timezone;
  const from = last?.published_at ? isoDay(new Date(last.published_at), tz) : isoDay(new Date(now().getTime() - DEFAULT_DAYS * 86_400_000), tz);
  return page(c, 'New issue', 'issue', <CreateIssue csrf={c.get('csrf')} publication={config.publication.name} volume={next.volume}
    number={next.number} from={from} to={isoDay(now(), tz)} issues={store.listIssues()} error={error} />, status);
}

/** Runs an action on an issue item and answers with the refreshed list and preview. */
function onEntry(fn: (c: Context<Env>, issue: IssueRow, itemId: number, body: Record<string, unknown>) => void) {
  return async (c: Context<Env>) => {
    const { store, config } = c.get('deps');
    try {
      const issue = resolveIssue(store, idParam(c.req.param('id')) ?? -1);
      const itemId = idParam(c.req.param('item'));
      if (itemId === null) throw new IssueError('no such item');
      fn(c, issue, itemId, await c.req.parseBody());
      if (!isHtmx(c)) return c.redirect(`/issues/${issue.id}`, 303);
      const fresh = store.getIssue(issue.id)!;
      return c.html(<IssueBody issue={fresh} doc={issueDocument(store, config, issue.id)} csrf={c.get('csrf')} labels={labels(c)} />);
    } catch (err) {
      if (err instanceof IssueError) return refuse(c, err.message);
      throw err;
    }
  };
}

/** The draft issue page, issue creation, reordering, publishing and downloads. */
export function issueRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/issue', (c) => {
    const draft = c.get('deps').store.currentDraft();
    return draft ? showIssue(c, draft) : createForm(c);
  });
  app.get('/issues/:id', (c) => {
    const id = idParam(c.req.param('id'));
    const issue = id === null ? undefined : c.get('deps').store.getIssue(id);
    return issue ? showIssue(c, issue) : refuse(c, `There is no issue ${c.req.param('id')}.`, 404);
  });

  app.post('/issues', async (c) => {
    const { store, config, now } = c.get('deps');
    const b = await c.req.parseBody();
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
    const volume = Number(str('volume'));
    const number = Number(str('number'));
    try {
      const name = str('publication') || config.publication.name;
      const issue = createIssue(store, config, { title: `${name} Vol ${volume}.${number}`, volume, number,
        from: str('from') || undefined, to: str('to') || undefined }, now());
      return c.redirect(`/issues/${issue.id}`, 303);
    } catch (err) {
      if (err instanceof IssueError) return createForm(c, err.message, 422);
      throw err;
    }
  });

  app.post('/issues/:id/items/:item/move', onEntry((c, issue, itemId, body) => {
    moveInIssue(c.get('deps').store, issue.id, itemId, Math.max(1, Number(body.to)), c.get('deps').now());
  }));
  app.post('/issues/:id/items/:item/remove', onEntry((c, issue, itemId) => {
    removeFromIssue(c.get('deps').store, issue.id, itemId, c.get('deps').now());
  }));

  app.post('/issues/:id/publish', (c) => {
    const { store, now } = c.get('deps');
    try {
      const issue = publishIssue(store, idParam(c.req.param('id')) ?? -1, now());
      return c.redirect(`/issues/${issue.id}`, 303);
    } catch (err) {
      if (err instanceof IssueError) return refuse(c, err.message);
      throw err;
    }
  });

  app.get('/issues/:id/export/:format', async (c) => {
    const { store, config } = c.get('deps');
    const format = EXPORT_FORMATS.find((f) => f === c.req.param('format')) as ExportFormat | undefined;
    const id = idParam(c.req.param('id'));
    const issue = id === null ? undefined : store.getIssue(id);
    if (!issue || !format) return refuse(c, `There is no such download (formats: ${EXPORT_FORMATS.join(', ')}).`, 404);
    const out = await renderIssue(issueDocument(store, config, issue.id), format);
    const body = typeof out === 'string' ? out : new Uint8Array(out);
    return c.body(body, 200, {
      'Content-Type': FORMAT_INFO[format].mime,
      'Content-Disposition': `attachment; filename="${exportFileName(config.publication.name, issue, FORMAT_INFO[format].ext)}"`,
    });
  });
  return app;
}
