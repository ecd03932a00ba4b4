/**
 * Decoding the model's answer into a Summary: tolerant JSON extraction (fences, <think> blocks,
 * chatter around the object), zod validation, and normalisation to the house rules.
 */
import { z } from 'zod';
import type { Summary } from '../../domain/types.js';

/** Loose bounds: outside them the draft is not a headline or a bullet at all; style is the prompt's job. */
const HEADLINE_WORDS = { min: 3, max: 20 };
const BULLET_WORDS = { min: 15, max: 250 };

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** A string field whose word count must lie in `bounds`; the message asks for the house range. */
const wordy = (bounds: { min: number; max: number }, wanted: string) =>
  z.string().trim().min(1, 'is empty').superRefine((s, ctx) => {
    const n = words(s);
    if (n < bounds.min || n > bounds.max) ctx.addIssue({ code: 'custom', message: `has ${n} words; it must have ${wanted}` });
  });

const draftSchema = z.object({
  headline: wordy(HEADLINE_WORDS, '6 to 14'),
  bullet: wordy(BULLET_WORDS, '60 to 170'),
  // Small models sometimes answer a bare string; a missing list just means no tags.
  topics: z.union([z.array(z.string()), z.string().transform((t) => [t])]).default([]),
  topic_confidence: z.unknown().optional(),
});

/** The JSON schema sent as response_format (strict mode: every key required, nothing extra). */
export function draftJsonSchema(topicIds: string[]): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['headline', 'bullet', 'topics', 'topic_confidence'],
    properties: {
      headline: { type: 'string', description: '6 to 14 words, telegraphic, no final period' },
      bullet: { type: 'string', description: 'one paragraph of 60 to 170 words: the news first, then why it matters; no lists, no first person' },
      topics: { type: 'array', items: topicIds.length ? { type: 'string', enum: topicIds } : { type: 'string' } },
      topic_confidence: { type: 'number' },
    },
  };
}

/** Outcome of decoding one answer. */
export type Parsed =
  | { ok: true; summary: Summary; dropped: string[] }
  | { ok: false; reason: 'bad_json' | 'refusal'; error: string };

/** The JSON object inside an answer: drops <think> blocks and code fences, takes the outermost {...}. */
export function extractJson(raw: string): unknown {
  let s = raw.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '');
  // An unclosed <think> (answer cut off while reasoning) leaves no usable object after it.
  s = s.replace(/<think(?:ing)?>[\s\S]*$/i, '');
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(s);
  if (fenced && fenced[1].includes('{')) s = fenced[1];
  const start = s.indexOf('{');
  const end = s.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('no JSON object in the answer');
  return JSON.parse(s.slice(start, end + 1));
}

/** Removes a final period (but keeps the one of an initialism such as "U.S.") and wrapping quotes. */
export function tidyHeadline(h: string): string {
  let s = h.replace(/\s+/g, ' ').trim().replace(/^["“']+|["”']+$/g, '').trim();
  if (/\.$/.test(s) && !/(?:^|\s)(?:\p{L}\.){2,}$/u.test(s) && !/\.\.\.$/.test(s)) s = s.slice(0, -1).trimEnd();
  return s;
}

const REFUSAL = /^\s*(?:I'?m sorry|I am sorry|I cannot|I can'?t|I won'?t|I am unable|I'?m unable|As an AI)\b/i;

/** Decodes and normalises an answer; topics outside `topicIds` are dropped, never kept or invented. */
export function parseDraft(raw: string, topicIds: string[]): Parsed {
  let data: unknown;
  try {
    data = extractJson(raw);
  } catch (err) {
    if (REFUSAL.test(raw) && !raw.includes('{')) return { ok: false, reason: 'refusal', error: raw.trim().slice(0, 200) };
    return { ok: false, reason: 'bad_json', error: `the answer is not a JSON object (${(err as Error).message})` };
  }
  const r = draftSchema.safeParse(data);
  if (!r.success) {
    const error = r.error.issues.map((i) => `${i.path.join('.') || 'answer'} ${i.message}`).join('; ');
    return { ok: false, reason: 'bad_json', error };
  }
  const known = new Set(topicIds);
  const ids = [...new Set(r.data.topics.map((t) => t.trim()))];
  const topics = ids.filter((t) => known.has(t)).slice(0, 2);
  const dropped = ids.filter((t) => !known.has(t));
  const given = Number(r.data.topic_confidence ?? Number.NaN);
  let confidence = Number.isFinite(given) ? given : 0.5;
  if (confidence > 1 && confidence <= 100) confidence /= 100; // some models answer in percent
  confidence = topics.length ? Math.min(1, Math.max(0, confidence)) : 0;
  const summary: Summary = {
    headline: tidyHeadline(r.data.headline),
    bullet: r.data.bullet.replace(/\s+/g, ' ').trim(),
    topics,
    topic_confidence: Math.round(confidence * 100) / 100,
  };
  return { ok: true, summary, dropped };
}
