import type { FetchErrorKind } from '../domain/types.js';

export type { FetchErrorKind };

/** A failed fetch: what kind, which URL, and whether trying again later could help. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly url: string;
  readonly status?: number;
  /** True when the same request may succeed later (network, timeout, 429, 5xx). */
  readonly transient: boolean;

  /**
   * `transient` defaults to true for network and timeout, else false. Positional
   * (kind, url, message, transient) is the form the rest of the code uses.
   */
  constructor(kind: FetchErrorKind, url: string, message: string, transient?: boolean,
    opts: { status?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.url = url;
    if (opts.status !== undefined) this.status = opts.status;
    this.transient = transient ?? (kind === 'network' || kind === 'timeout');
  }
}

/** True for the HTTP statuses worth retrying. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

// The constructors below keep every message in one place, so they read alike:
// what happened, to which URL, and what a person can do about it.

/** A connection-level failure (DNS, refused, reset, closed early). */
export function networkError(url: string, cause: unknown): FetchError {
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return new FetchError('network', url,
    `Network error fetching ${url} (${detail}); the site may be down or unreachable. It will be retried on a later run.`,
    true, { cause });
}

/** The request did not complete within the budget. */
export function timeoutError(url: string, ms: number): FetchError {
  return new FetchError('timeout', url,
    `Timed out after ${ms} ms fetching ${url} (headers and body must arrive within fetch.timeout_ms); ` +
    'the site may be slow. It will be retried on a later run; raise fetch.timeout_ms if this keeps happening.');
}

/** A non-success status that is not a redirect. */
export function httpError(url: string, status: number, note = ''): FetchError {
  const transient = isTransientStatus(status);
  const advice = transient
    ? 'the server is busy or failing; it will be retried on a later run.'
    : status === 404 || status === 410
      ? 'the page is gone; check the URL in sources.yaml.'
      : status === 401 || status === 403
        ? 'the site refuses us; check the URL or ask the site for access.'
        : 'check the URL in sources.yaml.';
  return new FetchError('http', url, `${url} answered HTTP ${status}${note}; ${advice}`, transient, { status });
}

/** The body is larger than the policy allows. */
export function tooLargeError(url: string, max: number, declared?: number): FetchError {
  const what = declared === undefined ? 'is larger than' : `declares ${declared} bytes, more than`;
  return new FetchError('too_large', url,
    `Response from ${url} ${what} fetch.max_bytes (${max} bytes); the download was stopped. ` +
    'Raise fetch.max_bytes if this page is legitimate.');
}

/** robots.txt forbids the path for our user agent. */
export function robotsError(url: string): FetchError {
  const u = new URL(url);
  return new FetchError('robots', url,
    `robots.txt of ${u.host} disallows ${u.pathname} for our user agent; ` +
    'remove the source or set fetch.respect_robots: false if you have permission.');
}

/** The host resolves to an address we must not reach. */
export function privateAddressError(url: string, host: string, address: string, range: string): FetchError {
  const via = host === address ? '' : ` resolves to ${address}, which`;
  return new FetchError('private_address', url,
    `Refusing to fetch ${url}: ${host}${via} is a ${range} address, not a public one. ` +
    'Set fetch.allow_private_hosts: true only if this source is on a network you trust.');
}

/** Too many hops, a loop, or a redirect without a usable Location. */
export function redirectError(url: string, chain: string[], why: 'loop' | 'too_many' | 'no_location'): FetchError {
  const path = chain.join(' -> ');
  const what = why === 'loop' ? 'a redirect loop' : why === 'too_many' ? 'more than 5 redirects' : 'a redirect without a usable Location';
  return new FetchError('redirects', url,
    `Fetching ${url} ran into ${what} (${path}); point the source at the final address.`);
}

/** The URL is unparsable or not http(s). */
export function badUrlError(url: string, why: string): FetchError {
  return new FetchError('bad_url', url,
    `Cannot fetch "${url}": ${why}. Only absolute http:// and https:// URLs can be fetched; fix the URL.`);
}

/** The body could not be decompressed. */
export function parseError(url: string, cause: unknown): FetchError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FetchError('parse', url,
    `The compressed body from ${url} is corrupt (${detail}); the site sent bad data. Try again later or report it to the site.`,
    false, { cause });
}
