import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { spawnCli, ROOT } from '../support/cli.js';
import { openStore } from '../../src/store/index.js';

/** Debian's Chromium (NEWSDESK_CHROMIUM overrides the path); the browser tests skip, saying why, when it is missing. */
export const CHROMIUM = process.env.NEWSDESK_CHROMIUM ?? '/usr/bin/chromium';
/** Why the browser tests cannot run here, or false when they can. */
export const SKIP_BROWSER: string | false = existsSync(CHROMIUM) ? false
  : `browser tests skipped: ${CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium; .ci/run does it)`;
/** Screenshots land here (ignored by git). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Launches headless Chromium with no background traffic (`args`: extra command-line switches). */
export async function launch(args: string[] = []): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args] });
}

/** Opens the desk at `url` in a new page once htmx is up; `errors` collects page errors and console errors. */
export async function openDesk(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => 'htmx' in window);
  return { page, errors };
}

/** A running `newsdesk serve`, started as its own process exactly as an editor would start it. */
export interface Served { url: string; child: ChildProcess; stderr(): string; stop(): Promise<number | null> }

/** Starts `newsdesk serve --port 0` and resolves with the URL it prints once it listens. */
export function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  // `serve` refuses a --db that does not exist (a typo would give an empty desk): make the test's fresh one first.
  const db = args[args.indexOf('--db') + 1];
  if (args.includes('--db') && db && !existsSync(db)) openStore(db).close();
  const child = spawnCli(['serve', '--port', '0', '--no-schedule', ...args], { NEWSDESK_PASSWORD: '', ...env });
  let err = '';
  child.stdin!.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not start in 20 s:\n${err}`)); }, 20_000);
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /listening on (http:\/\/\S+?)\/?(\s|$)/.exec(err);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1], child, stderr: () => err,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) { done(child.exitCode); return; }
          child.once('exit', (code) => done(code));
          child.kill('SIGTERM');
        }),
      });
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}:\n${err}`)); });
  });
}
