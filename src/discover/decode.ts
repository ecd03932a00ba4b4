import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

// Labels that browsers (WHATWG Encoding) read as windows-1252, which is a superset in practice:
// feeds labelled ISO-8859-1 routinely contain curly quotes from the 0x80–0x9F range.
const AS_WINDOWS_1252 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp819']);

function sniffBom(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every encoding a feed can legally declare, so latin1 reads it safely.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /<\?xml[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/i.exec(head);
  return m ? m[1] : null;
}

function normalise(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (AS_WINDOWS_1252.has(l)) return 'windows-1252';
  return iconv.encodingExists(l) ? l : null;
}

/**
 * Decodes a feed's bytes to text: a byte-order mark wins, then the transport's charset (when the
 * caller has one), then the XML declaration's encoding, else UTF-8. Unknown labels fall back to UTF-8.
 */
export function decodeFeedBytes(bytes: Uint8Array, charset?: string | null): string {
  const bom = sniffBom(bytes);
  if (bom) return iconv.decode(Buffer.from(bytes.subarray(bom.skip)), bom.encoding);
  const declared = normalise(charset) ?? normalise(declaredEncoding(bytes));
  // Nothing declared and not valid UTF-8: the feed was written in a legacy single-byte encoding
  // (its server's charset header was lost); windows-1252 is the most common and keeps text readable.
  if (!declared) return iconv.decode(Buffer.from(bytes), isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  const encoding = declared;
  // A UTF-16 label without a BOM on an ASCII-compatible document is a common mislabel.
  const safe = encoding.startsWith('utf-16') && bytes[0] === 0x3c && bytes[1] !== 0x00 ? 'utf-8' : encoding;
  return iconv.decode(Buffer.from(bytes), safe);
}
