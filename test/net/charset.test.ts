import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBody } from '../../src/net/index.js';

const JA = '日米同盟の経済安全保障'; // text only legacy Japanese encodings and UTF-* can carry
const html = (head: string, body: string) => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

describe('decodeBody', () => {
  it('decodes UTF-8 declared in Content-Type', () => {
    const r = decodeBody(Buffer.from(html('', `${JA} – “quotes”`)), 'text/html; charset=UTF-8');
    assert.equal(r.charset, 'utf-8');
    assert.ok(r.text.includes(`${JA} – “quotes”`));
  });

  it('decodes Shift_JIS named only in the Content-Type header', () => {
    const body = iconv.encode(html('', JA), 'shift_jis');
    const r = decodeBody(body, 'text/html; charset=Shift_JIS');
    assert.equal(r.charset, 'shift_jis');
    assert.ok(r.text.includes(JA));
  });

  it('decodes EUC-JP named only in <meta charset>', () => {
    const body = iconv.encode(html('<meta charset="EUC-JP">', JA), 'euc-jp');
    const r = decodeBody(body, 'text/html');
    assert.equal(r.charset, 'euc-jp');
    assert.ok(r.text.includes(JA));
  });

  it('reads the charset from <meta http-equiv content=...>', () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=x-sjis">';
    const r = decodeBody(iconv.encode(html(head, JA), 'shift_jis'), null);
    assert.equal(r.charset, 'shift_jis');
    assert.ok(r.text.includes(JA));
  });

  it('treats ISO-8859-1 as windows-1252 so 0x93/0x94 become curly quotes', () => {
    const body = Buffer.concat([Buffer.from('<p>The '), Buffer.from([0x93]), Buffer.from('Alliance'),
      Buffer.from([0x94]), Buffer.from(' caf'), Buffer.from([0xe9]), Buffer.from('</p>')]);
    const r = decodeBody(body, 'text/html; charset=ISO-8859-1');
    assert.equal(r.charset, 'windows-1252');
    assert.equal(r.text, '<p>The “Alliance” café</p>');
  });

  it('falls back to windows-1252 when undeclared bytes are plainly not UTF-8', () => {
    const body = Buffer.concat([Buffer.from('<p>'), Buffer.from([0x93]), Buffer.from('Hello'), Buffer.from([0x94]), Buffer.from('</p>')]);
    const r = decodeBody(body, 'text/html');
    assert.equal(r.charset, 'windows-1252');
    assert.equal(r.text, '<p>“Hello”</p>');
  });

  it('keeps UTF-8 when one stray byte sits among valid multibyte text', () => {
    const body = Buffer.concat([Buffer.from(`<p>${JA}${JA}`), Buffer.from([0xff]), Buffer.from('</p>')]);
    const r = decodeBody(body, null);
    assert.equal(r.charset, 'utf-8');
    assert.ok(r.text.startsWith(`<p>${JA}${JA}`));
  });

  it('reads an XML declaration encoding in a feed', () => {
    const xml = '<?xml version="1.0" encoding="windows-1252"?>\n<rss version="2.0"><channel><title>Digest</title>' +
      '<item><title>\u201cQuad\u201d talks</title></item></channel></rss>';
    const r = decodeBody(iconv.encode(xml, 'windows-1252'), 'application/rss+xml');
    assert.equal(r.charset, 'windows-1252');
    assert.ok(r.text.includes('<title>“Quad” talks</title>'));
  });

  it('prefers the XML declaration over a <meta> inside feed content', () => {
    const xml = `<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><item><description><![CDATA[<meta charset="utf-8">${JA}]]></description></item></channel></rss>`;
    const r = decodeBody(iconv.encode(xml, 'shift_jis'), 'text/xml');
    assert.equal(r.charset, 'shift_jis');
    assert.ok(r.text.includes(JA));
  });

  it('lets the Content-Type header outrank <meta>', () => {
    const body = iconv.encode(html('<meta charset="euc-jp">', JA), 'shift_jis');
    const r = decodeBody(body, 'text/html; charset="shift_jis"');
    assert.equal(r.charset, 'shift_jis');
    assert.ok(r.text.includes(JA));
  });

  it('lets a BOM outrank everything and strips it', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<p>${JA}</p>`)]);
    const r8 = decodeBody(utf8, 'text/html; charset=windows-1252');
    assert.deepEqual(r8, { text: `<p>${JA}</p>`, charset: 'utf-8' });

    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`<p>${JA}</p>`, 'utf-16le')]);
    assert.deepEqual(decodeBody(le, 'text/html'), { text: `<p>${JA}</p>`, charset: 'utf-16le' });

    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(`<p>${JA}</p>`, 'utf-16be')]);
    assert.deepEqual(decodeBody(be, null), { text: `<p>${JA}</p>`, charset: 'utf-16be' });
  });

  it('takes a <meta> claiming UTF-16 as UTF-8, since it was readable as ASCII', () => {
    const r = decodeBody(Buffer.from(html('<meta charset="utf-16">', JA)), null);
    assert.equal(r.charset, 'utf-8');
    assert.ok(r.text.includes(JA));
  });

  it('ignores unknown labels and goes on to the next source of truth', () => {
    const body = iconv.encode(html('<meta charset="euc-jp">', JA), 'euc-jp');
    const r = decodeBody(body, 'text/html; charset=no-such-charset');
    assert.equal(r.charset, 'euc-jp');
    assert.ok(r.text.includes(JA));
  });

  it('decodes an empty body as empty UTF-8', () => {
    assert.deepEqual(decodeBody(Buffer.alloc(0), null), { text: '', charset: 'utf-8' });
  });
});
