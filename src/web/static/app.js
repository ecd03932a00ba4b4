// Keyboard shortcuts and small behaviours of the editor's desk. No inline script anywhere (CSP):
// everything is wired here by data attributes. htmx does the requests.
(() => {
  'use strict';
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const help = () => document.getElementById('help');
  let lastUndo = null;
  let focusedId = null;

  const isTyping = (el) => !!el && !!el.closest && !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  const currentCard = () => document.activeElement && document.activeElement.closest ? document.activeElement.closest('.card') : null;
  const currentEntry = () => document.activeElement && document.activeElement.closest ? document.activeElement.closest('.entry') : null;

  function focusEl(el) {
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  // j/k: the next or previous card (candidates) or issue item (draft issue).
  function step(dir) {
    const list = $$('.card').length ? $$('.card') : $$('.entry');
    if (!list.length) return;
    // Right after a swap the focus may not be back yet: fall back to the element that had it.
    const cur = currentCard() || currentEntry() || (focusedId && document.getElementById(focusedId));
    const at = list.indexOf(cur);
    const next = at < 0 ? (dir > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + dir));
    focusEl(list[next]);
  }

  function press(root, key) {
    if (!root) return false;
    const btn = root.querySelector(`[data-key="${key}"]:not([disabled])`);
    if (!btn) return false;
    btn.click();
    return true;
  }

  function toggleHelp(show) {
    const h = help();
    if (!h) return;
    const open = show === undefined ? h.hidden : show;
    h.hidden = !open;
    if (open) h.querySelector('button')?.focus();
  }

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey) {
      // Ctrl/Cmd+Enter saves the edit form being typed in.
      if (e.key === 'Enter' && e.target.closest && e.target.closest('.edit-form')) {
        e.preventDefault();
        e.target.closest('.edit-form').requestSubmit();
      }
      return;
    }
    if (e.key === 'Escape') {
      if (help() && !help().hidden) { toggleHelp(false); return; }
      const card = e.target.closest && e.target.closest('.card.editing');
      if (card) { card.querySelector('[data-cancel]')?.click(); return; }
      if (isTyping(e.target)) e.target.blur();
      return;
    }
    if (isTyping(e.target)) return;
    const entry = currentEntry();
    if (entry && ((e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) || (e.shiftKey && (e.key === 'J' || e.key === 'K')))) {
      e.preventDefault();
      const down = e.key === 'ArrowDown' || e.key === 'J';
      entry.querySelector(`[data-move="${down ? 'down' : 'up'}"]:not([disabled])`)?.click();
      return;
    }
    if (e.altKey || e.shiftKey && e.key !== '?') return;
    switch (e.key) {
      case 'j': e.preventDefault(); step(1); break;
      case 'k': e.preventDefault(); step(-1); break;
      case '?': e.preventDefault(); toggleHelp(); break;
      case '/': {
        const s = document.getElementById('search');
        if (s) { e.preventDefault(); s.focus(); s.select(); }
        break;
      }
      case 's': case 'x': case 'e': case 't':
        if (press(currentCard(), e.key)) e.preventDefault();
        break;
      case 'm': {
        const field = currentCard()?.querySelector('[data-merge-field]');
        if (field) { e.preventDefault(); field.focus(); }
        break;
      }
      case 'o': {
        const a = currentCard()?.querySelector('.headline a');
        if (a) { e.preventDefault(); window.open(a.href, '_blank', 'noopener,noreferrer'); }
        break;
      }
      case 'u': {
        // The focused card's undo first, else the most recent one on the page.
        if (press(currentCard(), 'u')) { e.preventDefault(); break; }
        if (lastUndo && lastUndo.isConnected) { e.preventDefault(); lastUndo.click(); }
        break;
      }
    }
  });

  document.addEventListener('click', (e) => {
    const t = e.target.closest ? e.target : null;
    if (!t) return;
    if (t.closest('[data-help-toggle]')) toggleHelp();
    else if (t.closest('#help') && t.id === 'help') toggleHelp(false);
    const close = t.closest('[data-close-pane]');
    if (close) {
      const pane = close.closest('.card-text');
      if (pane) { pane.replaceChildren(); pane.closest('.card')?.focus(); }
    }
  });

  // After htmx replaces the focused element, focus its replacement (same id), so j/k/s/x keep flowing.
  document.addEventListener('htmx:beforeRequest', () => {
    const el = currentCard() || currentEntry();
    focusedId = el ? el.id : null;
  });
  document.addEventListener('htmx:afterSettle', (e) => {
    const undo = e.detail && e.detail.elt && e.detail.elt.querySelector && (e.detail.elt.matches('[data-undo]') ? e.detail.elt : e.detail.elt.querySelector('[data-undo]'));
    if (undo) lastUndo = undo;
    const stub = focusedId && document.getElementById(focusedId);
    const active = document.activeElement;
    if (stub && (!active || active === document.body || !active.isConnected)) {
      const auto = stub.querySelector('[autofocus]');
      focusEl(auto || stub);
    }
    if (e.detail && e.detail.target && e.detail.target.id === 'toast') {
      const toast = e.detail.target;
      toast.classList.add('show');
      clearTimeout(toast._t);
      toast._t = setTimeout(() => toast.classList.remove('show'), 6000);
    }
  });
  document.addEventListener('htmx:afterSwap', (e) => {
    // Article text opened: show it beside the summary.
    const t = e.detail && e.detail.target;
    if (t && t.classList && t.classList.contains('card-text')) t.closest('.card')?.classList.add('with-text');
  });
  document.addEventListener('htmx:responseError', (e) => {
    const toast = document.getElementById('toast');
    if (!toast) return;
    const status = e.detail.xhr ? e.detail.xhr.status : 0;
    toast.textContent = status === 403 ? 'Refused: your session changed. Reload the page.'
      : status === 401 ? 'Your session ended. Reload the page to log in again.' : 'The server could not do that. Reload the page and try again.';
    toast.classList.add('show');
  });
})();
