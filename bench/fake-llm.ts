// The fake OpenAI-compatible server for the bench, answering every chat request with a draft built from
// the article it was sent (words of its title, its opening sentences), so the draft passes verification
// and costs exactly one call per story.
import { completion, startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../test/support/fake-openai.js';

function draftFor(body: ChatBody) {
  const user = body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const article = user.slice(user.indexOf('<article>'), user.lastIndexOf('</article>'));
  const title = /Title: (.*)/.exec(article)?.[1] ?? 'Untitled story about the alliance today';
  const words = article.replace(/^<article>\s*Title: .*$/m, '').split(/\s+/).filter(Boolean);
  // Whole sentences from the top, between 40 and 120 words; a period after a capital ("U.S.") ends none.
  const sentences = words.join(' ').split(/(?<=[a-z0-9)][.!?])\s+/);
  let bullet = '';
  for (const s of sentences) {
    const next = `${bullet} ${s.trim()}`.trim();
    if (next.split(' ').length > 110) break;
    bullet = next;
    if (bullet.split(' ').length >= 45) break;
  }
  const headline = title.replace(/\s*\(\d+-\d+\)\s*$/, '').split(/\s+/).slice(0, 9).join(' ');
  return completion(JSON.stringify({ headline, bullet, topics: ['diplomacy'], topic_confidence: 0.8 }),
    { usage: { prompt_tokens: 900, completion_tokens: 120 } });
}

/** Starts the fake; pass `baseUrl` as OPENAI_BASE_URL. */
export function startBenchLlm(): Promise<FakeOpenAI> {
  return startFakeOpenAI({ handler: (body) => draftFor(body) });
}
