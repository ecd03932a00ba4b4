// The eval's own draft checks: each must catch the defect it names and pass a clean draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boilerplateHits, endsOnWholeSentence, isDanglingHeadline, isLabelHeadline, repeatsSentence } from '../../eval/drafts.js';

const SOURCE = 'The ministers called the pact an integral part of the Japan-U.S. alliance. Talks resume in May. ' +
  'Mr. Ito met Gen. Brown. Both sides met with the U.S. Embassy said to be pleased.';

test('a bullet cut inside a sentence is caught: lower-case continuation, a title or an initial before the dot', () => {
  assert.equal(endsOnWholeSentence('The ministers called the pact an integral part of the Japan-U.S.', [SOURCE]), false);
  assert.equal(endsOnWholeSentence('Mr. Ito met Gen.', [SOURCE]), false);
  assert.equal(endsOnWholeSentence('The talks were led by J.', [SOURCE]), false);
  assert.equal(endsOnWholeSentence('Both sides met with the U.S.', [SOURCE]), false);
  assert.equal(endsOnWholeSentence('The ministers met', [SOURCE]), false);
  assert.equal(endsOnWholeSentence('The ministers called the pact an integral part of the Japan-U.S. alliance. Talks resume in May.', [SOURCE]), true);
  assert.equal(endsOnWholeSentence('Talks resume, officials said, “in May.”', [SOURCE]), true);
});

test('release scaffolding, closing boilerplate and SURNAME capitals are each named', () => {
  assert.deepEqual(boilerplateHits('The outline of the meeting is as follows. The two sides met.'), ['as follows']);
  assert.deepEqual(boilerplateHits('The drill ran for three days. Purpose: to improve readiness.'), ['list label']);
  assert.deepEqual(boilerplateHits('The items were: (1) logistics and (2) medicine.'), ['numbered item']);
  assert.deepEqual(boilerplateHits('METI will continue to promote cooperation with the United States.'), ['closing boilerplate']);
  assert.deepEqual(boilerplateHits('Mr. NAKAZONO Keiji, Director-General, attended.'), ['SURNAME capitals']);
  assert.deepEqual(boilerplateHits('TOKYO — The ministers met on Friday.'), ['dateline']);
  assert.deepEqual(boilerplateHits('Keiji Nakazono of METI and NATO officials met in Tokyo on Friday (local time).'), []);
  // A date before a sentence is no list item; the parties' own pledge is news, not the publisher's sign-off.
  assert.deepEqual(boilerplateHits('Duties end on Feb. 1. Kawasaki Heavy Industries gained 4.1%.'), []);
  assert.deepEqual(boilerplateHits('The two leaders confirmed that they will continue to cooperate on energy.'), []);
});

test('a sentence twice and release-label headlines are caught; a telegraphic headline is not a label', () => {
  assert.equal(repeatsSentence('The ministers met in Tokyo. They agreed on chips. The ministers met in Tokyo.'), true);
  assert.equal(repeatsSentence('The ministers met in Tokyo. They agreed on chips.'), false);
  for (const h of ['Holding of the Japan-U.S. Extended Deterrence Dialogue', "Japan-U.S. Foreign Ministers' Meeting", 'Japan-U.S. Extended Deterrence Dialogue (EDD)', 'Commencing at 5:10 p.m.'])
    assert.equal(isLabelHeadline(h), true, h);
  assert.equal(isLabelHeadline("Japan and U.S. hold fourth economic '2+2' in Washington"), false);
  assert.equal(isDanglingHeadline('Takaichi holds summit with Donald J. Trump and'), true);
  assert.equal(isDanglingHeadline('Takaichi holds summit with Donald J. Trump'), false);
});
