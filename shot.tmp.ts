import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { renderHtml } from './src/export/index.js';
import { makeIssue } from './test/export/fixture.js';
const grouped = process.argv[2] === 'g';
const html = renderHtml(makeIssue(), { groupByTopic: grouped });
writeFileSync('/tmp/shots/issue.html', html);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, w, scheme] of [['desktop', 1000, 'light'], ['phone', 390, 'light'], ['dark', 1000, 'dark']] as const) {
  const p = await b.newPage({ viewport: { width: w, height: 800 }, colorScheme: scheme });
  await p.setContent(html);
  await p.screenshot({ path: `/tmp/shots/${name}${grouped ? '-g' : ''}.png`, fullPage: true });
}
const p = await b.newPage(); await p.setContent(html); await p.emulateMedia({ media: 'print' });
await p.screenshot({ path: `/tmp/shots/print${grouped ? '-g' : ''}.png`, fullPage: true });
await b.close();
