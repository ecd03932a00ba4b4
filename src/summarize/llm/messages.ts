/**
 * Building the chat messages: the summarize template is split into a system part (rules, topics)
 * and a user part (the article), and untrusted article fields only ever go into the user part,
 * between <article> markers that the article itself cannot forge.
 */
import type { Topic, SummaryInput } from '../../domain/types.js';
import { PromptError, renderPrompt, templateVariables, type PromptTemplate } from '../prompts.js';
import type { ChatMessage } from './types.js';

/** Variables of prompts/summarize.md. */
export const SUMMARIZE_VARS = ['publication', 'topics', 'source', 'date', 'title', 'text'];
/** Variables filled from the article: never allowed above the user marker. */
const ARTICLE_VARS = ['source', 'date', 'title', 'text'];
/** Variables of prompts/repair.md. */
export const REPAIR_VARS = ['problem'];

const USER_MARKER = /^[ \t]*<!--\s*user\s*-->[ \t]*$/m;
const COMMENT = /<!--[\s\S]*?-->/g;

/** The summarize template cut into its two roles. */
export interface RolePrompts {
  system: PromptTemplate;
  user: PromptTemplate;
}

/** A part of a template with comments removed, as its own template (same file and version). */
function part(t: PromptTemplate, suffix: string, text: string): PromptTemplate {
  const clean = text.replace(COMMENT, '').trim();
  return { ...t, name: `${t.name}#${suffix}`, text: clean, variables: templateVariables(clean, t.file) };
}

/** Splits at the `<!-- user -->` line; throws PromptError if it is absent or an article field sits above it. */
export function splitRoles(t: PromptTemplate): RolePrompts {
  const pieces = t.text.split(USER_MARKER);
  if (pieces.length !== 2) {
    throw new PromptError(`${t.file}: needs exactly one line "<!-- user -->" separating the system message ` +
      `(rules) from the user message (the article); found ${pieces.length - 1}`);
  }
  const system = part(t, 'system', pieces[0]);
  const user = part(t, 'user', pieces[1]);
  const leaked = system.variables.filter((v) => ARTICLE_VARS.includes(v));
  if (leaked.length) {
    throw new PromptError(`${t.file}: ${leaked.map((v) => `{{${v}}}`).join(', ')} must be below the ` +
      '"<!-- user -->" line: article text is untrusted and never goes into the system message');
  }
  if (!system.text || !user.text) throw new PromptError(`${t.file}: the system or the user part is empty`);
  return { system, user };
}

/** "<" and ">" as article text may spell them: ASCII, full-width and small forms, angle quotes, HTML entities. */
const OPEN = String.raw`(?:<|＜|﹤|‹|〈|⟨|&lt;?|&#0*60;?|&#x0*3c;?)`;
const CLOSE = String.raw`(?:>|＞|﹥|›|〉|⟩|&gt;?|&#0*62;?|&#x0*3e;?)`;
const MARKER = new RegExp(String.raw`${OPEN}\s*([/／]?)\s*article\b(?:[^<>＜＞﹤﹥‹›〈〉⟨⟩&\n]{0,200}?${CLOSE})?`, 'giu');

/**
 * Defuses anything in article text that looks like our <article> markers (also half-written, full-width
 * or entity-encoded ones), so it cannot close the block or open a second one.
 */
export function neutraliseMarkers(s: string): string {
  return s.replace(MARKER, (_m, slash: string) => `[${slash ? '/' : ''}article]`);
}

/** The taxonomy as the prompt shows it: one line per topic, id first. */
export function topicList(topics: Topic[]): string {
  if (!topics.length) return '(no topics are configured: answer "topics": [] and "topic_confidence": 0)';
  return topics.map((t) => `- ${t.id}: ${t.label}${t.description ? ` — ${t.description.replace(/\s+/g, ' ').trim()}` : ''}`)
    .join('\n');
}

/** The first two messages of every conversation about one article. */
export function buildMessages(roles: RolePrompts, input: SummaryInput, text: string,
  ctx: { publication: string; topics: Topic[] }): ChatMessage[] {
  const values: Record<string, string> = {
    publication: ctx.publication,
    topics: topicList(ctx.topics),
    source: neutraliseMarkers(input.source || 'unknown'),
    date: input.published_at ? input.published_at.slice(0, 10) : 'unknown',
    title: neutraliseMarkers(input.title.replace(/\s+/g, ' ').trim()),
    text: neutraliseMarkers(text),
  };
  return [
    { role: 'system', content: renderPrompt(roles.system, values) },
    { role: 'user', content: renderPrompt(roles.user, values) },
  ];
}

/** Longest earlier answer echoed back in a repair request; garbage can be long. */
const ECHO_CHARS = 4000;

/** The conversation for a second try: the base messages, our rejected answer, and what was wrong with it. */
export function followUp(base: ChatMessage[], answer: string, repair: PromptTemplate, problem: string): ChatMessage[] {
  return [
    ...base,
    { role: 'assistant', content: answer.slice(0, ECHO_CHARS) },
    { role: 'user', content: renderPrompt(repair, { problem }) },
  ];
}
