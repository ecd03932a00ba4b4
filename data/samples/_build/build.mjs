// Regenerates the demo corpus (outlet folders + manifest.json) from the article data in this folder.
// Usage, from the repository root: node data/samples/_build/build.mjs
// The texts live in tokyo.mjs, pacific.mjs, gov.mjs and broken.mjs; README.md one level up is kept by hand.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tokyo from './tokyo.mjs';
import * as pacific from './pacific.mjs';
import * as gov from './gov.mjs';
import * as broken from './broken.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const OUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const NOTICE = '<!-- Fictional sample page written for the newsdesk demo corpus. Not real news. -->';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MON3 = MONTHS.map((m) => m.slice(0, 3));

function parts(time) {
  const [d, t] = time.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return { y, mo, da, h, mi, dow: new Date(Date.UTC(y, mo - 1, da)).getUTCDay() };
}
const pad = (n) => String(n).padStart(2, '0');
const iso = (time, off) => `${time}:00${off}`;
function rfc822(time, off) {
  const p = parts(time);
  return `${DAYS[p.dow]}, ${pad(p.da)} ${MON3[p.mo - 1]} ${p.y} ${pad(p.h)}:${pad(p.mi)}:00 ${off.replace(':', '')}`;
}
const toUtcIso = (time, off) => new Date(iso(time, off)).toISOString().replace('.000Z', 'Z');
const longDate = (time) => { const p = parts(time); return `${MONTHS[p.mo - 1]} ${p.da}, ${p.y}`; };
const wireDate = (time) => { const p = parts(time); return `${MON3[p.mo - 1]}. ${p.da}, ${p.y} ${pad(p.h)}:${pad(p.mi)} JST`; };
const words = (a) => a.paras.join(' ').split(/\s+/).filter(Boolean).length;

function write(rel, content, encoding = 'utf-8') {
  const file = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (encoding === 'utf-8') fs.writeFileSync(file, content);
  else {
    const bytes = iconv.encode(content, encoding);
    if (iconv.decode(bytes, encoding) !== content) throw new Error(`${rel}: text does not survive ${encoding}`);
    fs.writeFileSync(file, bytes);
  }
}

/** Up to n other articles of the same outlet and relevance class, same topic first, then nearest in time. */
function pickRelated(list, a, n = 3) {
  const pool = list.filter((b) => b !== a && b.relevant === a.relevant);
  const t = Date.parse(a.time);
  return pool
    .map((b) => ({ b, score: (b.topic && b.topic === a.topic ? 0 : 1e12) + Math.abs(Date.parse(b.time) - t) }))
    .sort((x, y) => x.score - y.score)
    .slice(0, n)
    .map((x) => x.b);
}

// ---------------------------------------------------------------- Tokyo Wire (RSS 2.0)
const TW = { name: 'Tokyo Wire', off: '+09:00' };
function tokyoPage(a, related) {
  const sjis = a.encoding === 'shift_jis';
  const url = `{{origin}}/articles/${a.slug}.html`;
  const sep = sjis ? ' - ' : ' &mdash; ';
  const body = a.paras.map((p, i) => (i === 0
    ? `      <p><span class="dateline">${esc(a.dateline)} (Tokyo Wire)${sep}</span>${esc(p)}</p>`
    : `      <p>${esc(p)}</p>`)).join('\n');
  const figure = a.figure ? `
      <figure class="story-photo">
        <img src="../img/photo-placeholder.svg" width="640" height="360" alt="">
        <figcaption>${esc(a.figure)}</figcaption>
      </figure>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="${sjis ? 'shift_jis' : 'utf-8'}">
${NOTICE}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(a.title)} | Tokyo Wire</title>
<meta name="description" content="${esc(a.desc)}">
<meta name="author" content="${esc(a.author)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Tokyo Wire">
<meta property="og:title" content="${esc(a.title)}">
<meta property="og:url" content="${url}">
<meta property="article:published_time" content="${iso(a.time, TW.off)}">
<meta property="article:section" content="${esc(a.section)}">
<link rel="canonical" href="${url}">
<link rel="alternate" type="application/rss+xml" title="Tokyo Wire: Latest" href="../feed.xml">
<style>body{font-family:Georgia,serif;margin:0}.masthead{background:#0b2545;color:#fff;padding:8px 16px}.masthead a{color:#fff}.sections li{display:inline;margin-right:12px}.story{max-width:680px;margin:16px auto}.related{max-width:680px;margin:24px auto;border-top:2px solid #0b2545}.site-footer{font-size:12px;color:#555;padding:16px;border-top:1px solid #ccc}</style>
</head>
<body>
<div class="topbar"><span>English news service</span> <a href="/subscribe/">Subscribe</a> <a href="/login/">Log in</a></div>
<header class="masthead">
  <a class="logo" href="/">TOKYO WIRE</a>
  <nav class="sections" aria-label="Sections">
    <ul>
      <li><a href="/">Top</a></li>
      <li><a href="/politics/">Politics</a></li>
      <li><a href="/security/">Security</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/markets/">Markets</a></li>
      <li><a href="/technology/">Technology</a></li>
      <li><a href="/national/">National</a></li>
      <li><a href="/sports/">Sports</a></li>
    </ul>
  </nav>
</header>
<main id="content">
  <div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/${a.section.toLowerCase()}/">${esc(a.section)}</a></div>
  <article class="story">
    <header>
      <h1 class="headline">${esc(a.title)}</h1>
      <div class="story-meta">
        <span class="byline">By ${esc(a.author)}</span>
        <time datetime="${iso(a.time, TW.off)}">${wireDate(a.time)}</time>
      </div>
    </header>${figure}
    <div class="story-body">
${body}
    </div>
    <p class="story-note">(Tokyo Wire)</p>
  </article>
  <aside class="related" aria-label="Related articles">
    <h2>Related articles</h2>
    <ul>
${related.map((r) => `      <li><a href="${r.slug}.html">${esc(r.title)}</a></li>`).join('\n')}
    </ul>
  </aside>
  <div class="share">Share: <a href="#" data-share="mail">Email</a> <a href="#" data-share="print">Print</a></div>
</main>
<footer class="site-footer">
  <nav><a href="/about/">About Tokyo Wire</a> | <a href="/contact/">Contact</a> | <a href="/terms/">Terms of Use</a> | <a href="/privacy/">Privacy</a></nav>
  <p>&copy; 2026 Tokyo Wire. All rights reserved. Articles may not be reproduced or redistributed without written permission.</p>
</footer>
</body>
</html>
`;
}

function tokyoFeed(list) {
  const sorted = [...list].sort((a, b) => b.time.localeCompare(a.time));
  const items = sorted.map((a, i) => {
    const clean = `{{origin}}/articles/${a.slug}.html`;
    const link = a.tracking ? `${clean}?utm_source=rss&amp;utm_medium=feed` : clean;
    const p = parts(a.time);
    const guid = i % 4 === 3
      ? `<guid isPermaLink="false">tw-${p.y}${pad(p.mo)}${pad(p.da)}-${pad(p.h)}${pad(p.mi)}</guid>`
      : `<guid isPermaLink="true">${clean}</guid>`;
    return `    <item>
      <title>${esc(a.title)}</title>
      <link>${link}</link>
      ${guid}
      <pubDate>${rfc822(a.time, TW.off)}</pubDate>
      <dc:creator>${esc(a.author)}</dc:creator>
      <category>${esc(a.section)}</category>
      <description>${esc(a.desc)}</description>
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Tokyo Wire: Latest News</title>
    <link>{{origin}}/</link>
    <atom:link href="{{origin}}/feed.xml" rel="self" type="application/rss+xml"/>
    <description>English-language news from Tokyo Wire: politics, security, business and technology.</description>
    <language>en</language>
    <copyright>Copyright 2026 Tokyo Wire</copyright>
    <lastBuildDate>${rfc822(sorted[0].time, TW.off)}</lastBuildDate>
    <ttl>15</ttl>
${items.join('\n')}
  </channel>
</rss>
`;
}

// ---------------------------------------------------------------- Pacific Policy Review (Atom)
const PP = { name: 'Pacific Policy Review', off: '-05:00' };
function pacificPage(a, related) {
  const au = pacific.authors[a.author];
  const url = `{{origin}}/analysis/${a.slug}.html`;
  const ld = {
    '@context': 'https://schema.org', '@type': a.kicker === 'Analysis' ? 'AnalysisNewsArticle' : 'NewsArticle',
    headline: a.title, description: a.desc, datePublished: iso(a.time, PP.off),
    author: { '@type': au.slug ? 'Person' : 'Organization', name: au.name },
    publisher: { '@type': 'Organization', name: PP.name }, mainEntityOfPage: url,
  };
  const paras = a.paras.map((p) => `        <p>${esc(p)}</p>`);
  if (a.quote) paras.splice(Math.min(3, paras.length - 1), 0, `        <blockquote class="pullquote"><p>${esc(a.quote)}</p></blockquote>`);
  const byline = au.slug
    ? `By <a rel="author" href="/experts/${au.slug}/">${esc(au.name)}</a>, <span class="role">${esc(au.role)}</span>`
    : `By ${esc(au.name)}`;
  const bio = au.slug
    ? `<div class="author-bio"><strong>${esc(au.name)}</strong>, ${esc(au.role)}, Pacific Policy Review.</div>`
    : `<div class="author-bio">Briefs are prepared by the Pacific Policy Review editorial staff.</div>`;
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="UTF-8">
${NOTICE}
<title>${esc(a.title)} | Pacific Policy Review</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${esc(a.desc)}">
<meta property="og:site_name" content="Pacific Policy Review">
<meta property="og:type" content="article">
<meta property="og:title" content="${esc(a.title)}">
<meta property="og:description" content="${esc(a.desc)}">
<meta property="article:published_time" content="${iso(a.time, PP.off)}">
<meta property="article:author" content="${esc(au.name)}">
<meta property="article:section" content="${esc(a.kicker)}">
<link rel="canonical" href="${url}">
<link rel="alternate" type="application/atom+xml" title="Pacific Policy Review" href="/atom.xml">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
</head>
<body class="single-post post-type-${a.kicker.toLowerCase()}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header" role="banner">
  <div class="brand"><a href="/" class="site-title">Pacific Policy Review</a> <span class="tagline">Research and commentary on the Indo-Pacific</span></div>
  <nav class="primary-nav" aria-label="Primary">
    <a href="/analysis/">Analysis</a>
    <a href="/briefs/">Briefs</a>
    <a href="/events/">Events</a>
    <a href="/experts/">Experts</a>
    <a href="/about/">About</a>
    <a class="button" href="/subscribe/">Subscribe</a>
  </nav>
</header>
<main id="main">
  <article class="post">
    <header class="post-header">
      <p class="kicker">${esc(a.kicker)}</p>
      <h1 class="entry-title">${esc(a.title)}</h1>
      <p class="dek">${esc(a.desc)}</p>
      <div class="post-meta">
        <span class="author">${byline}</span>
        <span class="sep">&middot;</span>
        <time class="published" datetime="${iso(a.time, PP.off)}">${longDate(a.time)}</time>
      </div>
    </header>
    <div class="entry-content">
${paras.join('\n')}
    </div>
    <footer class="post-footer">
      ${bio}
      <p class="disclaimer">Pacific Policy Review does not take institutional positions. The views expressed are the author's own.</p>
    </footer>
  </article>
  <aside class="related-posts">
    <h2>Related analysis</h2>
    <ul>
${related.map((r) => `      <li><a href="${r.slug}.html">${esc(r.title)}</a> <span class="kicker">${esc(r.kicker)}</span></li>`).join('\n')}
    </ul>
  </aside>
  <section class="newsletter-signup">
    <h2>Get the weekly brief</h2>
    <form action="/subscribe/" method="post"><label for="email">Email address</label> <input id="email" type="email" name="email"> <button type="submit">Sign up</button></form>
  </section>
</main>
<footer class="site-footer" role="contentinfo">
  <p>Pacific Policy Review is published by the Pacific Policy Institute, an independent, nonpartisan research organization.</p>
  <p><a href="/privacy/">Privacy policy</a> &middot; <a href="/terms/">Terms</a> &middot; <a href="/contact/">Contact</a> &middot; &copy; 2026 Pacific Policy Institute</p>
</footer>
</body>
</html>
`;
}

function pacificFeed(list) {
  const sorted = [...list].sort((a, b) => Date.parse(iso(b.time, PP.off)) - Date.parse(iso(a.time, PP.off)));
  const entries = sorted.map((a, i) => {
    const au = pacific.authors[a.author];
    // A couple of entries were corrected after publication, so updated differs from published.
    const updated = i % 5 === 2
      ? new Date(Date.parse(iso(a.time, PP.off)) + 3 * 3600e3).toISOString().replace('.000Z', 'Z')
      : toUtcIso(a.time, PP.off);
    return `  <entry>
    <title type="text">${esc(a.title)}</title>
    <link rel="alternate" type="text/html" href="{{origin}}/analysis/${a.slug}.html"/>
    <id>tag:pacificpolicyreview.example,2026-11:/analysis/${a.slug}</id>
    <published>${iso(a.time, PP.off)}</published>
    <updated>${updated}</updated>
    <author><name>${esc(au.name)}</name></author>
    <category term="${esc(a.kicker.toLowerCase())}" label="${esc(a.kicker)}"/>
    <summary type="text">${esc(a.desc)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Pacific Policy Review</title>
  <subtitle>Research and commentary on the Indo-Pacific</subtitle>
  <id>tag:pacificpolicyreview.example,2026:/atom</id>
  <link rel="self" type="application/atom+xml" href="{{origin}}/atom.xml"/>
  <link rel="alternate" type="text/html" href="{{origin}}/"/>
  <updated>${toUtcIso(sorted[0].time, PP.off)}</updated>
  <generator>Pressroom CMS</generator>
${entries.join('\n')}
</feed>
`;
}

// ---------------------------------------------------------------- Government Press Bulletin (HTML listing)
const GB = { name: 'Government Press Bulletin', off: '+09:00' };
const govHeader = (current) => `<div id="gov-banner">Official English-language press releases of the Government of Japan</div>
<header class="site-header">
  <div class="logo"><a href="/press/index.html">Government Press Bulletin</a></div>
  <div class="lang-switch"><a href="/ja/press/index.html" lang="ja">日本語</a> | <span>English</span></div>
  <nav class="global-nav" aria-label="Main">
    <ul>
      <li><a href="/index.html">Home</a></li>
      <li${current === 'press' ? ' class="current"' : ''}><a href="/press/index.html">Press Releases</a></li>
      <li><a href="/press-conferences/index.html">Press Conferences</a></li>
      <li><a href="/policies/index.html">Policies</a></li>
      <li><a href="/ministries/index.html">Ministries and Agencies</a></li>
      <li><a href="/contact/index.html">Contact</a></li>
    </ul>
  </nav>
  <form class="site-search" action="/search/" method="get"><input type="search" name="q" aria-label="Search"><button>Search</button></form>
</header>`;
const govFooter = `<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="/about/index.html">About this site</a></li>
    <li><a href="/accessibility/index.html">Accessibility</a></li>
    <li><a href="/privacy/index.html">Privacy Policy</a></li>
    <li><a href="/sitemap/index.html">Site Map</a></li>
  </ul>
  <p>Press Office, Government Press Bulletin, Chiyoda-ku, Tokyo</p>
  <p>Copyright &copy; 2026 Government Press Bulletin. All Rights Reserved.</p>
</footer>`;

function govPage(a, related) {
  const url = `{{origin}}/press/2026/${a.file}.html`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${NOTICE}
<title>${esc(a.title)} | ${GB.name}</title>
<meta name="description" content="${esc(a.desc)}">
<meta name="author" content="${esc(a.issuer)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${GB.name}">
<meta property="article:published_time" content="${iso(a.time, GB.off)}">
<link rel="canonical" href="${url}">
<link rel="stylesheet" href="/common/css/style.css">
</head>
<body>
${govHeader('press')}
<div id="wrapper">
  <ol class="breadcrumb">
    <li><a href="/index.html">Home</a></li>
    <li><a href="/press/index.html">Press Releases</a></li>
    <li aria-current="page">${esc(a.title)}</li>
  </ol>
  <main id="main">
    <article class="press-release">
      <p class="release-type">Press Release</p>
      <h1>${esc(a.title)}</h1>
      <p class="release-meta">
        <span class="byline issuer">${esc(a.issuer)}</span>
        <span class="division">${esc(a.division)}</span>
        <time datetime="${iso(a.time, GB.off)}">${longDate(a.time)}</time>
      </p>
      <div class="release-body">
${a.paras.map((p) => `        <p>${esc(p)}</p>`).join('\n')}
      </div>
      <p class="print"><a href="javascript:window.print()">Print this page</a></p>
    </article>
    <aside class="related-releases">
      <h2>Related releases</h2>
      <ul>
${related.map((r) => `        <li><a href="${r.file}.html">${esc(r.title)}</a></li>`).join('\n')}
      </ul>
    </aside>
  </main>
</div>
<p class="pagetop"><a href="#">Page top</a></p>
${govFooter}
</body>
</html>
`;
}

function govListing(list) {
  const sorted = [...list].sort((a, b) => b.time.localeCompare(a.time));
  const items = sorted.map((a) => `      <li class="release"><time datetime="${a.time.slice(0, 10)}">${longDate(a.time)}</time> <a href="/press/2026/${a.file}.html">${esc(a.title)}</a> <span class="issuer">${esc(a.issuer)}</span></li>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${NOTICE}
<title>Press Releases | ${GB.name}</title>
<meta name="description" content="Press releases issued by the ministries and agencies of the Government of Japan.">
<link rel="canonical" href="{{origin}}/press/index.html">
<link rel="stylesheet" href="/common/css/style.css">
</head>
<body>
${govHeader('press')}
<div id="wrapper">
  <ol class="breadcrumb">
    <li><a href="/index.html">Home</a></li>
    <li aria-current="page">Press Releases</li>
  </ol>
  <main id="main">
    <h1>Press Releases</h1>
    <p class="lead">Releases are listed newest first. Times are Japan Standard Time.</p>
    <form class="filter" action="/press/index.html" method="get">
      <label for="issuer">Ministry</label>
      <select id="issuer" name="issuer"><option value="">All</option><option>Ministry of Foreign Affairs</option><option>Ministry of Defense</option><option>Ministry of Economy, Trade and Industry</option><option>Ministry of Education, Culture, Sports, Science and Technology</option></select>
      <button type="submit">Filter</button>
    </form>
    <h2 class="month">November 2026</h2>
    <ul class="release-list">
${items.join('\n')}
    </ul>
    <nav class="pager" aria-label="Pages"><span class="current">1</span> <a href="/press/index-2.html" rel="next">Older releases</a></nav>
  </main>
  <aside class="sidebar">
    <h2>Press conferences</h2>
    <ul>
      <li><a href="/press-conferences/chief-cabinet-secretary.html">Chief Cabinet Secretary</a></li>
      <li><a href="/press-conferences/foreign-minister.html">Minister for Foreign Affairs</a></li>
    </ul>
    <h2>Archives</h2>
    <ul>
      <li><a href="/press/2026/october.html">October 2026</a></li>
      <li><a href="/press/2026/september.html">September 2026</a></li>
    </ul>
  </aside>
</div>
${govFooter}
</body>
</html>
`;
}

// ---------------------------------------------------------------- Harbor Ledger (broken RSS)
const HL = { name: 'Harbor Ledger', off: '+09:00' };
const LEDGER_ARCHIVE = [
  { href: '/posts/kobe-container-volumes-q3.html', title: 'Kobe container volumes edge up in third quarter' },
  { href: '/posts/kushiro-market-winter-prices.html', title: 'Kushiro fish market braces for thin winter' },
];
function ledgerPage(a, related) {
  const links = related.length
    ? related.map((r) => `<li><a href="${r.slug}.html">${esc(r.title)}</a></li>`)
    : LEDGER_ARCHIVE.map((r) => `<li><a href="${r.href}">${esc(r.title)}</a></li>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${NOTICE}
<title>${esc(a.title)} | Harbor Ledger</title>
<meta name="description" content="${esc(a.desc)}">
<meta property="article:published_time" content="${iso(a.time, HL.off)}">
<link rel="canonical" href="{{origin}}/posts/${a.slug}.html">
</head>
<body class="post">
<header id="top">
  <p class="site-name"><a href="/">Harbor Ledger</a></p>
  <p class="site-desc">Ports, shipping and supply-chain notes</p>
  <nav><a href="/">Latest</a> / <a href="/ports/">Ports</a> / <a href="/shipping/">Shipping</a> / <a href="/feed.xml">RSS</a></nav>
</header>
<div class="container">
  <article>
    <h1>${esc(a.title)}</h1>
    <p class="meta">Posted <time datetime="${iso(a.time, HL.off)}">${a.time.slice(0, 10)}</time> by <span class="author">${esc(a.author)}</span></p>
${a.paras.map((p) => `    <p>${esc(p)}</p>`).join('\n')}
  </article>
  <div class="more">
    <h3>More from the Ledger</h3>
    <ul>${links.join('')}</ul>
  </div>
</div>
<footer><small>Harbor Ledger is an independent newsletter. &copy; 2026. Tips: desk@harborledger.example</small></footer>
</body>
</html>
`;
}

/**
 * Deliberately broken: raw "&" in the channel title and an item description, an unclosed <b> in the
 * first item's description, and the file ends in the middle of the third item (after its link).
 */
function ledgerFeed(list) {
  const [a, b, c] = list;
  const item = (x) => `  <item>
    <title>${esc(x.title)}</title>
    <link>{{origin}}/posts/${x.slug}.html</link>
    <guid isPermaLink="false">harbor-ledger-${x.time.slice(0, 10)}-${x.slug.split('-')[0]}</guid>
    <pubDate>${rfc822(x.time, HL.off)}</pubDate>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Harbor Ledger - Ports & Shipping Notes</title>
  <link>{{origin}}/</link>
  <description>Port, shipping & supply-chain news</description>
  <language>en</language>
${item(a)}
    <description>Vehicle exports from Nagoya to American ports were <b>up 6 percent in October despite the tariff.</description>
  </item>
${item(b)}
    <description>Sorakaze Robotics & Tallgrass Vision will sell AI-assisted bridge inspections in both countries.</description>
  </item>
${item(c)}
    <description>Set-net operators along the Okhotsk coa`;
}

// ---------------------------------------------------------------- assemble
for (const dir of ['tokyo-wire', 'pacific-policy', 'gov-bulletin', 'broken-feed']) fs.rmSync(path.join(OUT, dir), { recursive: true, force: true });
const manifest = {
  outlets: [
    { id: 'tokyo-wire', name: 'Tokyo Wire', type: 'rss', entry: 'tokyo-wire/feed.xml', primary: false },
    { id: 'pacific-policy', name: 'Pacific Policy Review', type: 'atom', entry: 'pacific-policy/atom.xml', primary: false },
    { id: 'gov-bulletin', name: 'Government Press Bulletin', type: 'html', entry: 'gov-bulletin/press/index.html', primary: true },
    { id: 'broken-feed', name: 'Harbor Ledger', type: 'broken', entry: 'broken-feed/feed.xml', primary: false },
  ],
  articles: [],
  hardNegatives: [
    ['tokyo-wire/articles/iron-current-drill-kyushu.html', 'tokyo-wire/articles/japan-australia-fighter-drill-hokkaido.html'],
    ['gov-bulletin/press/2026/1117-japan-us-vice-ministerial-telephone-talk.html', 'gov-bulletin/press/2026/1125-japan-us-vice-ministerial-economic-dialogue.html'],
  ],
};
const problems = [];
function record(outletId, rel, a, off) {
  const n = words(a);
  if (n < 150 || n > 600) problems.push(`${rel}: ${n} words`);
  if (a.paras.length < 4 || a.paras.length > 9) problems.push(`${rel}: ${a.paras.length} paragraphs`);
  manifest.articles.push({
    path: rel, outlet: outletId, relevant: a.relevant, topic: a.relevant ? a.topic : null, story: a.story ?? null,
    encoding: a.encoding ?? 'utf-8', title: a.title, published: iso(a.time, off),
  });
}

for (const a of tokyo.articles) {
  const rel = `tokyo-wire/articles/${a.slug}.html`;
  write(rel, tokyoPage(a, pickRelated(tokyo.articles, a)), a.encoding ?? 'utf-8');
  record('tokyo-wire', rel, a, TW.off);
}
write('tokyo-wire/feed.xml', tokyoFeed(tokyo.articles));
write('tokyo-wire/img/photo-placeholder.svg', `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"><rect width="640" height="360" fill="#d9dee7"/><text x="320" y="185" font-family="sans-serif" font-size="20" text-anchor="middle" fill="#5a6478">Photo</text></svg>\n`);

for (const a of pacific.articles) {
  const rel = `pacific-policy/analysis/${a.slug}.html`;
  write(rel, pacificPage(a, pickRelated(pacific.articles, a)));
  record('pacific-policy', rel, a, PP.off);
}
write('pacific-policy/atom.xml', pacificFeed(pacific.articles));

for (const a of gov.articles) {
  const rel = `gov-bulletin/press/2026/${a.file}.html`;
  write(rel, govPage(a, pickRelated(gov.articles, a)));
  record('gov-bulletin', rel, a, GB.off);
}
write('gov-bulletin/press/index.html', govListing(gov.articles));

for (const a of broken.articles) {
  const rel = `broken-feed/posts/${a.slug}.html`;
  write(rel, ledgerPage(a, a.relevant ? pickRelated(broken.articles, a, 2) : []));
  record('broken-feed', rel, a, HL.off);
}
write('broken-feed/feed.xml', ledgerFeed(broken.articles));

manifest.articles.sort((x, y) => x.path.localeCompare(y.path));
write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const rel = manifest.articles.filter((x) => x.relevant);
console.log(`articles ${manifest.articles.length}, relevant ${rel.length}, off-topic ${manifest.articles.length - rel.length}`);
