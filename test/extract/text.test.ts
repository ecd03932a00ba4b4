import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../src/extract/dom.js';
import { blockText, wellFormed } from '../../src/extract/text.js';

const textOf = (bodyHtml: string): string => {
  const { doc } = parseDocument(`<!DOCTYPE html><html><body>${bodyHtml}</body></html>`, 'https://example.org/');
  return blockText(doc.body!);
};

test('block elements become paragraphs separated by one blank line', () => {
  const text = textOf('<h2>Tide tables</h2><p>High water at six.</p><div>Low water at noon.</div><ul><li>Pier A</li><li>Pier B</li></ul>');
  assert.equal(text, 'Tide tables\n\nHigh water at six.\n\nLow water at noon.\n\nPier A\n\nPier B');
});

test('whitespace runs collapse inside a block and inline tags do not split words', () => {
  const text = textOf('<p>  The   <b>lock</b>\n\t keeper <i>re</i>painted   the gate.  </p>');
  assert.equal(text, 'The lock keeper repainted the gate.');
});

test('<br> gives a single line break, nested blocks do not pile up blank lines', () => {
  const text = textOf('<div><div><p>First line<br>second line</p></div></div><section><blockquote><p>Quoted.</p></blockquote></section>');
  assert.equal(text, 'First line\nsecond line\n\nQuoted.');
});

test('two <br> in a row end a paragraph, as hand-written pages use them', () => {
  const text = textOf('<div>Opening times changed.<br><br>\n<br>The library now closes at six.<br>Saturdays are unchanged.</div>');
  assert.equal(text, 'Opening times changed.\n\nThe library now closes at six.\nSaturdays are unchanged.');
});

test('table cells on a row stay apart, rows are blocks', () => {
  const text = textOf('<table><tr><th>Route</th><th>Minutes</th></tr><tr><td>North</td><td>35</td></tr></table>');
  assert.equal(text, 'Route Minutes\n\nNorth 35');
});

test('<pre> keeps its line structure', () => {
  const text = textOf('<pre>line one\n  line two\nline three</pre>');
  assert.equal(text, 'line one\nline two\nline three');
});

test('scripts, styles and templates contribute nothing; MathML symbols stay separate', () => {
  const text = textOf('<p>Sum <script>var x = 1;</script><style>p{}</style><math><mi>a</mi><mo>+</mo><mn>2</mn></math> done</p><template><p>hidden</p></template>');
  assert.equal(text, 'Sum a + 2 done');
});

test('very deep nesting does not overflow the stack', () => {
  const depth = 20000;
  const text = textOf(`${'<div>'.repeat(depth)}bottom${'</div>'.repeat(depth)}`);
  assert.equal(text, 'bottom');
});

test('wellFormed drops control characters and repairs lone surrogates', () => {
  assert.equal(wellFormed('a\u0000b\u0007c\nd\te'), 'abc\nd\te');
  assert.equal(wellFormed('x\uD800y'), 'x\uFFFDy');
  assert.equal(wellFormed('emoji \uD83D\uDE00 kept'), 'emoji \uD83D\uDE00 kept');
});
