import type { FC } from 'hono/jsx';

const KEYS: [string, string][] = [
  ['j / k', 'next / previous card (or issue item)'],
  ['s', 'shortlist the card into the draft issue'],
  ['x', 'reject the card'],
  ['u', 'undo the last shortlist or reject'],
  ['e', 'edit headline, bullet and topics'],
  ['t', 'show the article text beside the summary'],
  ['o', 'open the original article'],
  ['m', 'type the number of a story to merge into the card'],
  ['/', 'search'],
  ['Shift+J / Shift+K', 'move the focused issue item down / up (also Alt+↓ / Alt+↑)'],
  ['Ctrl+Enter', 'save the edit form; Esc cancels'],
  ['?', 'show or hide this help'],
];

/** The keyboard shortcuts overlay, opened with "?". */
export const HelpOverlay: FC = () => (
  <div id="help" class="overlay" hidden role="dialog" aria-modal="true" aria-labelledby="help-title">
    <div class="overlay-box">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl class="keys">
        {KEYS.map(([k, what]) => (
          <>
            <dt>{k.split(' / ').map((x, i) => (<>{i > 0 && ' / '}<kbd>{x}</kbd></>))}</dt>
            <dd>{what}</dd>
          </>
        ))}
      </dl>
      <p class="muted">Shortcuts are off while you type in a field. Press <kbd>Esc</kbd> to close.</p>
      <button type="button" class="btn" data-help-toggle>Close</button>
    </div>
  </div>
);
