import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeOffline } from '../../src/summarize/offline/index.js';
import { verifyClaims } from '../../src/summarize/verify.js';
import { loadArticles, taxonomy } from './fixtures/articles.js';

const articles = loadArticles();
const call = articles.find((a) => a.file.startsWith('01-'))!;
const callSource = `${call.input.title}\n\n${call.input.text}`;
const check = (bullet: string, source: string, headline = '') => verifyClaims({ headline, bullet }, source).unsupported;

const SOURCE = [
  'TOKYO — The U.S. and Japan signed the accord on Feb. 15 in Tokyo, officials said.',
  'Adm. Samuel Paparo, commander of the U.S. Pacific Fleet, said 10,000 troops would take part.',
  "Japan's government will spend $3 billion and ¥1 trillion, and 40 percent of the budget goes to co-production.",
  'The Indo-Pacific plan runs until 2027, with growth of 1.5 percent and a 2.5 million tonne target.',
  'Daiwa Energy & Infrastructure (DEI) joined. The cabinet is expected to approve it on February 25.',
  'The drills ran on February 21-22.',
].join('\n\n');

test('an offline summary of every fixture verifies with nothing unsupported', () => {
  for (const a of articles) {
    const s = summarizeOffline(a.input, taxonomy);
    assert.deepEqual(verifyClaims(s, `${a.input.title}\n\n${a.input.text}`).unsupported, [], a.file);
  }
});

test('a headline rewritten from the lead introduces nothing new', () => {
  for (const a of articles) {
    const s = summarizeOffline({ ...a.input, title: '' }, taxonomy);
    assert.deepEqual(verifyClaims(s, a.input.text).unsupported, [], `${a.file}: ${s.headline}`);
  }
});

test('catches an invented name', () => {
  assert.deepEqual(check('Secretary Smith spoke with Mori on February 15.', callSource), ['Smith']);
  assert.deepEqual(check('Sherman and Mori spoke.', callSource, 'Sherman meets Tanaka in Osaka'), ['Tanaka', 'Osaka']);
  // Nothing of "Secretary Smith" in the text: the whole name is reported.
  assert.deepEqual(check('Secretary Smith spoke.', 'The talks went well.'), ['Secretary Smith']);
});

test('catches an invented number, date and a wrong amount', () => {
  assert.deepEqual(check('During the 45-minute call, the two agreed.', callSource), ['45']);
  assert.deepEqual(check('Sherman and Mori spoke on February 17.', callSource), ['February 17']);
  assert.deepEqual(check('Japan will spend $5 billion.', SOURCE), ['$5 billion']);
  assert.deepEqual(check('Japan will spend $3 million.', SOURCE), ['$3 million']);
  assert.deepEqual(check('Japan will spend ¥3 billion.', SOURCE), ['¥3 billion']);
  assert.deepEqual(check('Half, or 50%, goes to co-production.', SOURCE), ['50%']);
  assert.deepEqual(check('It was signed on 16 February 2026.', SOURCE), ['16 February', '2026']);
  assert.deepEqual(check('The drills ran on February 21-23.', SOURCE), ['February 21-23']);
});

test('accepts the listed variants of names, numbers, dates and amounts', () => {
  const ok = [
    'The US and Japan signed the accord on February 15.',
    'The United States and Japan signed it on 15 February in Tokyo.',
    'US-Japan accord signed on Feb 15.',
    'Admiral Paparo of the Pacific Fleet said 10000 troops would take part.',
    'Adm. Samuel Paparo said 10,000 troops would take part.',
    'Japan will spend $3bn, or 3 billion dollars, and 1 trillion yen.',
    "Japan's government will spend US$3 billion and ¥1,000 billion.",
    'Some 40% of the budget goes to co production.',
    'The Indo Pacific plan runs until 2027 with 1.5% growth and a 2.5-million-tonne target.',
    'Japanese officials said Daiwa Energy and Infrastructure (DEI) joined.',
    'Cabinet approval is expected on Feb. 25.',
    'The drills ran on February 21 and 22.',
    'After the talks, the Japanese side said the U.S.-Japan accord would last until 2027.',
  ];
  for (const bullet of ok) assert.deepEqual(check(bullet, SOURCE), [], bullet);
});

test('demonyms are accepted for their own country only, never by prefix', () => {
  assert.deepEqual(check('Japanese officials met.', 'Japan sent officials.'), []);
  assert.deepEqual(check('Japan sent officials.', 'Japanese officials met.'), []);
  assert.deepEqual(check('Korean officials met.', 'Japan sent officials.'), ['Korean']);
  assert.deepEqual(check('Javanese officials met.', 'Japanese and Javan officials.'), ['Javanese']);
  assert.deepEqual(check('Japan sent officials.', 'Japantown officials met.'), ['Japan']);
});

test('US is matched case-sensitively: the pronoun "us" does not support it', () => {
  assert.deepEqual(check('US officials met.', 'Join us for the talks.'), ['US']);
  assert.deepEqual(check('UN officials met.', 'The United Nations met.'), []);
});

test('sentence-initial ordinary words are not names', () => {
  assert.deepEqual(check('Meanwhile, Sherman spoke. However, Mori listened. After the call, both left.', callSource), []);
  assert.deepEqual(check('Cabinet approval is expected later.', 'The cabinet will decide.'), []);
});

test('unsupported claims are deduplicated and listed in draft order, headline first', () => {
  const r = verifyClaims({ headline: 'Smith visits Osaka', bullet: 'Smith met Mori on March 3. Smith left with $9 million.' }, callSource);
  assert.deepEqual(r.unsupported, ['Smith', 'Osaka', 'March 3', '$9 million']);
});

test('codes with digits are names, not numbers', () => {
  assert.deepEqual(check('The COVID-19 pandemic and the Economic 2+2 were discussed.', callSource), []);
  assert.deepEqual(check('The F-35 was discussed.', callSource), ['F-35']);
});

test('a Title Case headline: words used as ordinary words are not names, unknown ones still are', () => {
  const headline = 'Sherman And Mori Discuss Ukraine In Phone Call';
  assert.deepEqual(verifyClaims({ headline, bullet: 'Sherman and Mori discuss Ukraine.' }, callSource).unsupported, []);
  assert.deepEqual(verifyClaims({ headline, bullet: 'Sherman and Mori spoke.' }, callSource).unsupported, ['Discuss']);
  assert.deepEqual(verifyClaims({ headline: 'Sherman And Smith Discuss Ukraine', bullet: 'They discuss it.' }, callSource).unsupported, ['Smith']);
});

test('words that are also object property names are handled as plain words', () => {
  assert.deepEqual(check('Constructor Tanaka met Hasownproperty Sato.', 'The talks went well.'), ['Constructor Tanaka', 'Hasownproperty Sato']);
  assert.deepEqual(check('The Constructor. Valueof rose.', 'The constructor said valueof rose.'), []);
});

test('a hyphenated "Japan-U.S." in a headline is supported by the same words in the article', () => {
  const src = 'Holding of the Japan-U.S. Export Control Dialogue\nOfficials of Japan and the United States met in Tokyo.';
  assert.deepEqual(verifyClaims({ headline: 'Holding of the Japan-U.S. Export Control Dialogue', bullet: 'Officials met.' }, src).unsupported, []);
  assert.deepEqual(verifyClaims({ headline: 'Japan-U.K. talks open', bullet: 'Officials met.' }, src).unsupported, ['U.K']);
});

test('written-out numbers and ordinals must be in the article, as words or digits', () => {
  const src = 'The ministers met for 3 days in Tokyo. Twelve ships took part in the fourth round of drills, and 25 aircraft flew.';
  assert.deepEqual(check('The three-day talks in Tokyo drew a dozen ships and twenty-five aircraft.', src), []);
  assert.deepEqual(check('The 4th round of drills drew twelve ships.', src), []);
  assert.deepEqual(check('The fourth round drew 12 ships.', src), []);
  assert.deepEqual(check('The two-day talks drew a dozen ships.', src), ['two']);
  assert.deepEqual(check('The fifth round drew eleven ships.', src), ['fifth', 'eleven']);
  assert.deepEqual(check('Half a dozen ships took part.', src), ['Half a dozen']);
  // "The two countries" refers to the pair the article is about, not a count.
  assert.deepEqual(check('The two countries held the fourth round.', src), []);
});

test('quoted text must appear in the article; marks, case and an ellipsis do not matter', () => {
  const src = 'Tanaka said the deal was "a milestone for both nations" and that work would "continue without pause" next year.';
  assert.deepEqual(check('Tanaka called the deal “a milestone for both nations.”', src), []);
  assert.deepEqual(check('He said work would "continue … next year"', src.replace('without pause" next', 'without pause next"')), []);
  assert.deepEqual(check('Tanaka called it "a historic turning point" for the alliance.', src), ['"a historic turning point"']);
  assert.deepEqual(check('Tanaka called it ‘a new era’.', src), ['‘a new era’']);
  // An apostrophe is not a quote.
  assert.deepEqual(check("Tanaka's deal is a milestone, he said; it's done.", src), []);
});
