import type { Store } from '../store/index.js';
import { IssueError } from './issues.js';

/**
 * An editor splits an item out of its story: it becomes a story of its own (a fresh candidate that
 * needs its own draft), and later runs never move it back. Returns the new story's id.
 */
export function splitItem(store: Store, itemId: number, now: Date): number {
  return store.inTransaction(() => {
    const from = store.storyIdOf(itemId);
    if (from === null) throw new IssueError(`item ${itemId} is not in a story (only relevant items are)`);
    if (store.storyMemberIds(from).length < 2) throw new IssueError(`item ${itemId} is the only item of story ${from}; there is nothing to split`);
    const id = store.splitToNewStory(itemId, now.toISOString());
    store.refreshLead(from, now.toISOString());
    store.reindexStory(from);
    store.reindexStory(id);
    return id;
  });
}

/**
 * An editor merges story `other` into story `into`: its items join (taking `into`'s review state and
 * draft), `other` and its draft go, and later runs keep them together.
 */
export function mergeStories(store: Store, into: number, other: number, now: Date): void {
  if (into === other) throw new IssueError('a story cannot be merged with itself');
  store.inTransaction(() => {
    const target = store.storyState(into);
    if (!target || !store.storyState(other)) throw new IssueError(`there is no story ${!target ? into : other} (see \`newsdesk stories\`)`);
    for (const id of store.storyMemberIds(other)) store.pinToStory(id, into, { review: target.review, summarized: target.has_summary }, now.toISOString());
    store.dropEmptyStory(other);
    store.reindexStory(into);
  });
}
