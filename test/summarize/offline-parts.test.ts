import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameForms, normaliseNames } from '../../src/summarize/offline/names.js';
import { isScaffolding, stripListMark, withoutAsFollows } from '../../src/summarize/offline/release.js';
import { baseForm, presentTense } from '../../src/summarize/offline/tense.js';
import { isLabelTitle, buildHeadline, mainClause } from '../../src/summarize/offline/headline.js';
import { isStatement } from '../../src/summarize/offline/statement.js';
import { addedFact, buildBullet, nearDuplicate } from '../../src/summarize/offline/bullet.js';
import { draftChecks } from '../../src/summarize/offline/draft-checks.js';

test('surname capitals follow the way the story writes the name, else title case in the written order', () => {
  const forms = nameForms(['Mr. NAKAZONO Keiji attended.', 'Deputy Director-General Keiji Nakazono said the talks went well.']);
  assert.equal(normaliseNames('Mr. NAKAZONO Keiji attended.', forms), 'Mr. Keiji Nakazono attended.');
  const alone = nameForms(['Minister MUTO Yoji and Minister IWAYA Takeshi attended, and MUTO spoke.']);
  assert.equal(normaliseNames('Minister MUTO Yoji and Minister IWAYA Takeshi attended, and MUTO spoke.', alone),
    'Minister Muto Yoji and Minister Iwaya Takeshi attended, and Muto spoke.');
  // Organisations and acronyms stay: a caps word before a longer proper-noun run, no vowels, or a known acronym.
  const orgs = 'Contact JETRO Overseas Research Department. The JGSDF Western Army and NATO Allies met aboard USS Nimitz and HMS Queen.';
  assert.equal(normaliseNames(orgs, nameForms([orgs])), orgs);
});

test('release scaffolding: list marks, field labels, inline lists and closing lines are recognised; news is not', () => {
  assert.equal(stripListMark('1. Vice-Minister Funakoshi welcomed the visit.'), 'Vice-Minister Funakoshi welcomed the visit.');
  assert.equal(stripListMark('(2) The U.S. side reaffirmed its commitment.'), 'The U.S. side reaffirmed its commitment.');
  assert.equal(stripListMark('(Reference) The fund was announced in February.'), 'The fund was announced in February.');
  for (const s of ['Purpose: To improve the joint capability.', 'Main training items: (1) Fires (2) Drills.', 'Japan: approximately 33,000 personnel.',
    'METI will continue to promote cooperation with the United States.', 'For more information, please contact the office at 03-3268-3111.',
    'The ministers issued a joint statement (PDF).', 'Dr. Mariko Tanaka is a nonresident fellow at Pacific Forum.', 'The below is attributable to Spokesperson Tammy Bruce.']) {
    assert.ok(isScaffolding(s), s);
  }
  for (const s of ['The two ministers agreed to continue to work closely together.', 'Japan will buy 1 million tons of LNG a year.', 'She said: "We are ready."']) {
    assert.ok(!isScaffolding(s), s);
  }
  assert.equal(withoutAsFollows('The dialogue was held in Tokyo as follows.'), 'The dialogue was held in Tokyo.');
  assert.equal(withoutAsFollows('It was held in Washington, D.C. as follows.'), 'It was held in Washington, D.C.');
  assert.equal(withoutAsFollows('The overview of the meeting is as follows.'), null);
});

test('statements need a finite verb; release fields without one are not statements', () => {
  assert.ok(isStatement('Japan approved the bill.'));
  assert.ok(!isStatement('Self-Defense Force facilities and the waters surrounding Japan.'));
  assert.ok(!isStatement('To improve the joint operational capability of the two forces.'));
});

test('headline present tense: held → hold(s) by the subject, has signed → signs, was held → held', () => {
  assert.deepEqual(['held', 'agreed', 'announced', 'visited', 'rescued', 'carried', 'planned', 'met'].map(baseForm),
    ['hold', 'agree', 'announce', 'visit', 'rescue', 'carry', 'plan', 'meet']);
  const t = (s: string) => presentTense(s.split(' ')).join(' ');
  assert.equal(t('Japan and U.S. held talks in Tokyo'), 'Japan and U.S. hold talks in Tokyo');
  assert.equal(t('Toyota has signed a deal'), 'Toyota signs a deal');
  assert.equal(t('Dialogue was held in Tokyo'), 'Dialogue held in Tokyo');
  assert.equal(t('Hegseth met with Koizumi at Pentagon'), 'Hegseth meets Koizumi at Pentagon');
  assert.equal(t('Governor approved the proposed plan'), 'Governor approves the proposed plan');
});

test('release labels and datelines are replaced by a headline from the lead; good titles stay', () => {
  for (const t of ['Holding of the Japan-U.S. Extended Deterrence Dialogue', 'Conduct of Japan-U.S. Bilateral Training', 'Press Release',
    'Statement by Minister Muto', 'Readout of Secretary Rubio\'s Meeting', 'YOKOTA AIR BASE, Japan --', 'Japan-U.S. Foreign Ministers\' Telephone Talk',
    'The Fourth Meeting of the Japan-U.S. Economic Policy Consultative Committee (Economic "2+2")']) assert.ok(isLabelTitle(t), t);
  for (const t of ['U.S., Japan Conduct First Bilateral Drone Exercise at Camp Fuji', 'Japan to buy more U.S. rice under tariff deal']) assert.ok(!isLabelTitle(t), t);
  const lead = 'On November 12, 2026, the Fourth Meeting of the Japan-U.S. Economic Policy Consultative Committee (Economic "2+2") was held in Washington, D.C.';
  const h = buildHeadline('The Fourth Meeting of the Japan-U.S. Economic Policy Consultative Committee (Economic "2+2")', null, lead);
  assert.equal(h, 'Fourth Meeting of Japan-U.S. Economic Policy Consultative Committee held in Washington');
  assert.equal(buildHeadline('Japan to buy more U.S. rice under tariff deal', null, lead), 'Japan to buy more U.S. rice under tariff deal');
  // An office named before the person ("the President of the United States of America, Joe Biden,") is the person.
  assert.equal(mainClause('On May 2, Prime Minister Kishida held a meeting with the President of the United States of America, Joe Biden, at the White House.'),
    'Kishida holds meeting with Joe Biden at White House');
  assert.equal(mainClause('The Prime Minister of Japan met the Secretary-General of NATO, Mark Rutte, in Brussels on Monday.'),
    'Prime Minister of Japan meets Mark Rutte in Brussels');
});

test("another outlet's sentence is added only for a fact the lead lacks, never twice", () => {
  const lead = 'Toyota will invest $2 billion in its North Carolina battery plant, the company said Thursday.';
  assert.ok(addedFact('About 5,800 personnel will take part, including 3,100 from the Ground Self-Defense Force.', lead) > 0);
  assert.ok(addedFact('North Carolina Governor Josh Stein welcomed the decision, calling it "a vote of confidence in our workers."', lead) > 0);
  assert.equal(addedFact('Toyota said it would invest $2 billion in the North Carolina plant.', lead), 0);
  assert.ok(nearDuplicate(lead, 'Toyota will invest $2 billion in its North Carolina battery plant, the company said.'));
  const cand = (text: string, index: number) => ({ text, index, paragraph: index, inParagraph: 0, words: text.split(/\s+/).length });
  const own = [cand(lead, 0), cand('The new investment brings Toyota\'s total commitment to the plant to about $16 billion and adds lines for hybrids and plug-in hybrids.', 1),
    cand('Toyota said it would create about 1,000 new jobs, bringing the plant\'s workforce to roughly 6,100 people in the state.', 2)];
  const others = [[cand('Toyota will invest $2 billion in its North Carolina battery plant, the company said.', 0),
    cand('North Carolina Governor Josh Stein welcomed the decision, calling it "a vote of confidence in our workers and our state."', 1)]];
  const bullet = buildBullet(own, 'Toyota to invest $2 billion more in battery plant', others, own.map((c) => c.text).join(' '));
  assert.match(bullet, /Josh Stein welcomed/);
  assert.equal(bullet.match(/Toyota will invest \$2 billion/g)?.length, 1);
});

test('draftChecks flags cut sentences, scaffolding, capitals, repeats and invented sentences', () => {
  const input = { text: 'The pact is part of the Japan-U.S. Alliance and both sides agreed. Mr. NAKAZONO Keiji attended.\n\nMETI will continue to promote ties.', others: [] };
  const bad = draftChecks({ headline: 'Holding of the Japan-U.S. Dialogue.', bullet: 'The pact is part of the Japan-U.S. Mr. NAKAZONO Keiji attended. METI will continue to promote ties. Mr. NAKAZONO Keiji attended. Japan bought ten ships.' }, input);
  assert.equal(bad.whole_sentence, false);
  assert.ok(bad.boilerplate_hits.length >= 1);
  assert.ok(bad.surname_caps.length >= 1);
  assert.ok(bad.duplicate_sentences >= 1);
  assert.deepEqual(bad.not_in_source, ['Japan bought ten ships.']);
  assert.ok(bad.headline_label && bad.headline_period);
  const good = draftChecks({ headline: 'Japan and U.S. agree on pact in Tokyo talks', bullet: 'The pact is part of the Japan-U.S. Alliance and both sides agreed. Mr. Keiji Nakazono attended.' }, input);
  assert.ok(good.whole_sentence);
  assert.deepEqual([good.boilerplate_hits, good.surname_caps, good.not_in_source, good.duplicate_sentences], [[], [], [], 0]);
});
