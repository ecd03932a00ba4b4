// Japanese pages that declare no charset anywhere (no header charset, no <meta>, no XML prolog):
// the charset is sniffed from the bytes instead of falling back to windows-1252.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBody } from '../../src/net/index.js';

const page = (body: string) => `<!doctype html><html><head><title>news</title></head><body>${body}</body></html>`;
// Our own sentences: a short news paragraph mixing kanji, hiragana, katakana and ASCII.
const SHORT = '<p>首相は金曜日に記者会見を開き、新しい経済対策を発表した。</p>';
const LONG = `<h1>港の再開発が始まる</h1>
<p>市は来月から、古い倉庫街をオフィスと公園に作り替える工事を始めると発表した。</p>
<p>工事は三年かかる見込みで、地元の商店街はお客さんが増えることを期待している。</p>
<p>一方で、住民の一部からは騒音やトラックの増加を心配する声も上がっている。</p>`;
const KATAKANA_HEAVY = '<p>アメリカのテクノロジー企業がコンピューターチップのサプライチェーンについてコメントした。</p>';

describe('decodeBody: undeclared Japanese encodings are sniffed from the bytes', () => {
  for (const [label, text] of [['short', SHORT], ['long', LONG], ['katakana-heavy', KATAKANA_HEAVY]] as const) {
    for (const [encoding, name] of [['shift_jis', 'shift_jis'], ['euc-jp', 'euc-jp']] as const) {
      it(`${name}, ${label} text, with no declaration`, () => {
        const html = page(text);
        const r = decodeBody(iconv.encode(html, encoding), 'text/html');
        assert.equal(r.charset, name);
        assert.equal(r.text, html);
      });
    }
  }

  it('a Content-Type without any charset and a feed without an encoding are sniffed too', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>ニュース</title><item><title>${SHORT}</title></item></channel></rss>`;
    const r = decodeBody(iconv.encode(xml, 'euc-jp'), null);
    assert.equal(r.charset, 'euc-jp');
    assert.equal(r.text, xml);
  });

  it('still takes undeclared Latin text as windows-1252, even where its bytes pair up like Shift_JIS', () => {
    // é (0xE9) followed by s/t/a is a valid Shift_JIS pair; there is no kana, so it is not Japanese.
    const html = page('<p>Le résumé de la réunion était très détaillé ; « déjà vu », a-t-il été dit à Genève.</p>');
    const r = decodeBody(iconv.encode(html, 'windows-1252'), 'text/html');
    assert.equal(r.charset, 'windows-1252');
    assert.equal(r.text, html);
  });

  it('keeps valid UTF-8 Japanese as UTF-8, and a declared charset still wins over the bytes', () => {
    assert.equal(decodeBody(Buffer.from(page(LONG)), 'text/html').charset, 'utf-8');
    const declared = decodeBody(iconv.encode(page(SHORT), 'shift_jis'), 'text/html; charset=windows-1252');
    assert.equal(declared.charset, 'windows-1252');
  });
});
