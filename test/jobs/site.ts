/**
 * A small fictional news site for ingest tests: article pages, feeds in each format and a listing page,
 * all written for this project. Builders take the server origin so links can be absolute or relative.
 */

/** One fixture article. */
export interface FixtureArticle {
  slug: string;
  title: string;
  date: string; // ISO
  paragraphs: string[];
}

/** Relevant (Japan + United States) and off-topic articles. */
export const ARTICLES: FixtureArticle[] = [
  { slug: 'coast-guard-drill', title: 'Japan and US coast guards rehearse rescue off Okinawa', date: '2026-11-20T02:00:00Z', paragraphs: [
    'Coast guard cutters from Japan and the United States spent two days off Okinawa practising a joint search for a missing fishing boat, the first such rehearsal this year.',
    'Crews from the two services swapped liaison officers and shared a single radio net, which officials said shortened the time needed to agree on search boxes.',
    'A Japanese commander told reporters the exercise would be repeated in the spring near the Ogasawara Islands with helicopters from both sides.',
  ] },
  { slug: 'chip-export-talks', title: 'Tokyo and Washington align on chip export checks', date: '2026-11-19T05:00:00Z', paragraphs: [
    'Trade officials from Japan and the U.S. agreed in Tokyo on Wednesday to share lists of firms that try to evade controls on advanced chipmaking tools.',
    'The arrangement lets each government flag a suspicious buyer to the other within a week, instead of waiting for the annual review that both sides called too slow.',
    'Industry groups in both countries welcomed the move but asked for clearer guidance on older equipment, which makes up most of their sales.',
  ] },
  { slug: 'lng-contract', title: 'Japanese utility signs 20-year LNG deal with Texas exporter', date: '2026-11-18T03:00:00Z', paragraphs: [
    'A Japanese power company signed a twenty-year agreement to buy liquefied natural gas from a terminal in Texas, adding American supply as older contracts expire.',
    'The deal covers one million tonnes a year from 2029, the companies said, and lets the utility resell cargoes in Asia when demand at home is weak.',
    'Energy analysts in Tokyo said the contract fits a wider push by Japan to buy more fuel from the United States and less from the spot market.',
  ] },
  { slug: 'sumo-results', title: 'Yokozuna stays unbeaten on day ten in Fukuoka', date: '2026-11-18T09:00:00Z', paragraphs: [
    'The grand champion kept his clean record on the tenth day of the Kyushu tournament in Fukuoka, Japan, forcing his rival out of the ring in seconds.',
    'Two rank-and-file wrestlers withdrew with injuries, and the crowd of about seven thousand filled the hall for the first time this season.',
    'Join us tomorrow for live coverage of the final bouts, when the leader faces the two wrestlers who are one win behind him.',
  ] },
  { slug: 'city-budget', title: 'Springfield council passes road budget', date: '2026-11-17T09:00:00Z', paragraphs: [
    'The city council in Springfield, Illinois, approved a road repair budget on Monday after a short debate about potholes on the east side.',
    'Council members said the work would start in April and finish before the summer festival season.',
  ] },
  { slug: 'quantum-lab', title: 'US and Japanese labs to share quantum test bed', date: '2026-11-16T04:00:00Z', paragraphs: [
    'National laboratories in the United States and Japan will link their quantum computing test beds so researchers can run experiments on either machine.',
    'The plan, announced in Washington, gives scientists from each country remote time on the other side’s hardware for three years.',
    'Officials said the link is meant to speed up work on error correction, where both programmes have fallen behind their own targets.',
  ] },
];

/** A full article page, with boilerplate around the article, in UTF-8. */
export function articlePage(a: FixtureArticle, opts: { canonical?: string; lang?: string; charsetMeta?: string } = {}): string {
  return `<!doctype html><html lang="${opts.lang ?? 'en'}"><head>
${opts.charsetMeta ? `<meta charset="${opts.charsetMeta}">` : '<meta charset="utf-8">'}
<title>${a.title} | Harbor Post</title>
<meta property="article:published_time" content="${a.date}">
${opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : ''}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>${a.title}</h1><p class="byline">By Staff Reporter</p>
${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Weather warning for the weekend</a></li><li><a href="/b">New bakery opens downtown</a></li></ul></aside>
</main><footer><p>Copyright Harbor Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** RSS 2.0 with the given links (relative links are allowed: the adapter resolves them). */
export function rssFeed(items: { a: FixtureArticle; link: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbor Post</title><link>/</link>
${items.map(({ a, link }) => `<item><title>${esc(a.title)}</title><link>${esc(link)}</link><guid isPermaLink="false">${a.slug}</guid>
<pubDate>${rfc822(a.date)}</pubDate>${a.paragraphs.length ? `<description>${esc(a.paragraphs[0])}</description>` : ''}</item>`).join('\n')}
</channel></rss>`;
}

/** Atom 1.0. */
export function atomFeed(items: { a: FixtureArticle; link: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Policy Notes</title><id>urn:x:policy</id>
<updated>2026-11-20T00:00:00Z</updated>
${items.map(({ a, link }) => `<entry><title>${esc(a.title)}</title><link rel="alternate" href="${esc(link)}"/><id>urn:x:${a.slug}</id>
<updated>${a.date}</updated><summary>${esc(a.paragraphs[0])}</summary></entry>`).join('\n')}
</feed>`;
}

/** RDF Site Summary 1.0. */
export function rdfFeed(items: { a: FixtureArticle; link: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="urn:x:gov"><title>Cabinet Office News</title><link>https://gov.example/</link><description>news</description></channel>
${items.map(({ a, link }) => `<item rdf:about="${esc(link)}"><title>${esc(a.title)}</title><link>${esc(link)}</link><dc:date>${a.date}</dc:date>
<description>${esc(a.paragraphs[0])}</description></item>`).join('\n')}
</rdf:RDF>`;
}

/** A press-office listing page with relative links. */
export function listingPage(items: { a: FixtureArticle; href: string }[]): string {
  return `<!doctype html><html><head><title>Press releases</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About the office</a></nav>
<ul class="releases">${items.map(({ a, href }) => `<li class="release"><time datetime="${a.date}">${a.date.slice(0, 10)}</time> <h3><a href="${href}">${a.title}</a></h3></li>`).join('\n')}</ul>
<footer><a href="/contact">Contact</a></footer></body></html>`;
}
