// A synthetic, deterministic news corpus for the crawl bench: article pages wrapped in the boilerplate
// real news sites carry (head scripts, nav, breadcrumbs, related links, footer), RSS feeds listing them,
// and robots.txt. Every page is a pure function of (seed, host index, article index), so the server can
// build it on request and the extract-only bench can write the very same bytes to disk.

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTLETS = ['Harbor Post', 'Pacific Ledger', 'Capital Wire', 'Strait Times Review', 'Meridian Daily', 'Northern Courier',
  'Bay Chronicle', 'Summit Dispatch', 'Lantern News', 'Crossroads Journal', 'Tideline', 'Keystone Report'];
const SUBJECTS = ['Officials in Tokyo', 'Japanese negotiators', 'The U.S. ambassador to Japan', 'Defense planners in Washington',
  'A senior Japanese diplomat', 'American trade officials', 'Executives at a Japanese carmaker', 'Lawmakers in the United States',
  'The Japan Coast Guard', 'U.S. Forces Japan', 'Energy analysts in Tokyo', 'A spokesman for the State Department',
  'Researchers at a Japanese university', 'The U.S. Commerce Department', 'Japan\'s foreign minister', 'Farm groups in Iowa'];
const VERBS = ['said on Tuesday that', 'told reporters that', 'argued in a briefing that', 'confirmed late on Friday that',
  'warned in a statement that', 'acknowledged that', 'announced on Monday that', 'wrote in a letter that'];
const CLAIMS = ['the two governments would widen cooperation on export controls for advanced chips',
  'a joint exercise near Okinawa would be extended by a week', 'tariffs on Japanese steel should be reviewed before spring',
  'liquefied natural gas shipments from Texas to Japan would rise next year', 'a new supply agreement for critical minerals was close',
  'the alliance needed faster procurement of air defense systems', 'talks on the status of forces agreement had made progress',
  'investment by Japanese firms in American factories reached a record', 'the yen\'s weakness was complicating budget planning',
  'both sides wanted a common standard for undersea cable security', 'port calls by American destroyers at Yokosuka would increase',
  'a working group on quantum research would meet in Washington', 'rice import quotas remained a sticking point',
  'semiconductor subsidies in Japan were drawing US companies to Kumamoto', 'a hotline between coast guards was being tested'];
const TAILS = ['according to two people familiar with the matter', 'although no date has been set',
  'a step that analysts had expected for months', 'despite objections from opposition parties',
  'as both capitals prepare for a summit later this year', 'in a move welcomed by industry groups',
  'while cautioning that details were still being worked out', 'after a year of slow negotiations'];
const FILLER = ['The details matter for companies that plan years ahead.', 'Markets reacted calmly to the news.',
  'Critics said the plan did not go far enough.', 'The figures have not been independently verified.',
  'Neither government commented on the cost.', 'A similar arrangement was tried in 2019 and later abandoned.',
  'Local officials asked to be consulted before any decision.', 'Further talks are scheduled for next month.'];
const RELATED = ['Weather warning for the weekend', 'New bakery opens downtown', 'Local team wins the cup', 'Transit fares to rise',
  'Museum extends opening hours', 'Five recipes for autumn', 'How to read your power bill', 'School board elects new chair'];

/** What the generator needs to know to build a page. */
export interface CorpusShape {
  seed: number;
  hosts: number;
  articlesPerHost: number;
}

/** One article's facts (title, date, paragraphs); the page is built around them. */
export interface ArticleFacts {
  title: string;
  published: string;
  author: string;
  outlet: string;
  paragraphs: string[];
  words: number;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The fixed epoch the corpus dates count back from, so pages never change between runs. */
export const CORPUS_EPOCH = Date.parse('2026-11-20T12:00:00Z');

/** The facts of article `i` on host `h`: 300–900 words mentioning Japan and the United States. */
export function articleFacts(shape: CorpusShape, h: number, i: number): ArticleFacts {
  const rand = prng(shape.seed * 1_000_003 + h * 10_007 + i);
  const target = 300 + Math.floor(rand() * 601);
  const paragraphs: string[] = [];
  let words = 0;
  while (words < target) {
    const n = 2 + Math.floor(rand() * 3);
    const sentences: string[] = [];
    for (let k = 0; k < n; k++) {
      sentences.push(rand() < 0.75
        ? `${pick(rand, SUBJECTS)} ${pick(rand, VERBS)} ${pick(rand, CLAIMS)}, ${pick(rand, TAILS)}.`
        : pick(rand, FILLER));
    }
    // A serial number keeps every article's text unique, so none is folded as a duplicate of another.
    if (paragraphs.length === 0) sentences.push(`The report, number ${h}-${i}, was filed from Tokyo.`);
    const p = sentences.join(' ');
    paragraphs.push(p);
    words += p.split(' ').length;
  }
  const claim = pick(rand, CLAIMS);
  const title = `Japan and US: ${claim.charAt(0).toUpperCase()}${claim.slice(1, 70)} (${h}-${i})`;
  const published = new Date(CORPUS_EPOCH - (i * 37 + h * 3) * 60_000).toISOString();
  return { title, published, author: `${pick(rand, ['Aiko', 'Ben', 'Chie', 'Dan', 'Emi', 'Frank'])} ${pick(rand, ['Sato', 'Miller', 'Tanaka', 'Lopez', 'Ito', 'Brown'])}`,
    outlet: OUTLETS[h % OUTLETS.length], paragraphs, words };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Path of article i on a host. */
export const articlePath = (i: number) => `/news/${String(i).padStart(5, '0')}.html`;

/** The full page of article i on host h, served from `origin`. */
export function articlePage(shape: CorpusShape, h: number, i: number, origin: string): string {
  const a = articleFacts(shape, h, i);
  const rand = prng(shape.seed * 7 + h * 131 + i * 17);
  const nav = ['World', 'Politics', 'Business', 'Markets', 'Technology', 'Science', 'Opinion', 'Sports', 'Culture', 'Travel',
    'Podcasts', 'Video', 'Newsletters', 'Subscribe'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  const related = Array.from({ length: 8 }, (_, k) => `<li><a href="/news/r${k}-${i}.html">${pick(rand, RELATED)}</a></li>`).join('');
  const footer = Array.from({ length: 30 }, (_, k) => `<a href="/info/${k}">Section ${k}</a>`).join(' | ');
  const style = Array.from({ length: 60 }, (_, k) => `.c${k}{margin:${k}px;padding:${k % 7}px;color:#${(k * 4567 % 0xffffff).toString(16).padStart(6, '0')}}`).join('');
  const url = `${origin}${articlePath(i)}`;
  const body = a.paragraphs.map((p, k) => (k === 2
    ? `<figure><img src="/img/${i}.jpg" alt="Illustration"><figcaption class="caption">File photo.</figcaption></figure><p>${esc(p)}</p>`
    : k === 4 ? `<div class="ad-slot" aria-hidden="true">Advertisement</div><p>${esc(p)}</p>` : `<p>${esc(p)}</p>`)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(a.title)} | ${esc(a.outlet)}</title>
<meta name="description" content="${esc(a.paragraphs[0].slice(0, 150))}">
<meta property="og:title" content="${esc(a.title)}"><meta property="og:type" content="article">
<meta property="og:url" content="${url}"><meta property="og:site_name" content="${esc(a.outlet)}">
<meta property="article:published_time" content="${a.published}"><meta name="author" content="${esc(a.author)}">
<link rel="canonical" href="${url}"><link rel="stylesheet" href="/static/site.css">
<style>${style}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(a.title)},"datePublished":"${a.published}","author":{"@type":"Person","name":${JSON.stringify(a.author)}}}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>
</head><body class="article-page">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="logo"><a href="/">${esc(a.outlet)}</a></div><nav class="primary"><ul>${nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form></header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/world">World</a> &rsaquo; <a href="/world/asia">Asia</a></div>
<main id="main"><article class="story">
<h1 class="headline">${esc(a.title)}</h1>
<div class="meta"><span class="byline">By ${esc(a.author)}</span> <time datetime="${a.published}">${a.published.slice(0, 10)}</time></div>
<div class="share"><a href="/share/x">Share</a> <a href="/share/mail">Email</a> <a href="/share/print">Print</a></div>
<div class="story-body">
${body}
</div>
<div class="tags"><a href="/tag/japan">Japan</a> <a href="/tag/us">United States</a> <a href="/tag/alliance">Alliance</a></div>
</article>
<aside class="sidebar"><h2>Most read</h2><ol>${related}</ol><div class="newsletter"><p>Get our morning briefing.</p><form><input name="email"><button>Sign up</button></form></div></aside>
</main>
<section class="comments"><h2>Comments</h2><p>Comments are closed for this story.</p></section>
<footer class="site-footer"><p>${footer}</p><p>&copy; 2026 ${esc(a.outlet)}. All rights reserved.</p></footer>
<script src="/static/app.js" defer></script>
</body></html>`;
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

/** The RSS 2.0 feed of host h: every article, newest first, with a short description. */
export function feedXml(shape: CorpusShape, h: number, origin: string): string {
  const items: string[] = [];
  for (let i = 0; i < shape.articlesPerHost; i++) {
    const a = articleFacts(shape, h, i);
    items.push(`<item><title>${esc(a.title)}</title><link>${origin}${articlePath(i)}</link><guid isPermaLink="true">${origin}${articlePath(i)}</guid>` +
      `<pubDate>${rfc822(a.published)}</pubDate><description>${esc(a.paragraphs[0].slice(0, 200))}</description></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(OUTLETS[h % OUTLETS.length])}</title><link>${origin}/</link><description>Latest news</description>
${items.join('\n')}
</channel></rss>`;
}

/** robots.txt: allows the news pages, disallows a private area. */
export const ROBOTS_TXT = 'User-agent: *\nDisallow: /private/\nDisallow: /search\n\nUser-agent: BadBot\nDisallow: /\n';
