import { configSchema, type Config } from '../../src/config/schema.js';
import { createApp } from '../../src/web/app.js';
import type { IngestRunner, RunnerStatus } from '../../src/jobs/schedule.js';
import { tempStore } from '../support/temp-db.js';
import { seedStories, type SeedStory } from '../support/seed.js';
import type { Store } from '../../src/store/index.js';
import { offlineSummarizer, type Summarizer } from '../../src/summarize/index.js';

/** The digest's topics, as sources.yaml has them. */
export const TOPICS = [
  { id: 'diplomacy', label: 'Diplomacy' }, { id: 'defense', label: 'Defense' }, { id: 'economic-security', label: 'Economic security' },
  { id: 'energy', label: 'Energy' }, { id: 'economy-trade', label: 'Economy & trade' }, { id: 'technology', label: 'Technology' },
];

/** A config for the desk tests (its one source is never fetched). */
export function deskConfig(): Config {
  return configSchema.parse({
    publication: { name: 'US-Japan Alliance Digest', footer: 'Reply to subscribe or unsubscribe.' },
    schedule: { cron: '0 6 * * *', timezone: 'UTC' },
    topics: TOPICS,
    sources: [{ id: 'wire', name: 'Wire News', type: 'rss', url: 'http://127.0.0.1:9/feed' }],
  });
}

/** A runner that records what was asked and never touches the network. */
export function fakeRunner(): IngestRunner & { starts: string[]; state: RunnerStatus } {
  const state: RunnerStatus = { running: null, elsewhere: null, last: null };
  const starts: string[] = [];
  return {
    starts, state,
    start(trigger) {
      starts.push(trigger);
      if (state.running) return { started: false, reason: 'running', progress: state.running };
      state.running = { run_id: 7, trigger, started_at: '2026-11-20T00:00:00.000Z', sources_total: 3, sources_done: 1, sources_failed: 0,
        items: { new: 4, extracted: 2, irrelevant: 1, failed: 0, merged: 0, retried: 0, joined: 0, follow_ups: 0 }, pending: 2 };
      return { started: true, run_id: 7 };
    },
    status: () => ({ ...state }),
    stop: async () => {},
    idle: async () => {},
  };
}

/** A desk over a temp DB seeded with stories; `clock` can be moved by tests. Drafts on the desk are offline unless a summarizer is given. */
export function desk(stories: SeedStory[] = [], opts: { password?: string; summarizer?: Summarizer; allowedHosts?: string[] } = {}) {
  const t = tempStore();
  const config = deskConfig();
  const clock = { now: new Date('2026-11-21T09:00:00.000Z') };
  const seeded = seedStories(t.store, stories);
  const runner = fakeRunner();
  const app = createApp({ store: t.store, config, now: () => clock.now, runner, password: opts.password, loginFailDelayMs: 5,
    allowedHosts: opts.allowedHosts, summarizer: opts.summarizer ?? offlineSummarizer() });
  return { app, store: t.store as Store, config, clock, runner, seeded, cleanup: t.cleanup };
}

/** A client that keeps the session cookie and reads the CSRF token from the page, as a browser would. */
export function client(app: ReturnType<typeof createApp>) {
  let cookie = '';
  let csrf = '';
  const remember = (res: Response) => {
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return res;
  };
  return {
    get cookie() { return cookie; },
    get csrf() { return csrf; },
    async get(path: string, headers: Record<string, string> = {}) {
      const res = remember(await app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } }));
      const text = await res.clone().text();
      const m = /X-CSRF-Token&quot;:&quot;([^&]+)&quot;|name="_csrf" value="([^"]+)"/.exec(text);
      if (m) csrf = m[1] ?? m[2];
      return res;
    },
    async post(path: string, form: Record<string, string | string[]> = {}, o: { token?: string | null; htmx?: boolean } = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
      const token = o.token === undefined ? csrf : o.token;
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) };
      if (token !== null) headers['X-CSRF-Token'] = token;
      if (o.htmx !== false) headers['HX-Request'] = 'true';
      return remember(await app.request(path, { method: 'POST', headers, body }));
    },
  };
}

/** Five stories over several topics and days. */
export const STORIES: SeedStory[] = [
  { title: 'Japan and US agree on missile co-production', topics: ['defense'], published_at: '2026-11-20T03:00:00.000Z' },
  { title: 'Tokyo hosts economic security dialogue', topics: ['economic-security', 'diplomacy'], published_at: '2026-11-19T03:00:00.000Z', source: 'gov' },
  { title: 'LNG deal signed with Alaska project', topics: ['energy'], published_at: '2026-11-18T03:00:00.000Z', unsupported: ['$44 billion'] },
  { title: 'Chip packaging centre opens in Osaka', topics: ['technology'], published_at: '2026-11-17T03:00:00.000Z' },
  { title: 'Old story about steel tariffs', topics: ['economy-trade'], published_at: '2026-10-01T03:00:00.000Z' },
];
