// The loopback news site of an eval run: each outlet's articles as HTML pages plus a feed (RSS 2.0, Atom for
// ridge-institute), written to a temp folder and served by the demo's own sample server (one loopback host per
// outlet, ephemeral ports, `{{origin}}` filled in per request, ETags).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveSamples } from '../src/demo/samples-server.js';
import { escapeHtml } from '../src/export/html.js';
import { OUTLETS, type EvalArticle } from './sets.js';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** RFC 822 date of an ISO time, in GMT (as RSS pubDate). */
const rfc822 = (iso: string) => new Date(iso).toUTCString();
const isoZ = (iso: string) => new Date(iso).toISOString().replace('.000Z', 'Z');
const longDate = (iso: string) => { const d = new Date(iso); return `${MON[d.getUTCMonth()]}. ${d.getUTCDate()}, ${d.getUTCFullYear()}`; };

/** The feed's short description: the first sentence of the lede, at most ~200 characters. */
function dek(a: EvalArticle): string {
  const first = a.paras[0].match(/^.*?[.!?](?=\s|$)/)?.[0] ?? a.paras[0];
  return first.length > 200 ? `${first.slice(0, 197).replace(/\s+\S*$/, '')}...` : first;
}

/** Path of an article on its outlet's host. */
export const articlePath = (a: EvalArticle) => `/articles/${encodeURIComponent(a.id)}.html`;
/** Path of an outlet's feed. */
export const feedPath = (outlet: string) => (OUTLETS[outlet]?.feed === 'atom' ? '/atom.xml' : '/feed.xml');

/** One article page, like a plain news site: masthead, nav, one <article>, related links, footer. No byline. */
export function articlePage(a: EvalArticle, related: EvalArticle[]): string {
  const o = OUTLETS[a.outlet];
  const url = `{{origin}}${articlePath(a)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- Fictional page of the newsdesk judgement eval. Not real news. -->
<title>${escapeHtml(a.title)} | ${escapeHtml(o.name)}</title>
<meta name="description" content="${escapeHtml(dek(a))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${escapeHtml(o.name)}">
<meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="og:url" content="${url}">
<meta property="article:published_time" content="${isoZ(a.published)}">
<link rel="canonical" href="${url}">
</head>
<body>
<header class="masthead"><a class="logo" href="/">${escapeHtml(o.name)}</a>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/politics/">Politics</a></li><li><a href="/business/">Business</a></li><li><a href="/world/">World</a></li></ul></nav>
</header>
<main>
  <article class="story">
    <header>
      <h1 class="headline">${escapeHtml(a.title)}</h1>
      <div class="story-meta"><time datetime="${isoZ(a.published)}">${longDate(a.published)}</time></div>
    </header>
    <div class="story-body">
${a.paras.map((p) => `      <p>${escapeHtml(p)}</p>`).join('\n')}
    </div>
  </article>
  <aside class="related"><h2>More from ${escapeHtml(o.name)}</h2><ul>
${related.map((r) => `    <li><a href="${articlePath(r)}">${escapeHtml(r.title)}</a></li>`).join('\n')}
  </ul></aside>
</main>
<footer><p>&copy; 2026 ${escapeHtml(o.name)}. <a href="/about/">About</a> | <a href="/terms/">Terms</a></p></footer>
</body>
</html>
`;
}

/** An outlet's feed, newest first: RSS 2.0, or Atom for outlets whose feed is Atom. */
export function feedXml(outlet: string, list: EvalArticle[]): string {
  const o = OUTLETS[outlet];
  const sorted = [...list].sort((x, y) => Date.parse(y.published) - Date.parse(x.published) || x.id.localeCompare(y.id));
  const newest = sorted[0]?.published ?? '2026-01-01T00:00:00Z';
  if (o.feed === 'atom') {
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(o.name)}: Commentary</title>
  <link href="{{origin}}/" rel="alternate"/>
  <link href="{{origin}}/atom.xml" rel="self"/>
  <id>{{origin}}/</id>
  <updated>${isoZ(newest)}</updated>
${sorted.map((a) => `  <entry>
    <title>${escapeHtml(a.title)}</title>
    <link href="{{origin}}${articlePath(a)}" rel="alternate"/>
    <id>{{origin}}${articlePath(a)}</id>
    <published>${isoZ(a.published)}</published>
    <updated>${isoZ(a.published)}</updated>
    <summary>${escapeHtml(dek(a))}</summary>
  </entry>`).join('\n')}
</feed>
`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeHtml(o.name)}</title>
    <link>{{origin}}/</link>
    <description>Latest from ${escapeHtml(o.name)}</description>
    <language>en</language>
    <lastBuildDate>${rfc822(newest)}</lastBuildDate>
${sorted.map((a) => `    <item>
      <title>${escapeHtml(a.title)}</title>
      <link>{{origin}}${articlePath(a)}</link>
      <guid isPermaLink="true">{{origin}}${articlePath(a)}</guid>
      <pubDate>${rfc822(a.published)}</pubDate>
      <description>${escapeHtml(dek(a))}</description>
    </item>`).join('\n')}
  </channel>
</rss>
`;
}

/** A running eval site. */
export interface EvalSite {
  /** outlet id → feed URL */
  feeds: Map<string, string>;
  /** article id → page URL */
  urls: Map<string, string>;
  close(): Promise<void>;
}

/** Writes the outlets' pages and feeds under `dir` and serves them on loopback. */
export async function startEvalSite(articles: EvalArticle[], dir: string): Promise<EvalSite> {
  const byOutlet = new Map<string, EvalArticle[]>();
  for (const a of articles) {
    const list = byOutlet.get(a.outlet);
    if (list) list.push(a);
    else byOutlet.set(a.outlet, [a]);
  }
  const outlets = [...byOutlet.keys()].sort();
  for (const outlet of outlets) {
    const list = byOutlet.get(outlet)!;
    mkdirSync(join(dir, outlet, 'articles'), { recursive: true });
    list.forEach((a, i) => {
      // Three neighbours in the feed as "related" links, as real pages have.
      const related = [list[i - 1], list[i + 1], list[i + 2]].filter((r): r is EvalArticle => !!r);
      writeFileSync(join(dir, outlet, 'articles', `${a.id}.html`), articlePage(a, related));
    });
    writeFileSync(join(dir, outlet, feedPath(outlet).slice(1)), feedXml(outlet, list));
    writeFileSync(join(dir, outlet, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(OUTLETS[outlet].name)}</title></head><body><h1>${escapeHtml(OUTLETS[outlet].name)}</h1></body></html>\n`);
  }
  const served = await serveSamples(dir, outlets);
  const origin = new Map(served.outlets.map((o) => [o.id, o.origin]));
  return {
    feeds: new Map(outlets.map((o) => [o, `${origin.get(o)}${feedPath(o)}`])),
    urls: new Map(articles.map((a) => [a.id, `${origin.get(a.outlet)}${articlePath(a)}`])),
    close: served.close,
  };
}
