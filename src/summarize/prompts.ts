/**
 * Prompt templates: Markdown files in prompts/ with {{variable}} placeholders, checked when loaded
 * (at start-up) so a typo in a template stops the program before any item is summarized.
 * Reading the prompts directory is the only I/O here, like loading a config file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A loaded template; `version` is a short hash of its text, recorded with every LLM call. */
export interface PromptTemplate {
  name: string;
  file: string;
  text: string;
  version: string;
  variables: string[];
}

/** A template that cannot be used (missing file, unknown or missing variable); the message names the file. */
export class PromptError extends Error {
  override name = 'PromptError';
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-z_][a-z0-9_]*$/i;

/** Short content hash used as a prompt version (12 hex digits of SHA-256). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The distinct {{variables}} of a template text, in order of first use; throws on a malformed one. */
export function templateVariables(text: string, file = 'template'): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (!NAME.test(name)) {
      throw new PromptError(`${file}: "${m[0]}" is not a valid placeholder; use {{name}} with letters, digits or _`);
    }
    if (!seen.includes(name)) seen.push(name);
  }
  return seen;
}

/**
 * Loads `<dir>/<name>.md` and checks its placeholders: every {{variable}} must be in `allowed`,
 * and every allowed variable must appear (a template that never shows the article is a bug too).
 */
export function loadPrompt(dir: string, name: string, allowed: string[]): PromptTemplate {
  const file = path.join(dir, `${name}.md`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : String(err);
    throw new PromptError(`prompt template ${file} ${why}; it is needed to summarize with an LLM`);
  }
  const variables = templateVariables(text, file);
  const unknown = variables.filter((v) => !allowed.includes(v));
  if (unknown.length) {
    throw new PromptError(`${file}: unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}; ` +
      `this template may use: ${allowed.map((v) => `{{${v}}}`).join(', ')}`);
  }
  const missing = allowed.filter((v) => !variables.includes(v));
  if (missing.length) {
    throw new PromptError(`${file}: required variable ${missing.map((v) => `{{${v}}}`).join(', ')} ` +
      'is missing from the template; add it where that value should go');
  }
  return { name, file, text, version: contentHash(text), variables };
}

/** Fills every placeholder in one pass (a value containing "{{x}}" stays literal); throws if a value is missing. */
export function renderPrompt(t: PromptTemplate, vars: Record<string, string>): string {
  const absent = t.variables.filter((v) => typeof vars[v] !== 'string');
  if (absent.length) {
    throw new PromptError(`${t.file}: no value given for ${absent.map((v) => `{{${v}}}`).join(', ')}`);
  }
  return t.text.replace(PLACEHOLDER, (_m, name: string) => vars[name]);
}
