import iconv from 'iconv-lite';
import { sniffJapanese } from './charset-sniff.js';

// WHATWG Encoding Standard labels for the encodings news sites actually use, mapped to
// [the name we report, the iconv-lite codec]. Browsers treat latin1/ascii labels as
// windows-1252, and Shift_JIS as Microsoft's superset (cp932); we do the same so that
// bytes like 0x93/0x94 (curly quotes) and NEC extensions decode as the author saw them.
const GROUPS: Array<[string, string, string[]]> = [
  ['utf-8', 'utf8', ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']],
  ['windows-1252', 'windows-1252', ['windows-1252', 'x-cp1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'iso88591',
    'iso_8859-1', 'iso_8859-1:1987', 'iso-ir-100', 'latin1', 'l1', 'csisolatin1', 'ibm819', 'cp819', 'us-ascii',
    'ascii', 'ansi_x3.4-1968']],
  ['shift_jis', 'cp932', ['shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'ms932', 'ms_kanji', 'windows-31j', 'csshiftjis', 'cp932']],
  ['euc-jp', 'eucjp', ['euc-jp', 'x-euc-jp', 'cseucpkdfmtjapanese', 'eucjp']],
  ['gbk', 'gbk', ['gbk', 'x-gbk', 'gb2312', 'gb_2312', 'gb_2312-80', 'csgb2312', 'chinese', 'iso-ir-58', 'csiso58gb231280']],
  ['gb18030', 'gb18030', ['gb18030']],
  ['big5', 'big5hkscs', ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5']],
  ['euc-kr', 'cp949', ['euc-kr', 'cseuckr', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'ksc_5601', 'korean',
    'iso-ir-149', 'csksc56011987', 'windows-949']],
  ['utf-16le', 'utf-16le', ['utf-16le', 'utf-16', 'ucs-2', 'unicode', 'unicodefeff', 'csunicode', 'iso-10646-ucs-2']],
  ['utf-16be', 'utf-16be', ['utf-16be', 'unicodefffe']],
  ['windows-1254', 'windows-1254', ['windows-1254', 'iso-8859-9', 'latin5', 'l5']],
  ['windows-874', 'windows-874', ['windows-874', 'tis-620', 'iso-8859-11']],
];

const LABELS = new Map<string, { name: string; codec: string }>();
for (const [name, codec, labels] of GROUPS) for (const l of labels) LABELS.set(l, { name, codec });

/** Maps a charset label to the name we report and the iconv-lite codec, or null if unusable. */
export function resolveCharset(label: string): { name: string; codec: string } | null {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const known = LABELS.get(key);
  if (known) return known;
  // Other legacy encodings (windows-1251, koi8-r, iso-8859-2, ...) iconv-lite knows by their own names.
  return key && iconv.encodingExists(key) ? { name: key, codec: key } : null;
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null): string | null {
  const m = contentType?.match(/;\s*charset\s*=\s*"?([^";,\s]+)/i);
  return m ? m[1] : null;
}

function fromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

// Declarations inside the document are read from the first bytes as latin1, which keeps
// every byte as one char so the ASCII-only patterns below match whatever the encoding.
const META = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)/i;
const XML_DECL = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']/;

function fromDocument(body: Buffer): ReturnType<typeof resolveCharset> {
  const head = body.subarray(0, 4096).toString('latin1');
  const xml = () => head.match(XML_DECL)?.[1] ?? null;
  const meta = () => head.match(META)?.[1] ?? null;
  // An XML prolog comes first in its document, so it outranks a <meta> that may sit in
  // embedded item content further down; in HTML the <meta> is the declaration.
  const order = /^\s*<\?xml/.test(head) ? [xml, meta] : [meta, xml];
  for (const read of order) {
    const label = read();
    const cs = label ? resolveCharset(label) : null;
    // A declaration readable as ASCII cannot be in UTF-16; browsers take it as UTF-8.
    if (cs) return cs.name.startsWith('utf-16') ? resolveCharset('utf-8') : cs;
  }
  return null;
}

function decodeWith(body: Buffer, cs: { name: string; codec: string }): string {
  if (cs.codec === 'utf8') {
    const start = fromBom(body) === 'utf-8' ? 3 : 0;
    return body.toString('utf8', start);
  }
  return iconv.decode(body, cs.codec); // iconv-lite strips a BOM by default
}

/**
 * Decodes a body: BOM, then Content-Type charset, then <meta>/XML declaration,
 * else UTF-8; bytes that are plainly not UTF-8 are sniffed as Shift_JIS / EUC-JP, else windows-1252.
 */
export function decodeBody(body: Buffer, contentType: string | null): { text: string; charset: string } {
  const bom = fromBom(body);
  const header = charsetFromContentType(contentType);
  const cs = (bom ? resolveCharset(bom) : null) ?? (header ? resolveCharset(header) : null) ?? fromDocument(body);
  if (cs) return { text: decodeWith(body, cs), charset: cs.name };

  const text = decodeWith(body, { name: 'utf-8', codec: 'utf8' });
  if (!text.includes('\ufffd')) return { text, charset: 'utf-8' };
  // Undeclared text: a legacy page read as UTF-8 yields mostly U+FFFD where its accented
  // letters and quotes were, while a UTF-8 page with one stray byte is mostly valid multibyte.
  let bad = 0;
  let good = 0;
  for (const ch of text) {
    if (ch === '\ufffd') bad++;
    else if (ch.charCodeAt(0) > 0x7f) good++;
  }
  if (bad > good) {
    const japanese = sniffJapanese(body);
    if (japanese) return { text: decodeWith(body, japanese), charset: japanese.name };
    return { text: iconv.decode(body, 'windows-1252'), charset: 'windows-1252' };
  }
  return { text, charset: 'utf-8' };
}
