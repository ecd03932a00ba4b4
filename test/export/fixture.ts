// A fixed issue for the export tests, shaped like a published "Vol 1.4" but written for the tests.
import type { IssueDoc, Topic } from '../../src/domain/types.js';

const topic = (id: string, label: string): Topic => ({ id, label, description: `${label} news.`, keywords: [] });

/** The taxonomy, in section order. */
export const TOPICS: Topic[] = [
  topic('diplomacy', 'Diplomacy'),
  topic('defense', 'Defense'),
  topic('economic-security', 'Economic Security'),
  topic('energy', 'Energy'),
  topic('economy-trade', 'Economy & Trade'),
  topic('technology', 'Technology'),
];

/** The hostile item's text: HTML, Markdown and a script URL that must come out inert. */
export const HOSTILE_HEADLINE = 'Leaked memo <script>alert(1)</script> claims *stars* and [brackets](javascript:alert(1))';
export const HOSTILE_BULLET =
  '# Not a heading: a scraped page tried <img src=x onerror=alert(1)> and `code` with _underscores_ & &lt;entities&gt; ' +
  'plus <a href="javascript:alert(2)">a link</a> | a pipe ~~strike~~ \\ backslash.';
export const HOSTILE_URL = 'javascript:alert(document.cookie)';

/** Six items, issue order deliberately not topic order. */
export function makeIssue(): IssueDoc {
  return {
    publication: {
      name: 'US-Japan Alliance Digest',
      footer:
        'The US-Japan Alliance Digest is a fortnightly roundup of news on the alliance, put together by the newsdesk editors.\n\n' +
        'To get it by email, write to digest@example.org.',
    },
    title: 'US-Japan Alliance Digest Vol 1.4',
    volume: 1,
    number: 4,
    date_from: '2026-11-10',
    date_to: '2026-11-23',
    status: 'published',
    topics: TOPICS,
    items: [
      {
        item_id: 101,
        headline: 'Vice ministers compare notes on Ukraine and the Korean Peninsula',
        bullet:
          'Senior diplomats from Washington and Tokyo spoke by phone on November 12 about keeping their support for Ukraine in step. ' +
          'They also went over the new economic dialogue, public health work and how to handle North Korea together with Seoul.',
        topics: ['diplomacy'],
        links: [
          { url: 'https://kyodo.example/news/2026/11/vice-ministers-call', source: 'Kyodo News' },
          { url: 'https://mofa.example/press/release/2026-11-12.html', source: 'Ministry of Foreign Affairs' },
        ],
        published_at: '2026-11-12T09:30:00Z',
      },
      {
        item_id: 102,
        headline: 'Solar developer and Tokyo investor team up on US projects',
        bullet:
          'A California solar company and the energy arm of a Tokyo brokerage agreed to co-develop and co-invest in solar and ' +
          'battery storage sites across the American South, building on the developer’s existing US pipeline.',
        topics: ['energy', 'economy-trade'],
        links: [{ url: 'https://wiki.example/Solar_(energy) projects?a=1&b=<2>', source: 'Energy Wire' }],
        published_at: '2026-11-14T00:00:00Z',
      },
      {
        item_id: 103,
        headline: 'Pacific Fleet hosts Japanese and Australian navy chiefs',
        bullet: 'The commander of the US Pacific Fleet welcomed the heads of the Japanese and Australian navies to Pearl Harbor on November 20–21 for trilateral talks.',
        topics: ['defense'],
        links: [{ url: 'https://navy.example/news/trilateral-chiefs', source: 'US Pacific Fleet' }],
        published_at: null,
      },
      {
        item_id: 104,
        headline: HOSTILE_HEADLINE,
        bullet: HOSTILE_BULLET,
        topics: ['space-weather'],
        links: [{ url: HOSTILE_URL, source: 'Evil Feed' }],
        published_at: '2026-11-15T12:00:00Z',
      },
      {
        item_id: 105,
        headline: 'Ruling parties back an economic security bill',
        bullet:
          'The governing coalition endorsed a draft economic security law on November 16 covering supply chains, screening of ' +
          'critical infrastructure, joint research on advanced technology and secret patents; cabinet approval is expected next week.',
        topics: ['economic-security', 'technology'],
        links: [
          { url: 'https://nikkei.example/politics/economic-security-bill', source: 'Nikkei Asia' },
          { url: 'http://japantimes.example/news/2026/11/16/bill/', source: 'The Japan Times' },
        ],
        published_at: '2026-11-16T03:00:00Z',
      },
      {
        item_id: 106,
        headline: 'Foreign Minister sets out alliance priorities at a Washington forum',
        bullet:
          'Speaking to a think-tank audience on November 18, the Foreign Minister called for a broad effort on growth, technology ' +
          'and defence, and listed four priorities agreed with his US counterparts in January.',
        topics: ['diplomacy'],
        links: [{ url: 'https://thinktank.example/events/fm-remarks', source: 'Center for Alliance Studies' }],
        published_at: '2026-11-18T15:00:00Z',
      },
    ],
  };
}
