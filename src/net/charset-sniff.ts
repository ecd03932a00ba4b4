import iconv from 'iconv-lite';

/**
 * Guesses whether undeclared bytes that are not UTF-8 are Japanese in Shift_JIS or EUC-JP.
 * No detector library is installed, so this is a byte-pattern check: each encoding's
 * decoding must be structurally valid (no undecodable sequences) and read like Japanese,
 * i.e. carry full-width kana, which every Japanese sentence has and Latin text misread as
 * kanji pairs does not. Of two valid readings the one with more kana and fewer half-width
 * katakana wins (EUC-JP read as Shift_JIS turns its kana into half-width katakana).
 * Returns null when neither reading is convincing.
 */
export function sniffJapanese(body: Buffer): { name: string; codec: string } | null {
  const sample = body.subarray(0, 64 * 1024);
  let best: { name: string; codec: string; score: number } | null = null;
  for (const [name, codec] of [['shift_jis', 'cp932'], ['euc-jp', 'eucjp']] as const) {
    const text = iconv.decode(sample, codec);
    let nonAscii = 0;
    let bad = 0;
    let kana = 0;
    let halfwidth = 0;
    let kanji = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) continue;
      nonAscii++;
      if (c === 0xfffd) bad++;
      else if (c >= 0x3040 && c <= 0x30ff) kana++;
      else if (c >= 0xff61 && c <= 0xff9f) halfwidth++;
      else if (c >= 0x4e00 && c <= 0x9fff) kanji++;
    }
    // A cut multibyte character at the end of the sample may leave one bad char.
    if (nonAscii === 0 || bad > 1 + nonAscii / 100 || kana < nonAscii / 10) continue;
    const score = 2 * kana + kanji - 2 * halfwidth - 10 * bad;
    if (!best || score > best.score) best = { name, codec, score };
  }
  return best ? { name: best.name, codec: best.codec } : null;
}
