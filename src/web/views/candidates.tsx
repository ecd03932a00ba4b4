import type { FC } from 'hono/jsx';
import type { StoryCard } from '../../store/index.js';
import type { TopicConfig } from '../../config/schema.js';
import { REVIEW_STATES, PAGE_SIZE, filterHref, type DeskFilter } from '../filters.js';
import { Card, type CardContext } from './card.js';
import { fmtDate, plural } from './format.js';

/** Everything the candidates page shows. */
export interface CandidatesModel {
  filter: DeskFilter;
  cards: StoryCard[];
  total: number;
  /** Fresh candidates and follow-ups under the same filters. */
  kinds: { fresh: number; followUps: number };
  topicCounts: Record<string, number>;
  topics: TopicConfig[];
  sources: { id: string; name: string }[];
  ctx: CardContext;
  draft: string | null;
  /** Why no more LLM drafts are made for this issue (llm.budget_usd_per_issue spent), or null. */
  budgetStop?: string | null;
}

const REVIEW_LABEL: Record<string, string> = { new: 'New', shortlisted: 'Shortlisted', rejected: 'Rejected', published: 'Published', all: 'All' };

/** Left rail: review state and topic, each a link keeping the other filters. */
const Rail: FC<{ m: CandidatesModel }> = ({ m }) => {
  const f = m.filter;
  const known = new Set(m.topics.map((t) => t.id));
  const other = Object.keys(m.topicCounts).filter((t) => !known.has(t));
  return (
    <aside class="rail">
      <h3 class="rail-title">Stories</h3>
      <ul class="rail-list">
        <li><a href={filterHref(f, { followUps: false })} aria-current={!f.followUps ? 'true' : undefined}>
          <span>Fresh</span><span class="count">{m.kinds.fresh}</span></a></li>
        <li><a href={filterHref(f, { followUps: true })} aria-current={f.followUps ? 'true' : undefined} class={m.kinds.followUps ? '' : 'empty'}
          title="Stories about events an earlier issue already ran">
          <span>Follow-ups</span><span class="count">{m.kinds.followUps}</span></a></li>
      </ul>
      <h3 class="rail-title">Review</h3>
      <ul class="rail-list">
        {REVIEW_STATES.map((r) => (
          <li><a href={filterHref(f, { review: r })} aria-current={f.review === r ? 'true' : undefined}>{REVIEW_LABEL[r]}</a></li>
        ))}
      </ul>
      <h3 class="rail-title">Topics</h3>
      <ul class="rail-list">
        <li><a href={filterHref(f, { topic: '' })} aria-current={!f.topic ? 'true' : undefined}>All topics</a></li>
        {[...m.topics.map((t) => [t.id, t.label] as const), ...other.map((t) => [t, t] as const)].map(([id, label]) => (
          <li>
            <a href={filterHref(f, { topic: id })} aria-current={f.topic === id ? 'true' : undefined} class={m.topicCounts[id] ? '' : 'empty'}>
              <span>{label}</span><span class="count">{m.topicCounts[id] ?? 0}</span>
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
};

/** Search box and the date and source filters (a plain GET form: works without JavaScript). */
const FilterBar: FC<{ m: CandidatesModel }> = ({ m }) => {
  const f = m.filter;
  return (
    <form class="filters" method="get" action="/" role="search">
      <div class="search-row">
        <input type="search" name="q" value={f.q} placeholder="Search headlines, bullets and article text" aria-label="Search" id="search" />
        <kbd class="search-hint" aria-hidden="true">/</kbd>
      </div>
      <div class="filter-row">
        {f.review !== 'new' && <input type="hidden" name="review" value={f.review} />}
        {f.followUps && <input type="hidden" name="follow_ups" value="1" />}
        {f.topic && <input type="hidden" name="topic" value={f.topic} />}
        <select name="source" aria-label="Source">
          <option value="">All sources</option>
          {m.sources.map((s) => <option value={s.id} selected={f.source === s.id}>{s.name}</option>)}
        </select>
        <label class="date">From <input type="date" name="from" value={f.from} /></label>
        <label class="date">To <input type="date" name="to" value={f.to} /></label>
        <button type="submit" class="btn">Apply</button>
      </div>
    </form>
  );
};

const Pager: FC<{ m: CandidatesModel }> = ({ m }) => {
  const pages = Math.max(1, Math.ceil(m.total / PAGE_SIZE));
  if (pages === 1) return null;
  const p = m.filter.page;
  return (
    <nav class="pager" aria-label="Pages">
      {p > 1 ? <a class="btn" href={filterHref(m.filter, { page: p - 1 })} rel="prev">← Newer</a> : <span />}
      <span class="muted">Page {p} of {pages}</span>
      {p < pages ? <a class="btn" href={filterHref(m.filter, { page: p + 1 })} rel="next">Older →</a> : <span />}
    </nav>
  );
};

/** The candidates page: rail, filters, cards, pages. */
export const CandidatesPage: FC<{ m: CandidatesModel }> = ({ m }) => {
  const f = m.filter;
  const topicLabel = f.topic ? m.ctx.topicLabels.get(f.topic) ?? f.topic : null;
  const heading = f.followUps ? (f.review === 'new' ? 'Follow-ups' : `${REVIEW_LABEL[f.review]} follow-ups`)
    : f.review === 'new' ? 'Candidates' : `${REVIEW_LABEL[f.review]} stories`;
  return (
    <div class="desk">
      <Rail m={m} />
      <section class="desk-main">
        <div class="summary-line">
          <h1>{heading}</h1>
          <span class="muted">
            {plural(m.total, 'story', 'stories')}{topicLabel && <> in {topicLabel}</>}{f.q && <> matching “{f.q}”</>}
            {f.from ? <> since {fmtDate(f.from, 'UTC')}</> : null}{f.to ? <> until {fmtDate(f.to, 'UTC')}</> : null}
          </span>
          {m.draft && <span class="muted draft-note">Shortlisting adds to <a href="/issue">{m.draft}</a></span>}
        </div>
        {m.budgetStop && <p class="alert alert-warn budget-banner" role="status"><strong>LLM budget spent.</strong> {m.budgetStop}</p>}
        {f.followUps && <p class="muted kind-note">Stories about events an earlier issue already ran. They are not fresh candidates;
          shortlist one when the new development is news.</p>}
        <FilterBar m={m} />
        <div id="cards" class="cards">
          {m.cards.map((card) => <Card card={card} ctx={m.ctx} />)}
          {m.cards.length === 0 && (
            <div class="empty-state">
              <p><strong>Nothing here.</strong></p>
              <p class="muted">No stories match these filters. Widen the dates, clear the search, or run an ingest from <a href="/sources">Sources</a>.</p>
              <p><a class="btn" href={filterHref(f, { q: '', topic: '', source: '', from: '', to: '' })}>Clear all filters</a></p>
            </div>
          )}
        </div>
        <Pager m={m} />
      </section>
    </div>
  );
};
