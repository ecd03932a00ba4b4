import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelWithEditorTopics } from '../../src/topics/load.js';
import { classifyTopics } from '../../src/summarize/topics.js';
import type { Topic } from '../../src/domain/types.js';

// A taxonomy of its own (not the shipped one), so the committed model does not apply and only the re-tags teach.
const TOPICS: Topic[] = [
  { id: 'harbours', label: 'Harbours', description: '', keywords: ['harbour', 'pier'] },
  { id: 'orchards', label: 'Orchards', description: '', keywords: ['orchard', 'apples'] },
];
const harbourTag = (n: number) => ({ title: `Dockside crane crews shift ${n}`, text: `Crane crews at the dockside terminal changed shifts, week ${n}. Freight volumes rose.`, topics: ['harbours'] });
const retag = (n: number) => ({ title: `Quincebloom growers meet ${n}`, text: `The quincebloom cooperative met growers in the valley, round ${n}. Quincebloom prices held.`, topics: ['orchards'] });

test('the editor\'s re-tags teach the topic ranking of new items', () => {
  const item = { title: 'Quincebloom cooperative expands', text: 'The quincebloom cooperative told growers in the valley that quincebloom prices held, and it will add a packing shed. Quincebloom growers met the cooperative again.' };
  const before = classifyTopics(item.title, item.text, TOPICS, null);
  assert.deepEqual(before.topics, [], 'keywords alone know no word of it');
  const model = modelWithEditorTopics(TOPICS, [...Array.from({ length: 6 }, (_, i) => retag(i)), ...Array.from({ length: 6 }, (_, i) => harbourTag(i))]);
  assert.ok(model, 'a model is built from the re-tags');
  const after = classifyTopics(item.title, item.text, TOPICS, model);
  assert.equal(after.topics[0], 'orchards');
});

test('with no re-tags there is no editor model (the committed one or keywords decide)', () => {
  assert.equal(modelWithEditorTopics(TOPICS, []), null);
  assert.equal(modelWithEditorTopics(TOPICS, [{ title: 'x', text: 'y', topics: ['unknown-topic'] }]), null);
});
