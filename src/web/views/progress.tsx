import type { FC } from 'hono/jsx';
import type { RunnerStatus } from '../../jobs/schedule.js';
import { ago, cap, fmtDateTime, plural } from './format.js';

/**
 * The ingest panel: a button when idle, live counters while a run goes (polled every 1.5 s),
 * or who holds the lock when another process (the cron line, a CLI run) is running.
 */
export const IngestPanel: FC<{ status: RunnerStatus; now: Date; timeZone: string; nextRun: Date | null; notice?: string }> = ({ status, now, timeZone, nextRun, notice }) => {
  const poll = { 'hx-get': '/ingest/progress', 'hx-trigger': 'every 1500ms', 'hx-swap': 'outerHTML' };
  const r = status.running;
  if (r) {
    const reading = r.sources_done < r.sources_total;
    return (
      <section id="ingest" class="panel ingest running" {...poll} aria-live="polite">
        <div class="ingest-head">
          <span class="spinner" aria-hidden="true"></span>
          <strong>Run {r.run_id} is running</strong>
          <span class="muted">started {ago(r.started_at, now)} ({r.trigger === 'schedule' ? 'on schedule' : 'from the desk'})</span>
        </div>
        <progress class="bar" max={Math.max(1, r.sources_total)} value={r.sources_done} aria-label="Sources read"></progress>
        <p class="ingest-counts">
          {reading ? <>Reading sources: {r.sources_done} of {r.sources_total}</> : r.pending > 0 ? <>Fetching articles: {r.pending} to go</> : <>Drafting summaries…</>}
          {r.sources_failed > 0 && <span class="warn-text"> · {plural(r.sources_failed, 'source')} failed</span>}
          <span class="muted"> · {r.items.new} new, {r.items.extracted} relevant, {r.items.irrelevant} off-topic, {r.items.failed} failed</span>
        </p>
      </section>
    );
  }
  const h = status.elsewhere;
  if (h) {
    return (
      <section id="ingest" class="panel ingest running" {...poll} aria-live="polite">
        <div class="ingest-head">
          <span class="spinner" aria-hidden="true"></span>
          <strong>Run {h.run_id ?? ''} is running in another process</strong>
        </div>
        <p class="muted">Process {h.pid} on {h.hostname} (the cron line or a <code>newsdesk ingest</code>) holds the database since
          {' '}{fmtDateTime(h.acquired_at, timeZone)}; last sign of life {ago(h.heartbeat_at, now)}. A new run can start when it finishes.</p>
      </section>
    );
  }
  const last = status.last;
  return (
    <section id="ingest" class="panel ingest" aria-live="polite">
      <div class="ingest-head">
        <button type="button" class="btn primary" hx-post="/ingest" hx-target="#ingest" hx-swap="outerHTML">Ingest now</button>
        <span class="muted">{nextRun ? <>Next scheduled run {fmtDateTime(nextRun.toISOString(), timeZone)}</> : 'No schedule in this process'}</span>
      </div>
      {notice && <p class="alert alert-info">{notice}</p>}
      {last && (
        <p class={last.outcome === 'failed' ? 'alert alert-error' : 'ingest-counts'}>
          Run {last.run_id ?? '?'} ({last.trigger === 'schedule' ? 'scheduled' : 'from the desk'}) finished {ago(last.finished_at, now)}:{' '}
          <span class={`state state-${last.outcome}`}>{cap(last.outcome)}</span>
          {last.items && <> — {last.items.new} new, {last.items.extracted} relevant, {last.items.failed} failed. <a href="/">See the candidates</a></>}
          {last.error && <> — {last.error}</>}
        </p>
      )}
    </section>
  );
};
