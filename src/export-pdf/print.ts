/**
 * HTML → PDF through the system's headless Chromium (playwright-core). An edge: it reads the
 * environment, touches the file system and starts a browser process.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const UNAVAILABLE =
  'PDF export needs Chromium: install it with `sudo apt-get install chromium` (or set NEWSDESK_CHROMIUM=/path/to/chrome); ' +
  'meanwhile open the .html export in a browser and use Print → Save as PDF.';

/** Thrown when no Chromium executable can be found or started. */
export class PdfUnavailableError extends Error {
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${UNAVAILABLE} (${detail})` : UNAVAILABLE, options);
    this.name = 'PdfUnavailableError';
  }
}

/** Options of printPdf. */
export interface PrintOptions {
  /** Browser to run; default NEWSDESK_CHROMIUM, then /usr/bin/chromium, then `chromium` on PATH. */
  executablePath?: string;
  /** Budget for the whole print, launch included; default 30 s. */
  timeoutMs?: number;
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const MARGIN = { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' };

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to launch, or a PdfUnavailableError saying what was looked for. */
export function findChromium(explicit?: string): string {
  const wanted = explicit ?? process.env.NEWSDESK_CHROMIUM;
  if (wanted) {
    if (executable(wanted)) return wanted;
    throw new PdfUnavailableError(`no executable at ${wanted}`);
  }
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, 'chromium');
    if (executable(p)) return p;
  }
  throw new PdfUnavailableError('not found at /usr/bin/chromium or on PATH');
}

/** Prints self-contained HTML to an A4 PDF with headless Chromium; no network is allowed to the page. */
export async function printPdf(html: string, opts: PrintOptions = {}): Promise<Buffer> {
  const executablePath = findChromium(opts.executablePath);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const work = async (): Promise<Buffer> => {
    try {
      browser = await chromium.launch({ executablePath, args: ARGS, timeout: timeoutMs });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/doesn't exist|ENOENT|no such file/i.test(msg)) throw new PdfUnavailableError(executablePath, { cause: err });
      throw new Error(`Could not start Chromium at ${executablePath} to print the PDF: ${msg.split('\n')[0]}`, { cause: err });
    }
    // The race below may already be lost; a browser launched after it must not outlive us.
    if (timedOut) {
      await browser.close();
      throw new Error('Printing the PDF timed out while Chromium started.');
    }
    // The export is self-contained; anything it would fetch is an injection, so nothing may load.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: false, margin: MARGIN });
  };
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`Printing the PDF took longer than ${timeoutMs} ms; Chromium was stopped.`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
  }
}
