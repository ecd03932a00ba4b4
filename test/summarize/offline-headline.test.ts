import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTitle, shortenHeadline } from '../../src/summarize/headline.js';
import { mainClause } from '../../src/summarize/offline/headline.js';

const CLEAN: [string, string | null, string][] = [
  ['US, Japan vice ministers coordinate on Ukraine in phone call | The Japan Times', null, 'US, Japan vice ministers coordinate on Ukraine in phone call'],
  ['Japan economic security bill approved by ruling parties - Kyodo News', null, 'Japan economic security bill approved by ruling parties'],
  ['Japanese utilities eye more US gas — Reuters', null, 'Japanese utilities eye more US gas'],
  ['Japan presses US on steel tariffs: NHK WORLD-JAPAN News', null, 'Japan presses US on steel tariffs'],
  ['EXCLUSIVE: Japan weighs new chip curbs', null, 'Japan weighs new chip curbs'],
  ['UPDATE 2-Japan ruling bloc backs security bill', null, 'Japan ruling bloc backs security bill'],
  ['UPDATE 1-EXCLUSIVE-Tokyo and Washington near deal on steel - Reuters', null, 'Tokyo and Washington near deal on steel'],
  ['Analysis: Why the US and Japan want to build missiles together', null, 'Why the US and Japan want to build missiles together'],
  ['WATCH: Navy chiefs meet at Pearl Harbor', null, 'Navy chiefs meet at Pearl Harbor'],
  ['(LEAD) Japan, U.S. hold vice ministerial talks', null, 'Japan, U.S. hold vice ministerial talks'],
  ['Japan and US sign space pact - The Asahi Shimbun', 'The Asahi Shimbun', 'Japan and US sign space pact'],
  ['Chip partners open lab in Tsukuba :: Semiconductor Digest', null, 'Chip partners open lab in Tsukuba'],
  ['Tokyo weighs options — Pacific Forum', 'Pacific Forum', 'Tokyo weighs options'],
  // Dashes and colons that belong to the story stay.
  ['US-Japan alliance: what comes next after the summit', null, 'US-Japan alliance: what comes next after the summit'],
  ['Japan, US agree on chips - a new era begins', null, 'Japan, US agree on chips - a new era begins'],
  ['  Japan   approves\nbill  ', null, 'Japan approves bill'],
];

for (const [title, site, expected] of CLEAN) {
  test(`cleanTitle: ${title.slice(0, 60)}`, () => assert.equal(cleanTitle(title, site), expected));
}

const SHORT: [string, string][] = [
  ['Japan approves economic security bill.', 'Japan approves economic security bill'],
  ['Japan deepens defense ties with the U.S.', 'Japan deepens defense ties with the U.S.'],
  [
    'Japan and US agree to deepen chip cooperation: what the new deal means for industry and consumers',
    'Japan and US agree to deepen chip cooperation',
  ],
  [
    'In a rare joint appearance, the leaders of Japan and the United States pledged to deepen cooperation on space',
    'The leaders of Japan and the United States pledged to deepen cooperation',
  ],
  [
    'Japan tightens export controls on advanced chipmaking equipment, aligning with US curbs on sales to China, officials say',
    'Japan tightens export controls on advanced chipmaking equipment',
  ],
  [
    'Japanese automakers ramp up investment in American battery plants as new federal incentives reshape the market',
    'Japanese automakers ramp up investment in American battery plants',
  ],
];

for (const [title, expected] of SHORT) {
  test(`shortenHeadline: ${title.slice(0, 60)}`, () => {
    const h = shortenHeadline(title);
    assert.equal(h, expected);
    assert.ok(h.split(/\s+/).length <= 12);
  });
}

test('shortenHeadline never exceeds the limit and never ends on a function word', () => {
  const h = shortenHeadline('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda of mu nu xi omicron');
  assert.ok(h.split(/\s+/).length <= 12, h);
  assert.doesNotMatch(h, /\b(?:of|the|and|to)$/);
  assert.equal(shortenHeadline('one two three four five six seven', 5).split(' ').length <= 5, true);
});

test('mainClause turns a lead into a telegraphic headline without adding words', () => {
  assert.equal(
    mainClause('A US quantum computing startup and two Japanese partners said on Thursday they will build a 1,000-qubit quantum computer in Kawasaki, the largest machine of its kind planned in Japan so far.'),
    'US quantum computing startup and two Japanese partners to build 1,000-qubit quantum computer',
  );
  assert.equal(
    mainClause('The commander of the U.S. Pacific Fleet, Adm. Samuel Paparo, hosted the chiefs of the Japanese and Australian navies for two days of trilateral talks at Pearl Harbor on February 21-22.'),
    'Paparo hosts chiefs of Japanese and Australian navies for two days of trilateral talks',
  );
  assert.equal(mainClause('On Tuesday, the Foreign Ministry said Japan will send more aid to Ukraine.'), 'Japan to send more aid to Ukraine');
});

test('a relative clause between subject and verb is dropped; a cut headline never ends on "and"', async () => {
  const { buildHeadline, dropRelativeClause } = await import('../../src/summarize/offline/headline.js');
  assert.equal(dropRelativeClause('Prime Minister Ito, who is visiting Lima, Peru, to attend the summit, held talks with Mr. Cole'),
    'Prime Minister Ito held talks with Mr. Cole');
  assert.equal(dropRelativeClause('Mr. Ito, Minister for Defense, who was visiting Perth, met Ms. Hale'), 'Mr. Ito, Minister for Defense, met Ms. Hale');
  // No finite verb after the clause: left alone.
  assert.equal(dropRelativeClause('Ships which are based in Sasebo, Nagasaki'), 'Ships which are based in Sasebo, Nagasaki');
  const lead = 'On March 3, Ms. Ito Mariko, Minister for Defense, who is visiting Canberra, Australia, to attend the talks, held a Japan-U.S.-Australia Defense Ministerial Meeting with the Honorable Dan Cole, Secretary of Defense of the United States, and Ms. Ruth Hale, Minister for Defence of Australia.';
  const h = buildHeadline("Japan-U.S.-Australia Defense Ministers' Meeting", null, lead, lead);
  assert.doesNotMatch(h, /\bwho\b|\b(?:and|with|of)$/, h);
  assert.match(h, /^Ito (?:Mariko )?holds/, h);
  const long = 'On May 2, Ms. Ito Mariko, Prime Minister of Japan, who is visiting Seoul, held a Japan-U.S.-Republic of Korea Summit Meeting with the Honorable Dan J. Cole, President of the United States, and H.E. Mr. Park Min-ho, President of the Republic of Korea.';
  const cut = buildHeadline('Japan-U.S.-ROK Summit Meeting', null, long, long);
  assert.doesNotMatch(cut, /\b(?:and|with|of)$/, cut);
  // A long subject with a comma inside it: the verb survives, the countries go.
  const joint = 'On May 9, 2026, the Minister of Economy, Trade and Industry of Japan and the Secretary of Energy of the United States held a video conference and issued a joint statement on reactors.';
  assert.equal(buildHeadline('Joint Statement on Reactor Cooperation', null, joint, joint), 'Minister of Economy, Trade and Industry and Secretary of Energy hold video conference');
});

test('a capitalised family name with a hyphenated given name is normalised', async () => {
  const { nameForms, normaliseNames } = await import('../../src/summarize/offline/names.js');
  const text = 'The two met H.E. Mr. LEE Jae-myung, President of the Republic of Korea.';
  assert.equal(normaliseNames(text, nameForms([text])), 'The two met H.E. Mr. Lee Jae-myung, President of the Republic of Korea.');
});
