/** Shared value types of the pipeline. This module imports nothing. */

/** One configured source, as validated from sources.yaml. */
export interface Source {
  id: string;
  name: string;
  type: 'rss' | 'html';
  url: string;
  topics: string[];
  always_relevant: boolean;
  primary: boolean;
  enabled: boolean;
  /** html sources: CSS selector for article links on the listing page. */
  link_selector?: string;
  /** Optional regex (source text) a link URL must match. */
  include?: string;
  /** Optional regex (source text) a link URL must not match. */
  exclude?: string;
}

/** A candidate article found on a feed or a listing page, before its page is fetched. */
export interface Discovered {
  /** Absolute article URL (as found; normalised later). */
  url: string;
  title: string | null;
  /** ISO 8601 UTC, or null when the feed gives no usable date. */
  published_at: string | null;
  /** Plain-text summary from the feed or listing, if any. */
  summary: string | null;
  /** Plain-text full content from the feed (content:encoded, atom content), if any. */
  content: string | null;
  /** Feed guid / atom id, if any. */
  guid: string | null;
  author: string | null;
}

/** A parsed feed: its own title and link, and its items. */
export interface ParsedFeed {
  title: string | null;
  link: string | null;
  items: Discovered[];
}

/** What the extraction stage gets out of one article page. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601, or null. */
  published_at: string | null;
  canonical_url: string | null;
  lang: string | null;
  site_name: string | null;
  excerpt: string | null;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
}

/** Outcome of the relevance rules on one article. */
export interface Relevance {
  relevant: boolean;
  /** 0..1: share of rule groups matched, weighted by how many terms hit. */
  score: number;
  /** Terms that matched, in the order found. */
  terms: string[];
}

export type PipelineState = 'discovered' | 'extracted' | 'irrelevant' | 'summarized' | 'failed';
export type ReviewState = 'new' | 'shortlisted' | 'rejected' | 'published';

/** The kinds of failure a fetch can end in; stored on sources and items. */
export type FetchErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'too_large'
  | 'robots'
  | 'private_address'
  | 'redirects'
  | 'bad_url'
  | 'parse'
  | 'empty';

/** One topic of the publication's taxonomy (sources.yaml `topics`). */
export interface Topic {
  id: string;
  label: string;
  description: string;
  keywords: string[];
}

/** What a summarizer is given for one story. */
export interface SummaryInput {
  title: string;
  text: string;
  /** Display name of the source (the lead's outlet). */
  source: string;
  /** ISO 8601 or null. */
  published_at: string | null;
  url: string;
  /** Relevance terms that matched (the LLM input keeps paragraphs carrying them). */
  relevance_terms: string[];
  /**
   * The story's other outlets (not the lead item), when it has any: the offline bullet may add one
   * sentence from one of them when it carries a fact the lead lacks (a number, a quote, a reaction).
   */
  others?: { source: string; title: string; text: string }[];
}

/** A drafted headline, bullet and topic tags for one story. */
export interface Summary {
  headline: string;
  bullet: string;
  /** Primary topic first, at most one secondary; only ids from the taxonomy. */
  topics: string[];
  /** 0..1: how sure the topic tagging is. */
  topic_confidence: number;
}

/** Names, numbers and dates in a draft that the article does not support. */
export interface Verification {
  unsupported: string[];
}

/** One entry of an issue as exported: the editor's version wins over the machine draft. */
export interface IssueDocItem {
  item_id: number;
  headline: string;
  bullet: string;
  /** Primary topic first. */
  topics: string[];
  /** The original articles (several for a story seen in several outlets), primary sources first. */
  links: { url: string; source: string }[];
  published_at: string | null;
}

/** An issue ready to export: everything the renderers need, nothing they must look up. */
export interface IssueDoc {
  publication: { name: string; footer: string };
  /** "<publication name> Vol V.N" unless the editor titled it otherwise. */
  title: string;
  volume: number;
  number: number;
  /** ISO dates (YYYY-MM-DD) or null. */
  date_from: string | null;
  date_to: string | null;
  status: 'draft' | 'published';
  /** The taxonomy, in order (section order for --group-by topic). */
  topics: Topic[];
  items: IssueDocItem[];
}

/** One HTTP attempt against an LLM endpoint, as stored in the llm_calls table. */
export interface LlmCall {
  model: string;
  /** 'triage' (borderline relevance and topics) or 'draft' (headline, bullet, topics). */
  tier: 'triage' | 'draft';
  prompt_version: string;
  tokens_in: number;
  tokens_out: number;
  ms: number;
  /** ok | repaired | bad_json | retry_unsupported | unsupported | injection | refusal | empty | http_429 | http_5xx | timeout | network | format_rejected | param_rejected | auth | not_found | connection | quota | http_4xx */
  outcome: string;
  cost_usd: number;
  error: string | null;
}
