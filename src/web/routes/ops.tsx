import { Hono, type Context } from 'hono';
import type { Env } from '../deps.js';
import { toSources } from '../../jobs/sources.js';
import { IngestPanel } from '../views/progress.js';
import { SourcesTable, type SourceRow } from '../views/sources.js';
import { RunsTable } from '../views/runs.js';
import { page, isHtmx } from '../render.js';
import { plural } from '../views/format.js';

const RUNS_PER_PAGE = 50;

function panel(c: Context<Env>, notice?: string) {
  const { runner, now, config, nextRun } = c.get('deps');
  return <IngestPanel status={runner.status()} now={now()} timeZone={config.schedule.timezone} nextRun={nextRun?.() ?? null} notice={notice} />;
}

/** Stored health merged with the config: a configured source not read yet still shows; failing first. */
function sourceRows(c: Context<Env>): SourceRow[] {
  const { store, config, now } = c.get('deps');
  const stored = store.listSourceHealth(new Date(now().getTime() - 14 * 86_400_000).toISOString());
  const byId = new Map(stored.map((s) => [s.id, s]));
  const rows: SourceRow[] = stored.map((s) => ({ ...s, stored: true }));
  for (const s of toSources(config)) if (!byId.has(s.id)) rows.push({ id: s.id, name: s.name, type: s.type, url: s.url, enabled: s.enabled, stored: false });
  const rank = (r: SourceRow) => ((r.consecutive_failures ?? 0) > 0 ? 0 : !r.enabled ? 3 : r.stored ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || (b.consecutive_failures ?? 0) - (a.consecutive_failures ?? 0) || a.name.localeCompare(b.name));
}

/** Sources (health + ingest now with live progress) and runs history. */
export function opsRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/sources', (c) => {
    const { now, config } = c.get('deps');
    const rows = sourceRows(c);
    const failing = rows.filter((r) => (r.consecutive_failures ?? 0) > 0).length;
    return page(c, 'Sources', 'sources', <>
      <div class="page-head">
        <h1>Sources</h1>
        <span class="muted">{plural(rows.length, 'source')}{failing > 0 && <>, <span class="warn-text">{failing} failing</span></>}</span>
      </div>
      {panel(c)}
      <SourcesTable rows={rows} now={now()} timeZone={config.schedule.timezone} />
    </>);
  });

  app.get('/ingest/progress', (c) => c.html(panel(c)));

  app.post('/ingest', (c) => {
    const r = c.get('deps').runner.start('web');
    const notice = r.started ? undefined : r.reason === 'running' ? `Run ${r.progress.run_id} is already running.`
      : `Another process holds the database (run ${r.holder.run_id ?? '?'}, process ${r.holder.pid}); try again when it finishes.`;
    if (!isHtmx(c)) return c.redirect('/sources', 303);
    return c.html(panel(c, notice));
  });

  app.get('/runs', (c) => {
    const { store, config } = c.get('deps');
    const p = Math.max(1, Math.min(10_000, Number(c.req.query('page')) || 1));
    const total = store.countRuns();
    const runs = store.listRunsWithCost(RUNS_PER_PAGE, (p - 1) * RUNS_PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / RUNS_PER_PAGE));
    return page(c, 'Runs', 'runs', <>
      <div class="page-head"><h1>Runs</h1><span class="muted">{plural(total, 'run')}</span></div>
      {runs.length ? <RunsTable runs={runs} timeZone={config.schedule.timezone} />
        : <div class="empty-state"><p class="muted">No runs yet. Start one from <a href="/sources">Sources</a>, or wait for the schedule.</p></div>}
      {pages > 1 && (
        <nav class="pager">
          {p > 1 ? <a class="btn" href={`/runs?page=${p - 1}`}>← Newer</a> : <span />}
          <span class="muted">Page {p} of {pages}</span>
          {p < pages ? <a class="btn" href={`/runs?page=${p + 1}`}>Older →</a> : <span />}
        </nav>
      )}
    </>);
  });
  return app;
}
