/** Public value types of the network edge. */

/** How politely and how defensively to fetch; structurally the `fetch:` block of sources.yaml. */
export interface FetchPolicy {
  user_agent: string;
  /** Most requests in flight overall. */
  concurrency: number;
  /** Most requests in flight to one host (hostname:port). */
  per_host_concurrency: number;
  /**
   * Least time between two requests to one host, in ms, as the host sees them arrive. A longer
   * robots.txt Crawl-delay wins, up to `max_crawl_delay_s`.
   */
  per_host_delay_ms: number;
  /** Longest robots.txt Crawl-delay honoured, in seconds (default 30); a longer one is capped with a warning. */
  max_crawl_delay_s?: number;
  /** Budget for one request, headers and body included, in ms. */
  timeout_ms: number;
  /** Largest body accepted, on the wire and after decompression. */
  max_bytes: number;
  /** How many times a transient failure is retried. */
  retries: number;
  respect_robots: boolean;
  allow_private_hosts: boolean;
}

/** Per-call options of a GET: validators for a conditional request and an Accept override. */
export interface FetchRequest {
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

/** The outcome of a successful GET (2xx, or 304 when the validators matched). */
export interface FetchResponse {
  /** Final URL after redirects. */
  url: string;
  /** 2xx status, or 304 when notModified. */
  status: number;
  notModified: boolean;
  /** Validators to store for the next conditional GET (the request's own when a 304 omits them). */
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** The charset used to decode `text` (null for 304). */
  charset: string | null;
  /** Body bytes received on the wire (before decompression). */
  bytes: number;
  /** Body bytes after content-encoding was undone, before charset decoding. */
  body: Buffer;
  /** Decoded text ('' for 304). */
  text: string;
}

/** Counters since the fetcher was created. */
export interface FetchStats {
  /** HTTP requests actually sent: robots.txt, redirect hops and retries included. */
  requests: number;
  /** Body bytes received on the wire. */
  bytes: number;
  notModified: number;
  retries: number;
  /** get() calls that ended in a FetchError. */
  errors: number;
}

/** The only door to the network: polite, guarded GETs. */
export interface Fetcher {
  get(url: string, req?: FetchRequest): Promise<FetchResponse>;
  stats(): FetchStats;
  /** Cancels queued and in-flight requests and frees sockets. */
  close(): Promise<void>;
}

/** Minimal logger shape (pino fits). */
export interface NetLog {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Things createFetcher reaches outside itself for; all optional. */
export interface FetcherDeps {
  /** Resolves a hostname to IP addresses; default dns.promises.lookup(host, { all: true }). */
  lookup?: (host: string) => Promise<string[]>;
  /** Wall clock in ms, used to read Retry-After dates. */
  now?: () => number;
  log?: NetLog;
  /** Base of the exponential retry backoff in ms (default 500). */
  retryBaseMs?: number;
  /**
   * Names the special range of an IP address, or null for a public one (default: the guard's
   * `forbiddenRange`). Tests use it to treat some loopback addresses as public and others as not.
   */
  addressRange?: (ip: string) => string | null;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
}
