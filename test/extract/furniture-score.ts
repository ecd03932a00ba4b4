// Scores extractArticle on the hand-labelled furniture pages (test/extract/fixtures/furniture/{tune,holdout}/
// NAME.html + NAME.txt) with the extraction evaluator's metric. Run it to see per-page figures:
//   node --import tsx test/extract/furniture-score.ts [tune|holdout]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../../src/extract/article.js';

const metricUrl = new URL('../../../shared/eval/extraction/metric.mjs', import.meta.url);
/** Whether the shared metric sits beside the repository (it is not part of it). */
export const metricAvailable = existsSync(metricUrl);
const fixtures = new URL('./fixtures/furniture/', import.meta.url);
const PAGE_URL = 'https://news.example.org/2026/article.html';

type TpFpFn = [number, number, number];
interface Metric {
  scorePage(truth: string, pred: string): { tpFpFn: TpFpFn; exact: number };
  aggregate(pages: { tpFpFn: TpFpFn; exact: number }[]): { f1: number; precision: number; recall: number };
  pagePrecision(t: TpFpFn): number;
  pageRecall(t: TpFpFn): number;
}

/** One part's pages, each with its page precision and recall, and the macro F1 / P / R over them. */
export async function scorePart(part: 'tune' | 'holdout') {
  const metric = (await import(metricUrl.href)) as Metric;
  const dir = new URL(`${part}/`, fixtures);
  const names = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
  const pages = names.map((name) => {
    const html = readFileSync(new URL(`${name}.html`, dir), 'utf8');
    const truth = readFileSync(new URL(`${name}.txt`, dir), 'utf8');
    const { text } = extractArticle(html, PAGE_URL);
    const s = metric.scorePage(truth, text);
    return { name, ...s, p: metric.pagePrecision(s.tpFpFn), r: metric.pageRecall(s.tpFpFn), text };
  });
  return { pages, ...metric.aggregate(pages) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const parts = (process.argv[2] ? [process.argv[2]] : ['tune', 'holdout']) as ('tune' | 'holdout')[];
  for (const part of parts) {
    const r = await scorePart(part);
    for (const p of r.pages) console.log(`${part.padEnd(8)} ${p.name.padEnd(28)} P ${p.p.toFixed(3)}  R ${p.r.toFixed(3)}`);
    console.log(`${part}: F1 ${r.f1.toFixed(3)}  P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}  (${r.pages.length} pages)\n`);
  }
}
