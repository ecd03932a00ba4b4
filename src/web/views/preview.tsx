import type { FC } from 'hono/jsx';
import type { IssueDoc } from '../../domain/types.js';
import { formatDateRange } from '../../export/index.js';
import { OutLink } from './card.js';

/** The issue as readers will see it: title, the headline list, one bullet per item with its sources, the footer. */
export const DigestPreview: FC<{ doc: IssueDoc }> = ({ doc }) => {
  const dates = doc.date_from || doc.date_to ? formatDateRange(doc.date_from, doc.date_to) : '';
  return (
    <article class="digest" aria-label="Preview of the issue">
      <header class="digest-head">
        <h2 class="digest-title">{doc.title}</h2>
        {dates && <p class="digest-dates">{dates}</p>}
      </header>
      {doc.items.length === 0 ? <p class="muted">The issue has no items yet. Shortlist stories on the candidates page.</p> : (
        <>
          <ul class="digest-headlines">
            {doc.items.map((it) => <li>{it.headline}</li>)}
          </ul>
          <hr />
          <ul class="digest-bullets">
            {doc.items.map((it) => (
              <li>
                <p>{it.bullet}
                  {it.links.length > 0 && (
                    <span class="digest-links"> (
                      {it.links.map((l, i) => <>{i > 0 && '; '}<OutLink href={l.url}>{l.source || 'source'}</OutLink></>)}
                    )</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {doc.publication.footer && <><hr /><footer class="digest-footer">{doc.publication.footer}</footer></>}
    </article>
  );
};
