import type { FC } from 'hono/jsx';
import type { RunWithCost } from '../../store/index.js';
import { cap, duration, fmtDateTime } from './format.js';

type Num = number | undefined;
const n = (v: unknown): Num => (typeof v === 'number' ? v : undefined);

/** The counts a finished run stored (its report); a running one has only progress. */
function countsOf(r: RunWithCost) {
  const c = (r.counts ?? {}) as { items?: Record<string, unknown>; sources?: { ok?: boolean }[]; summarize?: Record<string, unknown>;
    progress?: { items?: Record<string, unknown> } };
  const items = c.items ?? c.progress?.items ?? {};
  return {
    sources: Array.isArray(c.sources) ? `${c.sources.filter((s) => s.ok).length}/${c.sources.length}` : '—',
    new: n(items.new), relevant: n(items.extracted), offTopic: n(items.irrelevant), failed: n(items.failed),
    drafted: c.summarize ? n(c.summarize.summarized) : undefined,
  };
}

const Cell: FC<{ v: Num }> = ({ v }) => <td class="num">{v === undefined ? <span class="muted">—</span> : v.toLocaleString('en-US')}</td>;

/** The runs table: when, trigger, outcome, counts, duration, LLM calls and cost. */
export const RunsTable: FC<{ runs: RunWithCost[]; timeZone: string }> = ({ runs, timeZone }) => (
  <div class="table-wrap">
    <table class="table">
      <thead>
        <tr>
          <th>Run</th><th>Started</th><th>Trigger</th><th>Outcome</th><th class="num">Duration</th><th class="num">Sources ok</th>
          <th class="num">New</th><th class="num">Relevant</th><th class="num">Off-topic</th><th class="num">Failed</th>
          <th class="num">Drafted</th><th class="num">LLM calls</th><th class="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const c = countsOf(r);
          const ms = r.finished_at ? Date.parse(r.finished_at) - Date.parse(r.started_at) : null;
          return (
            <tr>
              <td class="num strong">{r.id}</td>
              <td>{fmtDateTime(r.started_at, timeZone)}</td>
              <td>{r.trigger}</td>
              <td><span class={`state state-${r.outcome}`} title={r.error ?? undefined}>{cap(r.outcome)}</span></td>
              <td class="num">{duration(ms)}</td>
              <td class="num">{c.sources}</td>
              <Cell v={c.new} /><Cell v={c.relevant} /><Cell v={c.offTopic} /><Cell v={c.failed} /><Cell v={c.drafted} />
              <td class="num">{r.llm_calls ? r.llm_calls.toLocaleString('en-US') : <span class="muted">—</span>}</td>
              <td class="num">{r.llm_calls ? `$${r.cost_usd.toFixed(r.cost_usd < 1 ? 4 : 2)}` : <span class="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);
