import type { Config } from '../config/schema.js';
import type { IssueDoc } from '../domain/types.js';
import type { Store, IssueRow } from '../store/index.js';

/** A request about issues that cannot be done as asked; the message says why and what to do. */
export class IssueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssueError';
  }
}

/** Finds an issue by id ("7") or by volume and number ("1.4"). */
export function resolveIssue(store: Store, ref: string | number): IssueRow {
  const s = String(ref).trim();
  const vn = /^(\d+)\.(\d+)$/.exec(s);
  const issue = vn ? store.getIssueByNumber(Number(vn[1]), Number(vn[2])) : /^\d+$/.test(s) ? store.getIssue(Number(s)) : undefined;
  if (!issue) {
    const known = store.listIssues().slice(0, 8).map((i) => `${i.volume}.${i.number} (id ${i.id})`).join(', ');
    throw new IssueError(`no issue "${s}"; name an issue by its id or as VOLUME.NUMBER${known ? ` — existing: ${known}` : ' — none exists yet: create one with `newsdesk issue create`'}`);
  }
  return issue;
}

/** The volume and number after the last issue (1.1 for the first). */
export function nextIssueNumber(store: Store): { volume: number; number: number } {
  const last = store.lastIssueNumber();
  return last ? { volume: last.volume, number: last.number + 1 } : { volume: 1, number: 1 };
}

const isoDate = (label: string, v: string | undefined | null): string | null => {
  if (!v) return null;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new IssueError(`${label} must be a date like 2026-11-10 (got "${v}")`);
  return v.slice(0, 10);
};

/** Creates an issue; volume/number default to the next after the last issue, the title to "<publication> Vol V.N". */
export function createIssue(store: Store, config: Config, o: { title?: string; volume?: number; number?: number; from?: string; to?: string },
  now: Date): IssueRow {
  const next = nextIssueNumber(store);
  const volume = o.volume ?? next.volume;
  const number = o.number ?? (o.volume !== undefined && o.volume !== next.volume ? 1 : next.number);
  if (!Number.isInteger(volume) || volume < 1 || !Number.isInteger(number) || number < 1) {
    throw new IssueError('volume and number must be whole numbers from 1 up');
  }
  if (store.getIssueByNumber(volume, number)) throw new IssueError(`issue ${volume}.${number} already exists; the next free number is ${next.volume}.${next.number}`);
  const from = isoDate('--from', o.from);
  const to = isoDate('--to', o.to);
  if (from && to && from > to) throw new IssueError(`the date range is backwards: --from ${from} is after --to ${to}`);
  const title = o.title?.trim() || `${config.publication.name} Vol ${volume}.${number}`;
  return store.getIssue(store.insertIssue({ title, volume, number, date_from: from, date_to: to }, now.toISOString()))!;
}

function draftOnly(issue: IssueRow): void {
  if (issue.status === 'published') {
    throw new IssueError(`issue ${issue.volume}.${issue.number} is published and can no longer change; create the next issue with \`newsdesk issue create\``);
  }
}

function checkItem(store: Store, itemId: number): number {
  if (!Number.isInteger(itemId) || itemId < 1) throw new IssueError(`"${itemId}" is not an item id (see \`newsdesk items\`)`);
  const story = store.storyOfItem(itemId);
  if (story === null && !store.itemText(itemId)) throw new IssueError(`there is no item ${itemId} (see \`newsdesk items\`)`);
  return story ?? store.createStoryFor(itemId, new Date().toISOString());
}

/** Adds items to a draft issue (at the end, in the order given); their stories become shortlisted. */
export function addToIssue(store: Store, ref: string | number, itemIds: number[], now: Date): IssueRow {
  const issue = resolveIssue(store, ref);
  draftOnly(issue);
  const stories = itemIds.map((id) => checkItem(store, id));
  store.addIssueItems(issue.id, itemIds, now.toISOString());
  for (const s of stories) store.setStoryReview(s, 'shortlisted', now.toISOString());
  return store.getIssue(issue.id)!;
}

/** Removes an item from a draft issue; its story goes back to the candidates. */
export function removeFromIssue(store: Store, ref: string | number, itemId: number, now: Date): IssueRow {
  const issue = resolveIssue(store, ref);
  draftOnly(issue);
  if (!store.removeIssueItem(issue.id, itemId, now.toISOString())) {
    throw new IssueError(`item ${itemId} is not in issue ${issue.volume}.${issue.number}`);
  }
  const story = store.storyOfItem(itemId);
  if (story !== null && store.issuesOfItem(itemId).length === 0) store.setStoryReview(story, 'new', now.toISOString());
  return store.getIssue(issue.id)!;
}

/** Moves an item to a 1-based position in a draft issue. */
export function moveInIssue(store: Store, ref: string | number, itemId: number, position: number, now: Date): IssueRow {
  const issue = resolveIssue(store, ref);
  draftOnly(issue);
  if (!Number.isInteger(position) || position < 1) throw new IssueError(`position must be a whole number from 1 up (got "${position}")`);
  if (!store.moveIssueItem(issue.id, itemId, position, now.toISOString())) {
    throw new IssueError(`item ${itemId} is not in issue ${issue.volume}.${issue.number}`);
  }
  return store.getIssue(issue.id)!;
}

/** Publishes an issue: its items become `published` and never come back as candidates. */
export function publishIssue(store: Store, ref: string | number, now: Date): IssueRow {
  const issue = resolveIssue(store, ref);
  draftOnly(issue);
  if (issue.item_count === 0) throw new IssueError(`issue ${issue.volume}.${issue.number} has no items; add some with \`newsdesk issue add\``);
  store.publishIssue(issue.id, now.toISOString());
  return store.getIssue(issue.id)!;
}

/** Shortlists a story into the current draft issue, creating the next issue when there is no draft. */
export function shortlistStory(store: Store, config: Config, storyId: number, now: Date): IssueRow {
  const card = store.getCard(storyId);
  if (!card) throw new IssueError(`there is no story ${storyId}`);
  const draft = store.currentDraft() ?? createIssue(store, config, {}, now);
  return addToIssue(store, draft.id, [card.lead_item_id], now);
}

/** Rejects a story (its items leave the candidates; undo puts them back). */
export function rejectStory(store: Store, storyId: number, now: Date): void {
  if (!store.getCard(storyId)) throw new IssueError(`there is no story ${storyId}`);
  store.setStoryReview(storyId, 'rejected', now.toISOString());
}

/** The digest's heading always names its volume and number: "<title> Vol V.N", unless the title already says "Vol V.N". */
export function issueHeading(title: string, volume: number, number: number): string {
  const has = new RegExp(`\\bVol(?:ume)?\\.?\\s*${volume}\\.${number}(?!\\d)`, 'i').test(title);
  return has ? title : `${title.trim()} Vol ${volume}.${number}`;
}

/** Everything an export needs about one issue, with the editor's versions winning. */
export function issueDocument(store: Store, config: Config, ref: string | number): IssueDoc {
  const issue = resolveIssue(store, ref);
  return {
    publication: { name: config.publication.name, footer: config.publication.footer },
    title: issueHeading(issue.title, issue.volume, issue.number),
    volume: issue.volume,
    number: issue.number,
    date_from: issue.date_from,
    date_to: issue.date_to,
    status: issue.status,
    topics: config.topics.map((t) => ({ ...t })),
    items: store.issueEntries(issue.id).map((e) => ({
      item_id: e.item_id,
      headline: e.headline ?? e.title ?? e.url,
      bullet: e.bullet ?? e.summary ?? '',
      topics: e.topics,
      links: e.links.map((l) => ({ url: l.url, source: l.source })),
      published_at: e.published_at,
    })),
  };
}
