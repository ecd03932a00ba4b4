// Prints the draft figures (src/summarize/offline/draft-checks.ts) of the offline summarizer on the labelled
// draft set: `npx tsx scripts/measure-drafts.ts tune holdout [-v]`. The hold-out split is never tuned on.
// Measures the offline drafts on the labelled draft set (tune and hold-out apart).
import { readFileSync } from 'node:fs';
import { summarizeOffline } from '../src/summarize/offline/index.js';
import { draftChecks, draftFigures } from '../src/summarize/offline/draft-checks.js';
const taxonomy = JSON.parse(readFileSync('test/summarize/fixtures/taxonomy.json', 'utf8'));
const verbose = process.argv.includes('-v');
for (const split of process.argv.slice(2).filter((a) => !a.startsWith('-'))) {
  const cases = JSON.parse(readFileSync(`test/summarize/fixtures/drafts/${split}.json`, 'utf8'));
  const checks = cases.map((c: any) => {
    const s = summarizeOffline(c.input, taxonomy);
    const k = draftChecks(s, c.input);
    if (verbose) console.log(`\n## ${c.id}\nH: ${s.headline}\nB: ${s.bullet}\n`, JSON.stringify({ ...k, fragments: k.fragments.map((f) => f.slice(-40)) }));
    return k;
  });
  console.log(split, JSON.stringify(draftFigures(checks)));
}
