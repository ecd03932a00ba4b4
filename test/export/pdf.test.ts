import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../src/export/index.js';
import { findChromium, PdfUnavailableError, printPdf } from '../../src/export-pdf/print.js';
import { makeIssue } from './fixture.js';

function chromiumPath(): string | null {
  try {
    return findChromium();
  } catch (err) {
    if (err instanceof PdfUnavailableError) return null;
    throw err;
  }
}

test('a missing browser is a PdfUnavailableError that says how to get Chromium', async () => {
  const err = await printPdf('<p>x</p>', { executablePath: '/nonexistent/chromium-for-newsdesk-test' }).then(
    () => assert.fail('printPdf should have failed'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PdfUnavailableError, String(err));
  assert.match(err.message, /PDF export needs Chromium: install it with `sudo apt-get install chromium`/);
  assert.match(err.message, /NEWSDESK_CHROMIUM=\/path\/to\/chrome/);
  assert.match(err.message, /Print → Save as PDF/);
  assert.match(err.message, /\/nonexistent\/chromium-for-newsdesk-test/);
});

test('the issue prints to an A4 PDF through headless Chromium', { timeout: 60_000 }, async (t) => {
  const path = chromiumPath();
  if (!path) {
    t.diagnostic('Chromium not installed: printing skipped; checked the unavailable error instead');
    assert.throws(() => findChromium(), (e: unknown) => e instanceof PdfUnavailableError && /chromium/.test(e.message));
    return;
  }
  const pdf = await printPdf(renderHtml(makeIssue(), { groupByTopic: true }), { timeoutMs: 45_000 });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 5_000, `PDF is ${pdf.length} bytes`);
  assert.match(pdf.subarray(-1024).toString('latin1'), /%%EOF\s*$/);
  // A4 is 595 × 842 points.
  assert.match(pdf.toString('latin1'), /\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?/);
});

test('printing never fetches: a remote image in the HTML does not load or hang', { timeout: 60_000 }, async (t) => {
  if (!chromiumPath()) return t.skip('Chromium not installed');
  const html = '<!DOCTYPE html><meta charset="utf-8"><p>hello</p><img src="http://192.0.2.1/pixel.png"><script>document.body.textContent="js ran"</script>';
  const started = Date.now();
  const pdf = await printPdf(html, { timeoutMs: 30_000 });
  assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
  assert.ok(Date.now() - started < 25_000, 'did not wait on the blackholed image');
});
