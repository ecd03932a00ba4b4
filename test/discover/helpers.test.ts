import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanFeedText, countEntryTags } from '../../src/discover/clean.js';
import { toIsoDate } from '../../src/discover/dates.js';
import { decodeFeedBytes } from '../../src/discover/decode.js';
import { htmlToParagraphs, htmlToText, truncate } from '../../src/discover/text.js';
import { resolveUrl } from '../../src/discover/urls.js';

describe('toIsoDate', () => {
  const cases: [string, string | null][] = [
    ['Tue, 05 Apr 2022 10:04:42 GMT', '2022-04-05T10:04:42.000Z'],
    ['Tue, 5 Apr 2022 10:04:42 +0200', '2022-04-05T08:04:42.000Z'],
    ['Tue, 05 Apr 22 10:04 EST', '2022-04-05T15:04:00.000Z'],
    ['05 April 2022 10:04:42 PDT', '2022-04-05T17:04:42.000Z'],
    ['Tuesday, 05-Apr-2022 10:04:42 UT', '2022-04-05T10:04:42.000Z'],
    ['Tue, 05 Apr 2022 10:04:42', '2022-04-05T10:04:42.000Z'], // no zone → UTC
    ['Tue, 05 Apr 2022 10:04:42 +0000 (Coordinated Universal Time)', '2022-04-05T10:04:42.000Z'],
    ['Wed, 03 Jan 2018 14:11:52 GMT\n      ', '2018-01-03T14:11:52.000Z'],
    ['April 5, 2022 3:04 PM EDT', '2022-04-05T19:04:00.000Z'],
    ['Tue Apr 05 2022 10:04:42 GMT+0900 (Japan Standard Time)', '2022-04-05T01:04:42.000Z'],
    ['2022/04/05 10:04', '2022-04-05T10:04:00.000Z'],
    ['2022-04-05T10:04:42Z', '2022-04-05T10:04:42.000Z'],
    ['2022-04-05T10:04:42.123456+09:00', '2022-04-05T01:04:42.123Z'],
    ['2017-01-10T10:00:00+0100', '2017-01-10T09:00:00.000Z'],
    ['2022-04-05 10:04:42', '2022-04-05T10:04:42.000Z'],
    ['2022-04-05', '2022-04-05T00:00:00.000Z'],
    ['2022-02-30T10:00:00Z', null],
    ['2024-13-45T99:00:00Z', null],
    ['0001-01-01T00:00:00Z', null],
    ['yesterday', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(toIsoDate(input), expected));
  }
  it('accepts Date objects and rejects invalid ones and non-strings', () => {
    assert.equal(toIsoDate(new Date(Date.UTC(2023, 0, 2))), '2023-01-02T00:00:00.000Z');
    assert.equal(toIsoDate(new Date(Number.NaN)), null);
    assert.equal(toIsoDate(12345), null);
  });
});

describe('text helpers', () => {
  it('htmlToText strips tags, scripts and entities and collapses whitespace', () => {
    assert.equal(htmlToText('<p>Caf&eacute;&nbsp;&amp; <b>bar</b></p>\n<script>x()</script><p>next</p>'), 'Café & bar next');
    assert.equal(htmlToText('  plain   text  '), 'plain text');
    assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
  });
  it('htmlToParagraphs separates blocks with a blank line and keeps <br> as a line break', () => {
    assert.equal(htmlToParagraphs('<div><p>One</p>two<br>three<blockquote>four</blockquote></div>'), 'One\n\ntwo\nthree\n\nfour');
  });
  it('truncate cuts at a word boundary', () => {
    assert.equal(truncate('alpha beta gamma delta', 14), 'alpha beta…');
    assert.equal(truncate('short', 14), 'short');
  });
});

describe('cleaning and decoding', () => {
  it('cleanFeedText keeps `<?xml` quoted inside an item and drops junk before the root', () => {
    const feed = '<rss><channel><item><description>&lt;?xml</description></item></channel></rss>';
    assert.equal(cleanFeedText(`Notice: cache miss\n${feed}`), feed);
    const cdata = '<rss><channel><item><description><![CDATA[see <?xml version="1.0"?>]]></description></item></channel></rss>';
    assert.equal(cleanFeedText(cdata), cdata);
  });
  it('countEntryTags ignores tags mentioned in comments and CDATA', () => {
    assert.equal(countEntryTags('<!-- one <entry> each --><feed><entry></entry><entry/><x><![CDATA[<item>]]></x></feed>'), 2);
  });
  it('decodeFeedBytes honours a BOM, the XML declaration, and guesses windows-1252 for undeclared non-UTF-8', () => {
    const latin1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>'), Buffer.from([0x4e, 0xe3, 0x6f, 0x93]), Buffer.from('</t>')]);
    assert.equal(decodeFeedBytes(latin1), '<?xml version="1.0" encoding="ISO-8859-1"?><t>Não\u201c</t>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>é</rss>', 'utf16le')]);
    assert.equal(decodeFeedBytes(utf16), '<rss>é</rss>');
    assert.equal(decodeFeedBytes(Buffer.from([0x3c, 0x72, 0x3e, 0xe9, 0x3c, 0x2f, 0x72, 0x3e])), '<r>é</r>');
    assert.equal(decodeFeedBytes(Buffer.from('<r>é</r>', 'utf8')), '<r>é</r>');
    assert.equal(decodeFeedBytes(Buffer.from([0xe9]), 'iso-8859-1'), 'é');
  });
  it('resolveUrl resolves, keeps relative links without a base, and rejects markup', () => {
    assert.equal(resolveUrl('../b', 'https://x.example/a/c/'), 'https://x.example/a/b');
    assert.equal(resolveUrl('/b', null), '/b');
    assert.equal(resolveUrl('href="http://x.example/', 'https://x.example/'), null);
    assert.equal(resolveUrl('   ', 'https://x.example/'), null);
  });
});
