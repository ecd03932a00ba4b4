import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { scanSource, scanTree } from './edge-scan.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

test('nothing under src/jobs or src/web reads process.env, builds an edge or imports what does (the composition root does)', () => {
  const found = scanTree(SRC, ['jobs', 'web']);
  assert.deepEqual(found.map((f) => `${f.file}:${f.line}: ${f.rule} — ${f.text}`), []);
});

test('the scan sees each forbidden thing, and not type-only imports, comments or strings', () => {
  const file = join(SRC, 'jobs', 'example.ts');
  const rules = (text: string) => scanSource(file, text, SRC).map((f) => f.rule);
  assert.deepEqual(rules(`const k = process.env.OPENAI_API_KEY;`), ['reads process.env']);
  assert.deepEqual(rules(`const e = process['env'];`), ['reads process.env']);
  assert.deepEqual(rules(`const { env } = process;`), ['reads process.env']);
  assert.deepEqual(rules(`const e = globalThis.process.env;`), ['reads process.env']);
  assert.deepEqual(rules(`import { createFetcher } from '../net/index.js';`), ['imports the edge builder createFetcher']);
  assert.deepEqual(rules(`import { createFetcher as f } from '../net/index.js';`), ['imports the edge builder createFetcher']);
  assert.deepEqual(rules(`import { openStore } from '../store/index.js';`), ['imports the edge builder openStore']);
  assert.deepEqual(rules(`import { openPostgresStore } from '../store/postgres/index.js';`), ['imports the edge builder openPostgresStore']);
  assert.deepEqual(rules(`import { createLlmSummarizer, processEndpoints } from '../summarize/llm/index.js';`),
    ['imports the edge builder createLlmSummarizer', 'imports the edge builder processEndpoints']);
  assert.deepEqual(rules(`import { createTransport } from '../summarize/llm/transport.js';`),
    ['imports src/summarize/llm/transport', 'imports the edge builder createTransport']);
  assert.deepEqual(rules(`import { buildSummarizer } from '../app/summarizer.js';`),
    ['imports src/app/summarizer', 'imports the edge builder buildSummarizer']);
  assert.deepEqual(rules(`import { embeddingStage } from '../cluster/embeddings.js';`), ['imports the edge builder embeddingStage']);
  assert.deepEqual(rules(`import OpenAI from 'openai';\nconst c = new OpenAI({});`), ['imports openai', 'constructs OpenAI']);
  assert.deepEqual(rules(`import Database from 'better-sqlite3';`), ['imports better-sqlite3']);
  assert.deepEqual(rules(`import pg from 'pg'; const p = new pg.Pool();`), ['imports pg', 'constructs Pool']);
  assert.deepEqual(rules(`const m = await import('../net/fetcher.js');`), ['imports src/net/fetcher']);
  // Allowed: types, pure helpers, comments and strings that merely mention the names.
  assert.deepEqual(rules([
    `import type { Fetcher } from '../net/index.js';`,
    `import { FetchError, hostKey, type Fetcher as F } from '../net/index.js';`,
    `import type { Store } from '../store/index.js';`,
    `import { type EndpointRegistry, LlmFatalError } from '../summarize/llm/index.js';`,
    `import type OpenAI from 'openai';`,
    `// process.env is read at the entry; createFetcher(config.fetch) is the root's`,
    `const s = 'process.env and openStore(file)';`,
    `const env = deps.env; const d = new Date();`,
  ].join('\n')), []);
});
