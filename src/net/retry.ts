/** Longest Retry-After we are willing to sleep through within one run. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Longest computed backoff, whatever the attempt number. */
const BACKOFF_CAP_MS = 30_000;

/**
 * Delay before retry number `attempt` (0-based): exponential from `baseMs`, with jitter
 * in [50%, 100%] so that many clients failing together do not come back together.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Reads a Retry-After header (delta seconds or an HTTP date) as ms from `nowMs`;
 * null when absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
