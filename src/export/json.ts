/**
 * IssueDoc → JSON for other tools. This is data, not a rendering: text and URLs are passed through
 * exactly as the editor left them (a consumer that displays them escapes them itself), and the
 * keys are picked explicitly so a field added to IssueDoc does not leak into the contract.
 */
import type { IssueDoc } from '../domain/types.js';

/** Renders the issue and its items as pretty-printed JSON (2-space indent, trailing newline). */
export function renderJson(doc: IssueDoc): string {
  const out = {
    title: doc.title,
    volume: doc.volume,
    number: doc.number,
    date_from: doc.date_from,
    date_to: doc.date_to,
    status: doc.status,
    publication: { name: doc.publication.name, footer: doc.publication.footer },
    items: doc.items.map((it) => ({
      item_id: it.item_id,
      headline: it.headline,
      bullet: it.bullet,
      topics: [...it.topics],
      links: it.links.map((l) => ({ url: l.url, source: l.source })),
      published_at: it.published_at,
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
