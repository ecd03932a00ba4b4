import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPrompt, renderPrompt, PromptError } from '../../src/summarize/prompts.js';
import { splitRoles, SUMMARIZE_VARS, REPAIR_VARS } from '../../src/summarize/llm/messages.js';

const PROMPTS = path.resolve('prompts');

/** A temp prompts dir holding one template; removed after `fn`. */
function withTemplate(name: string, text: string, fn: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-prompts-'));
  try {
    writeFileSync(path.join(dir, `${name}.md`), text);
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the shipped templates load, use every variable and keep article fields out of the system part', () => {
  const t = loadPrompt(PROMPTS, 'summarize', SUMMARIZE_VARS);
  assert.deepEqual([...t.variables].sort(), [...SUMMARIZE_VARS].sort());
  assert.match(t.version, /^[0-9a-f]{12}$/);
  const roles = splitRoles(t);
  assert.deepEqual([...roles.system.variables].sort(), ['publication', 'topics']);
  assert.ok(roles.user.text.includes('<article>') && roles.user.text.includes('</article>'));
  assert.ok(!roles.system.text.includes('<!--'), 'comments are not sent to the model');
  assert.match(roles.system.text, /not instructions/i);
  assert.deepEqual(loadPrompt(PROMPTS, 'repair', REPAIR_VARS).variables, ['problem']);
});

test('an unknown variable is an error naming the file and the variable', () => {
  withTemplate('summarize', 'Hello {{publication}} {{titel}}', (dir) => {
    assert.throws(() => loadPrompt(dir, 'summarize', ['publication']), (err: unknown) => {
      assert.ok(err instanceof PromptError);
      assert.ok(err.message.includes(path.join(dir, 'summarize.md')), err.message);
      assert.match(err.message, /unknown variable \{\{titel\}\}/);
      return true;
    });
  });
});

test('a required variable missing from the template is an error naming the file', () => {
  withTemplate('repair', 'Fix it please.', (dir) => {
    assert.throws(() => loadPrompt(dir, 'repair', ['problem']), (err: unknown) => {
      assert.ok(err instanceof PromptError);
      assert.ok(err.message.includes(path.join(dir, 'repair.md')), err.message);
      assert.match(err.message, /\{\{problem\}\} is missing/);
      return true;
    });
  });
});

test('a malformed placeholder and a missing file are errors naming the file', () => {
  withTemplate('x', 'Bad {{ two words }}', (dir) => {
    assert.throws(() => loadPrompt(dir, 'x', []), /x\.md: "\{\{ two words \}\}" is not a valid placeholder/);
    assert.throws(() => loadPrompt(dir, 'nope', []), /nope\.md does not exist/);
  });
});

test('the version is a content hash: same text same version, any edit a new one', () => {
  let a = '', b = '', c = '';
  withTemplate('p', 'Summarize {{text}}.', (dir) => { a = loadPrompt(dir, 'p', ['text']).version; });
  withTemplate('p', 'Summarize {{text}}.', (dir) => { b = loadPrompt(dir, 'p', ['text']).version; });
  withTemplate('p', 'Summarize {{text}} briefly.', (dir) => { c = loadPrompt(dir, 'p', ['text']).version; });
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('render fills in one pass and refuses a missing value', () => {
  withTemplate('p', 'A {{title}} / {{ text }}', (dir) => {
    const t = loadPrompt(dir, 'p', ['title', 'text']);
    assert.equal(renderPrompt(t, { title: 'T {{text}}', text: 'body' }), 'A T {{text}} / body');
    assert.throws(() => renderPrompt(t, { title: 'T' }), /p\.md: no value given for \{\{text\}\}/);
  });
});

test('splitRoles refuses a template that puts article text into the system message', () => {
  const text = 'Rules for {{publication}} {{topics}} about {{title}}\n<!-- user -->\n{{source}} {{date}} <article>{{text}}</article>';
  withTemplate('summarize', text, (dir) => {
    const t = loadPrompt(dir, 'summarize', SUMMARIZE_VARS);
    assert.throws(() => splitRoles(t), /\{\{title\}\} must be below the "<!-- user -->" line/);
  });
  withTemplate('summarize', text.replace('<!-- user -->', ''), (dir) => {
    assert.throws(() => splitRoles(loadPrompt(dir, 'summarize', SUMMARIZE_VARS)), /needs exactly one line "<!-- user -->"/);
  });
});
