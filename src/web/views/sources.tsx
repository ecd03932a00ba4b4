import type { FC } from 'hono/jsx';
import type { SourceHealth } from '../../store/index.js';
import { OutLink } from './card.js';
import { ago, fmtDateTime } from './format.js';

/** One row of the sources table: stored health, or "never read" for a source only in the config. */
export type SourceRow = Pick<SourceHealth, 'id' | 'name' | 'type' | 'url' | 'enabled'> & Partial<SourceHealth> & { stored: boolean };

const Status: FC<{ s: SourceRow }> = ({ s }) => {
  if (!s.enabled) return <span class="state state-disabled">Disabled</span>;
  if ((s.consecutive_failures ?? 0) > 0) return <span class="state state-failed">Failing ×{s.consecutive_failures}</span>;
  if (!s.stored || !s.last_attempt_at) return <span class="state state-never">Not read yet</span>;
  return <span class="state state-ok">OK</span>;
};

/** The sources table, failing sources first. */
export const SourcesTable: FC<{ rows: SourceRow[]; now: Date; timeZone: string }> = ({ rows, now, timeZone }) => (
  <div class="table-wrap">
    <table class="table">
      <thead>
        <tr><th>Source</th><th>Status</th><th>Last success</th><th>Last error</th><th class="num">Items, 14 d</th><th class="num">All items</th></tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr class={(s.consecutive_failures ?? 0) > 0 ? 'row-failing' : ''}>
            <td>
              <div class="strong">{s.name}</div>
              <div class="muted small"><OutLink href={s.url}>{s.id}</OutLink> · {s.type === 'rss' ? 'feed' : 'listing page'}</div>
            </td>
            <td><Status s={s} /></td>
            <td title={fmtDateTime(s.last_ok_at, timeZone)}>{s.stored ? ago(s.last_ok_at, now) : '—'}</td>
            <td class="error-cell">{s.last_error ? <><span class="tag">{s.last_error_kind}</span> {s.last_error}</> : <span class="muted">—</span>}</td>
            <td class="num">{s.items_recent ?? 0}</td>
            <td class="num">{s.items_total ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
