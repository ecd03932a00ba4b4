// A synthetic, deterministic news corpus for the crawl bench: article pages wrapped in the boilerplate
// real news sites carry (head scripts, nav, breadcrumbs, related links, footer), RSS feeds listing them,
// and robots.txt. Every page is a pure function of (seed, host index, article index), so the server can
// build it on request and the extract-only bench can write the very same bytes to disk.

import { prng } from '../test/support/prng.js';

const OUTLETS = ['Harbor Post', 'Pacific Ledger', 'Capital Wire', 'Strait Times Review', 'Meridian Daily', 'Northern Courier',
  'Bay Chronicle', 'Summit Dispatch', 'Lantern News', 'Crossroads Journal', 'Tideline', 'Keystone Report'];
const FIRST = ['Aiko', 'Hiroshi', 'Kenji', 'Yumi', 'Takeshi', 'Naomi', 'Satoshi', 'Emiko', 'Daisuke', 'Haruka', 'Ryo', 'Mariko',
  'Shinji', 'Keiko', 'Tomoya', 'Ayumi', 'Kazuo', 'Noriko', 'Masato', 'Chika', 'James', 'Linda', 'Robert', 'Karen', 'Michael',
  'Susan', 'David', 'Ellen', 'Thomas', 'Grace', 'Daniel', 'Ruth', 'Brian', 'Megan', 'Victor', 'Alice', 'Howard', 'Nina', 'Carl', 'Joan'];
const LAST = ['Sato', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki',
  'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu', 'Ikeda', 'Hashimoto', 'Ishikawa', 'Ogawa', 'Miller', 'Garcia', 'Harris',
  'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Perez',
  'Roberts', 'Turner', 'Phillips', 'Campbell'];
const ROLES = ['the defense minister', 'the trade minister', 'the U.S. ambassador', 'a deputy secretary of state',
  'the commander of U.S. Forces Japan', 'the governor', 'the chief executive', 'a senior trade negotiator', 'the energy minister',
  'the chair of the Senate panel', 'the economy minister', 'a spokesperson for the Pentagon'];
const JP_ORG_A = ['Kita', 'Minami', 'Nishi', 'Higashi', 'Aoba', 'Sakura', 'Fuji', 'Hoshi', 'Kawa', 'Mori', 'Taka', 'Naka', 'Ishi',
  'Hana', 'Tsuru', 'Kumo'];
const JP_ORG_B = ['moto', 'yama', 'kawa', 'hara', 'shima', 'no', 'da', 'sawa', 'zaki', 'oka'];
const JP_ORG_C = ['Heavy Industries', 'Electronics', 'Shipbuilding', 'Energy', 'Semiconductor', 'Logistics', 'Trading', 'Motors',
  'Chemical', 'Steel', 'Optics', 'Robotics'];
const US_ORG_A = ['Atlantic', 'Prairie', 'Summit', 'Liberty', 'Harbor', 'Granite', 'Cascade', 'Pioneer', 'Redwood', 'Lakeshore',
  'Bluewater', 'Ironwood', 'Keystone', 'Frontier', 'Meridian', 'Sterling', 'Westfield', 'Northstar', 'Canyon', 'Evergreen'];
const US_ORG_B = ['Aerospace', 'Systems', 'Materials', 'Power', 'Capital', 'Foods', 'Chemicals', 'Networks', 'Dynamics',
  'Minerals', 'Biotech', 'Labs'];
const JP_PLACES = ['Yokosuka', 'Okinawa', 'Sasebo', 'Kumamoto', 'Nagoya', 'Osaka', 'Sendai', 'Hiroshima', 'Niigata', 'Kobe',
  'Fukuoka', 'Sapporo', 'Misawa', 'Iwakuni', 'Kagoshima', 'Chiba', 'Yokohama', 'Nagasaki', 'Toyama', 'Kanazawa', 'Shizuoka',
  'Hamamatsu', 'Okayama', 'Matsuyama', 'Kochi', 'Tokushima', 'Takamatsu', 'Oita', 'Miyazaki', 'Saga', 'Akita', 'Aomori',
  'Morioka', 'Yamagata', 'Fukushima', 'Utsunomiya', 'Maebashi', 'Mito', 'Kofu', 'Nagano'];
const US_PLACES = ['Texas', 'Ohio', 'Arizona', 'Hawaii', 'Guam', 'Louisiana', 'Georgia', 'Michigan', 'Oregon', 'Alabama',
  'Tennessee', 'Indiana', 'Kentucky', 'Nevada', 'Iowa', 'Alaska', 'Virginia', 'Utah', 'Kansas', 'Colorado', 'Idaho', 'Montana',
  'Wyoming', 'Nebraska', 'Oklahoma', 'Arkansas', 'Mississippi', 'Missouri', 'Illinois', 'Wisconsin', 'Minnesota', 'Maine',
  'Vermont', 'Delaware', 'Maryland', 'Florida', 'Carolina', 'Pennsylvania', 'Washington State', 'New Mexico'];
const PRODUCTS = ['lithium batteries', 'air defense radars', 'rice', 'liquefied natural gas', 'gallium', 'undersea cables',
  'patrol vessels', 'surveillance drones', 'solar panels', 'beef', 'chip packaging', 'hydrogen turbines', 'rare earth magnets',
  'jet engines', 'fertilizer', 'nuclear fuel', 'electric buses', 'satellite launchers', 'cyber defense software', 'steel pipe',
  'ammonia fuel', 'graphite anodes', 'machine tools', 'vaccines', 'wheat', 'soybeans', 'lumber', 'copper wire', 'fiber optics',
  'quantum sensors', 'missile interceptors', 'coast guard cutters', 'helicopter parts', 'power transformers', 'wind turbines',
  'data center servers', 'lidar units', 'antibiotics', 'seafood', 'aluminum sheet', 'cobalt', 'nickel', 'tungsten', 'titanium',
  'carbon fiber', 'smart meters', 'rail cars', 'cargo aircraft'];
const ACTIONS = ['agreed to expand production of', 'signed a contract to supply', 'opened talks on joint development of',
  'announced new export checks on', 'won approval to build a plant for', 'paused shipments of', 'began joint tests of',
  'set up a fund to finance', 'ordered an inquiry into the pricing of', 'proposed lower tariffs on'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const FILLER = ['The details matter for companies that plan years ahead.', 'Markets reacted calmly to the news.',
  'Critics said the plan did not go far enough.', 'Neither government commented on the cost.',
  'Local officials asked to be consulted before any decision.', 'Further talks are scheduled for next month.',
  'Analysts said the timing reflected pressure from both legislatures.', 'The announcement came after months of quiet diplomacy.'];
const RELATED = ['Weather warning for the weekend', 'New bakery opens downtown', 'Local team wins the cup', 'Transit fares to rise',
  'Museum extends opening hours', 'Five recipes for autumn', 'How to read your power bill', 'School board elects new chair'];

/** One news event: the names, places, things and numbers an article about it keeps coming back to. */
interface NewsEvent {
  person: string; role: string; jpOrg: string; usOrg: string; jpPlace: string; usPlace: string; product: string;
  action: string; amount: number; share: number; units: number; day: string; year: number;
}

function eventOf(shape: CorpusShape, h: number, i: number): NewsEvent {
  const rand = prng(shape.seed * 97_003 + h * 7919 + i * 31);
  return {
    person: `${pick(rand, FIRST)} ${pick(rand, LAST)}`, role: pick(rand, ROLES),
    jpOrg: `${pick(rand, JP_ORG_A)}${pick(rand, JP_ORG_B)} ${pick(rand, JP_ORG_C)}`,
    usOrg: `${pick(rand, US_ORG_A)} ${pick(rand, US_ORG_B)}`,
    jpPlace: pick(rand, JP_PLACES), usPlace: pick(rand, US_PLACES), product: pick(rand, PRODUCTS), action: pick(rand, ACTIONS),
    amount: 20 + Math.floor(rand() * 4980), share: Math.round((3 + rand() * 40) * 10) / 10, units: 120 + Math.floor(rand() * 9880),
    day: pick(rand, DAYS), year: 2027 + Math.floor(rand() * 12),
  };
}

/**
 * Which event article i on host h reports: usually its own, but about one in ten retells the event of the
 * previous host's article i (the same story from another outlet, in other words), as real feeds do.
 */
function eventFor(shape: CorpusShape, h: number, i: number): NewsEvent {
  const rand = prng(shape.seed * 13 + h * 100_003 + i);
  return h > 0 && rand() < 0.1 ? eventFor(shape, h - 1, i) : eventOf(shape, h, i);
}

// Sentences about the event; the article draws on them in its own order, with some filler between.
const SENTENCES: Array<(e: NewsEvent) => string> = [
  (e) => `${e.jpOrg} and ${e.usOrg} ${e.action} ${e.product}, officials in Tokyo and Washington said on ${e.day}.`,
  (e) => `The deal is worth about $${e.amount} million and would be carried out in ${e.jpPlace} and ${e.usPlace}.`,
  (e) => `${e.person}, ${e.role}, said the move would strengthen the alliance between Japan and the United States.`,
  (e) => `Under the plan, ${e.jpOrg} would raise its output of ${e.product} by ${e.share} percent by ${e.year}.`,
  (e) => `${e.usOrg} said it expected to add ${e.units} jobs in ${e.usPlace} once the work begins.`,
  (e) => `Officials in ${e.jpPlace} welcomed the decision but asked for details on how the costs would be shared.`,
  (e) => `"This is about trust between two allies," ${e.person} told reporters after the meeting.`,
  (e) => `The U.S. Commerce Department must still review parts of the arrangement involving ${e.product}.`,
  (e) => `Shares of ${e.jpOrg} rose ${(e.share / 7).toFixed(1)} percent in Tokyo trading after the announcement.`,
  (e) => `Lawmakers from ${e.usPlace} said they would press for the first deliveries of ${e.product} before ${e.year}.`,
  (e) => `Japanese officials said talks on ${e.product} had been under way since ${e.person} visited ${e.usPlace}.`,
  (e) => `The agreement covers ${e.units} units in its first phase, according to a statement from ${e.usOrg}.`,
];

// Background from other events: names and numbers in passing, as real articles carry them.
const BACKGROUND: Array<(e: NewsEvent) => string> = [
  (e) => `Last year ${e.jpOrg} ${e.action} ${e.product} with partners in ${e.usPlace}.`,
  (e) => `${e.person} has argued before that ${e.product} should be treated as a strategic good.`,
  (e) => `A similar project in ${e.jpPlace} was valued at $${e.amount} million.`,
  (e) => `Trade between the two countries in ${e.product} grew ${e.share} percent last year.`,
  (e) => `${e.usOrg} has operated in ${e.jpPlace} since ${e.year - 30}.`,
];

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

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

/** The fixed epoch the corpus dates count back from, so pages never change between runs. */
export const CORPUS_EPOCH = Date.parse('2026-11-20T12:00:00Z');

/** The facts of article `i` on host `h`: 300–900 words about one event involving Japan and the United States. */
export function articleFacts(shape: CorpusShape, h: number, i: number): ArticleFacts {
  const rand = prng(shape.seed * 1_000_003 + h * 10_007 + i);
  const e = eventFor(shape, h, i);
  const target = 300 + Math.floor(rand() * 601);
  const order = SENTENCES.map((f, k) => ({ f, k: k === 0 ? -1 : rand() })).sort((a, b) => a.k - b.k).map((x) => x.f);
  const paragraphs: string[] = [];
  let words = 0;
  let next = 0;
  while (words < target) {
    const n = 2 + Math.floor(rand() * 3);
    const sentences: string[] = [];
    for (let k = 0; k < n; k++) {
      // The event's own sentences first, then background and filler that any story might carry.
      sentences.push(next < order.length && rand() < 0.8 ? order[next++](e)
        : rand() < 0.5 ? pick(rand, FILLER) : pick(rand, BACKGROUND)(eventOf(shape, h, i + 100_000 + next++)));
    }
    const p = sentences.join(' ');
    paragraphs.push(p);
    words += p.split(' ').length;
  }
  const title = rand() < 0.5 ? `${e.jpOrg} and ${e.usOrg} ${e.action} ${e.product}`
    : `Japan, US firms ${e.action.replace(/^agreed to /, 'agree to ').replace(/^signed /, 'sign ').replace(/^opened /, 'open ')
      .replace(/^announced /, 'announce ').replace(/^won /, 'win ').replace(/^paused /, 'pause ').replace(/^began /, 'begin ')
      .replace(/^set up /, 'set up ').replace(/^ordered /, 'order ').replace(/^proposed /, 'propose ')} ${e.product} in ${e.jpPlace}`;
  const published = new Date(CORPUS_EPOCH - (i * 37 + h * 3) * 60_000).toISOString();
  return { title, published, author: `${pick(rand, FIRST)} ${pick(rand, LAST)}`, outlet: OUTLETS[h % OUTLETS.length], paragraphs, words };
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
