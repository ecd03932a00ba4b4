import { z } from 'zod';
import * as cheerio from 'cheerio';
import cron from 'node-cron';
import { parseHTML } from 'linkedom';

/** Default User-Agent: names the tool and where to learn about it, as polite crawlers do. */
export const DEFAULT_USER_AGENT = 'newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; news digest crawler)';

/** The engine's own reason ("Unterminated group"), without the echo of the input. */
function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.slice(msg.lastIndexOf(': ') + 1).trim() || msg;
}

const regex = z.string().superRefine((s, ctx) => {
  try { new RegExp(s); } catch (err) {
    ctx.addIssue({ code: 'custom', input: s, message: `is not a valid regular expression (${reason(err)}); ` +
      `example: '/Article/\\d+' — put regexes in single quotes so YAML keeps the backslashes` });
  }
});

const selector = z.string().min(1).superRefine((s, ctx) => {
  // A string starting with "<" would make cheerio build HTML instead of querying, so reject it here.
  let why = s.trim().startsWith('<') ? 'looks like HTML, not a selector' : '';
  if (!why) { try { cheerio.load('<p></p>')(s); } catch (err) { why = reason(err); } }
  if (why) {
    ctx.addIssue({ code: 'custom', input: s,
      message: `is not a valid CSS selector (${why}); example: "h3 a" or "a[href*='/article/']"` });
  }
});

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

const publication = z.strictObject({
  name: z.string().min(1),
  footer: z.string().default(''),
});

const schedule = z.strictObject({
  cron: z.string()
    .refine((s) => s.trim().split(/\s+/).length === 5, {
      message: 'must have 5 fields: minute hour day-of-month month day-of-week (example: "0 6 * * *" = every day at 06:00; ' +
        'a 6th field for seconds is not supported)',
      abort: true,
    })
    .refine((s) => cron.validate(s), {
      message: 'is not a valid cron expression (example: "0 6 * * *" = every day at 06:00)',
    }),
  timezone: z.string().refine(
    (tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } },
    { message: 'is not a known IANA time zone (example: "Asia/Tokyo" or "UTC")' },
  ).default('UTC'),
});

const fetchSchema = z.strictObject({
  user_agent: z.string().min(1).default(DEFAULT_USER_AGENT),
  concurrency: z.number().int().min(1).max(256).default(8),
  per_host_concurrency: z.number().int().min(1).max(64).default(2),
  per_host_delay_ms: z.number().int().min(0).default(1000),
  max_crawl_delay_s: z.number().min(0).max(3600).default(30),
  timeout_ms: z.number().int().min(100).default(20000),
  max_bytes: z.number().int().min(1024).default(5_000_000),
  retries: z.number().int().min(0).max(10).default(2),
  respect_robots: z.boolean().default(true),
  allow_private_hosts: z.boolean().default(false),
  max_items_per_source: z.number().int().min(1).default(100),
  max_age_days: z.number().min(0).default(30),
  /** Worker threads for extraction, relevance, story features and offline drafts; 0 = on the main thread; unset = the machine's cores. */
  cpu_workers: z.number().int('must be a whole number of worker threads (0 = none, on the main thread)')
    .min(0, 'must be 0 (no workers) or more').max(64, 'must be at most 64 (unset or 0: no worker threads)').optional(),
});

const relevance = z.strictObject({
  all_of: z.array(z.array(z.string().min(1)).min(1)).default([]),
  none_of: z.array(z.string().min(1)).default([]),
  /** relevant = score >= min_score (0..1); default 0.5 with a glossary, unused without one unless set. */
  min_score: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  /** Third countries: when they outweigh the weaker side the score drops (glossary mode only). */
  third_parties: z.array(z.string().min(1)).optional(),
  /** Places per side, aligned with all_of (prefectures, states, cities): evidence at half weight (glossary mode only). */
  places: z.array(z.array(z.string().min(1))).optional(),
  /** Named actors per side (issue 13): each evidences the all_of group `side` (1 = first group). */
  glossary: z.array(z.strictObject({
    name: z.string().min(1, 'must name the actor (example: "Toshimitsu Motegi")'),
    side: z.number().int('must be a whole number: the all_of group this actor evidences (1 = first group)').min(1, 'must be 1 or more: the all_of group this actor evidences (1 = first group)'),
    role: z.string().optional(),
    aliases: z.array(z.string().min(1)).default([]),
  })).optional(),
}).superRefine((r, ctx) => {
  if (r.places && r.places.length > r.all_of.length) {
    ctx.addIssue({ code: 'custom', path: ['places'],
      message: `has ${r.places.length} lists but all_of has only ${r.all_of.length} group(s); list i holds the places of all_of group i` });
  }
  r.glossary?.forEach((e, i) => {
    if (e.side > r.all_of.length) {
      ctx.addIssue({ code: 'custom', path: ['glossary', i, 'side'],
        message: `is ${e.side} but all_of has only ${r.all_of.length} group(s); side is the 1-based number of the all_of group "${e.name}" evidences` });
    }
  });
});

/** A selector of page elements to drop before extraction; checked with the DOM the extract stage queries (linkedom). */
const removeSelector = z.string().trim().min(1, 'must not be empty (example: ".newsletter-box")').superRefine((s, ctx) => {
  let why = s.startsWith('<') ? 'looks like HTML, not a selector' : '';
  if (!why) {
    try { (parseHTML('<p></p>') as unknown as { document: { querySelectorAll(q: string): unknown } }).document.querySelectorAll(s); } catch (err) { why = reason(err); }
  }
  if (why) {
    ctx.addIssue({ code: 'custom', input: s,
      message: `is not a valid CSS selector (${why}); write the elements to drop from this source's pages, ` +
        `example: ".newsletter-box" or "div[data-module='related']" — put selectors with quotes in double quotes` });
  }
});

/** Per-source extraction rules: elements of this site's pages that are never the article. */
const extract = z.strictObject({
  remove: z.array(removeSelector).default([]),
});

const topic = z.strictObject({
  id: z.string().regex(idPattern, 'must be lower-case letters, digits and dashes (example: economic-security)'),
  label: z.string().min(1),
  description: z.string().default(''),
  keywords: z.array(z.string().min(1)).default([]),
});

const source = z.strictObject({
  id: z.string().regex(idPattern, 'must be lower-case letters, digits and dashes (example: kantei-en)'),
  name: z.string().min(1).optional(),
  type: z.enum(['rss', 'html']),
  url: z.string().url('must be an absolute http(s) URL (example: https://example.com/feed.xml)')
    .refine((u) => /^https?:/i.test(u), 'must start with http:// or https://'),
  topics: z.array(z.string()).default([]),
  always_relevant: z.boolean().default(false),
  primary: z.boolean().default(false),
  enabled: z.boolean().default(true),
  link_selector: selector.optional(),
  extract: extract.optional(),
  include: regex.optional(),
  exclude: regex.optional(),
  notes: z.string().optional(),
});

const prices = z.strictObject({
  input_per_mtok: z.number().min(0).default(0),
  output_per_mtok: z.number().min(0).default(0),
});

const llm = z.strictObject({
  model: z.string().min(1).default('gpt-4o-mini'),
  /** Cost tiers: a cheap model for borderline relevance and topics, a strong one for drafts (each defaults to `model`). */
  models: z.strictObject({
    triage: z.string().min(1).optional(),
    draft: z.string().min(1).optional(),
  }).optional(),
  /** Borderline = a relevance score within this distance of relevance.min_score; those items get a triage call (default 0.1 with models.triage). */
  triage_band: z.number().min(0).max(1).optional(),
  /** true: the draft model is called only for stories the editor has shortlisted. */
  draft_only_shortlisted: z.boolean().optional(),
  /** USD the LLM may spend in one issue's window (since the last published issue); calls stop once spent. */
  budget_usd_per_issue: z.number().min(0).optional(),
  base_url: z.string().url().optional(),
  max_input_tokens: z.number().int().min(200).default(2000),
  max_output_tokens: z.number().int().min(50).default(600),
  temperature: z.number().min(0).max(2).default(0.2),
  concurrency: z.number().int().min(1).max(64).default(4),
  requests_per_minute: z.number().int().min(1).optional(),
  timeout_ms: z.number().int().min(1000).default(60000),
  /** Longest Retry-After the summarize stage waits through; beyond it the stage stops until the next run (default 60). */
  max_retry_wait_s: z.number().min(0).optional(),
  max_cost_per_run: z.number().min(0).optional(),
  prices: prices.optional(),
  /** Prices per model name (for tiers on different models); a model not listed uses `prices`. */
  model_prices: z.record(z.string().min(1), prices).optional(),
});

/** Story clustering thresholds (the rest of the matcher's settings stay at their defaults). */
const cluster = z.strictObject({
  window_days: z.number().min(0).max(60).optional(),
  min_score: z.number().min(0).max(1).optional(),
  min_evidence: z.number().min(0).optional(),
  min_things: z.number().int().min(1).optional(),
  dup_jaccard: z.number().min(0).max(1).optional(),
  /** Score and evidence enough for two items whose leads date the event to the same day (one shared name suffices). */
  dated_score: z.number().min(0).max(1).optional(),
  dated_evidence: z.number().min(0).optional(),
  /** Weight of the embeddings cosine in the story score (only with `embeddings`). */
  w_embedding: z.number().min(0).max(5).optional(),
  /** Optional embeddings view (issue 13): any OpenAI-compatible POST {base_url}/embeddings; off when absent. */
  embeddings: z.strictObject({
    base_url: z.string().url('must be a URL such as "http://127.0.0.1:11434/v1"')
      .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https:// (example: "http://127.0.0.1:11434/v1")'),
    model: z.string().trim().min(1, 'is required: the embedding model name the server knows (example: "nomic-embed-text")'),
    api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/,
      'must be the NAME of an environment variable holding the key (example: EMBEDDINGS_API_KEY), not the key itself').optional(),
    timeout_ms: z.number().int().min(100).max(600000).default(15000),
    batch_size: z.number().int().min(1).max(2048).default(64),
  }).optional(),
});

/** The whole sources.yaml. Unknown keys are errors (strict), so typos never pass silently. */
/** The desk (`newsdesk serve`): extra names it answers to, beside localhost and its own address (against DNS rebinding). */
const web = z.strictObject({
  allowed_hosts: z.array(z.string().trim().min(1).regex(/^[^\s/:@]+$/, 'must be a host name only, without scheme, port or path (example: "desk.example.org")')).default([]),
});

export const configSchema = z.strictObject({
  publication,
  web: web.default({ allowed_hosts: [] }),
  schedule: schedule.default({ cron: '0 6 * * *', timezone: 'UTC' }),
  fetch: fetchSchema.default(fetchSchema.parse({})),
  relevance: relevance.default({ all_of: [], none_of: [] }),
  topics: z.array(topic).default([]),
  llm: llm.optional(),
  cluster: cluster.optional(),
  sources: z.array(source).min(1, 'needs at least one source'),
}).superRefine((cfg, ctx) => {
  const seen = new Map<string, number>();
  cfg.sources.forEach((s, i) => {
    if (seen.has(s.id)) {
      ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'],
        message: `duplicate source id "${s.id}" (also used by source #${seen.get(s.id)! + 1}); every id must be unique` });
    } else seen.set(s.id, i);
    if (s.type === 'html' && !s.link_selector) {
      ctx.addIssue({ code: 'custom', path: ['sources', i, 'link_selector'],
        message: 'is required for type: html (the CSS selector of article links on the listing page, example: "h3 a")' });
    }
  });
  const topicIds = new Set<string>();
  cfg.topics.forEach((t, i) => {
    if (topicIds.has(t.id)) {
      ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `duplicate topic id "${t.id}"` });
    }
    topicIds.add(t.id);
  });
  if (topicIds.size) {
    cfg.sources.forEach((s, i) => s.topics.forEach((t, j) => {
      if (!topicIds.has(t)) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'topics', j],
          message: `unknown topic "${t}"; known topics: ${[...topicIds].join(', ')}` });
      }
    }));
  }
});

/** A validated configuration. */
export type Config = z.infer<typeof configSchema>;
export type FetchConfig = Config['fetch'];
export type LlmConfig = NonNullable<Config['llm']>;
export type TopicConfig = Config['topics'][number];
export type SourceConfig = Config['sources'][number];
