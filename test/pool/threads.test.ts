import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startCpuWorkers } from '../../src/pool/threads.js';
import { inlineStages, type CpuSetup, type PageInput } from '../../src/pool/index.js';
import { DEFAULT_STORY_CONFIG } from '../../src/cluster/index.js';
import { ARTICLES, articlePage } from '../jobs/site.js';

const setup: CpuSetup = { relevance: { all_of: [['Japan', 'Tokyo'], ['United States', 'U.S.', 'Washington']], none_of: [] },
  story: DEFAULT_STORY_CONFIG, publication: 'Test Digest', topics: [] };
const page = (i: number): PageInput => ({ url: `http://news.test/a/${i}`, html: articlePage(ARTICLES[i]), final_url: `http://news.test/a/${i}`,
  feed_title: null, feed_summary: null, feed_content: null, feed_published_at: null, source_ids: ['s'], always_relevant: false, remove: [] });

test('a worker gives the record the main thread gives; after close, tasks still run (here) instead of starting threads again', async () => {
  // The test worker throws on pages marked POISON-THROW: only a thread would fail on the late page below.
  const filename = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? './poison-worker.js' : './poison-worker.ts', import.meta.url));
  const cpu = startCpuWorkers(setup, { workers: 1, inlineUntilReady: false, filename });
  const here = inlineStages(setup);
  try {
    const [fromWorker, inline] = [await cpu.page(page(1)), await here.page(page(1))];
    assert.ok(fromWorker.ok && inline.ok);
    assert.deepEqual({ ...fromWorker, ms: null }, { ...inline, ms: null });
    assert.ok(cpu.cpuMs().page > 0, 'the worker timed the task');
  } finally {
    await cpu.close();
  }
  const before = cpu.cpuMs().page;
  const marked = { ...page(2), html: page(2).html!.replace('</article>', '<p>POISON-THROW</p></article>') };
  const late = await cpu.page(marked);
  assert.ok(late.ok);
  assert.deepEqual({ ...late, ms: null }, { ...(await here.page(marked)), ms: null });
  assert.ok(cpu.cpuMs().page > before, 'timed on the main thread');
});
