/**
 * What newsdesk knows about one LLM endpoint (one base URL), shared by every transport that talks
 * to it — the triage and the draft tier, and every summarize run of a long-lived `serve` process:
 *
 * - the 429 pause: a `Retry-After` answered to one request holds back every request to that
 *   endpoint until it ends, not only the one that got it;
 * - the structured-output mode: `json_schema`, else `json_object`, else none (plain prompt, parsed
 *   and repaired). It is detected once: while it is unknown, one request probes and the others
 *   wait for its answer; once a server has accepted a mode, that mode is used from then on.
 *
 * The state lives in memory, per process (a new process detects again with its first request).
 * Tests pass their own registry; production code uses the process-wide one below.
 */

/** The response_format sent: a JSON schema, JSON mode, or nothing (plain prompt with parse-and-repair). */
export type Mode = 'json_schema' | 'json_object' | 'none';
export const NEXT_MODE: Record<Mode, Mode> = { json_schema: 'json_object', json_object: 'none', none: 'none' };

/** Shared state of one endpoint. */
export interface EndpointState {
  baseUrl: string;
  /** The mode to try (or in use, once `known`). */
  mode: Mode;
  /** True once the server answered a request sent with `mode`. */
  known: boolean;
  /** Set while one request probes the mode; the others await it. */
  probe: Promise<void> | null;
  /** Epoch ms before which no request may be sent (a 429's Retry-After). */
  pausedUntil: number;
}

/** The endpoints a process has talked to, by base URL. */
export interface EndpointRegistry {
  get(baseUrl: string): EndpointState;
}

/** A fresh registry (one per process in production; one per test where needed). */
export function createEndpointRegistry(): EndpointRegistry {
  const states = new Map<string, EndpointState>();
  return {
    get(baseUrl) {
      let s = states.get(baseUrl);
      if (!s) {
        s = { baseUrl, mode: 'json_schema', known: false, probe: null, pausedUntil: 0 };
        states.set(baseUrl, s);
      }
      return s;
    },
  };
}

/** The registry of this process: what every transport uses unless it is given another. */
export const processEndpoints: EndpointRegistry = createEndpointRegistry();

/**
 * Waits until the endpoint's pause has ended. `own` is the pause this request already waited out
 * itself (it got the 429), so it is not waited for twice. With a test's instant `sleep` and fixed
 * clock, each distinct pause is slept once, never in a loop.
 */
export async function waitForPause(ep: EndpointState, now: () => number, sleep: (ms: number) => Promise<void>,
  own: number | null): Promise<void> {
  let slept = -1;
  while (ep.pausedUntil > now() && ep.pausedUntil !== own && ep.pausedUntil !== slept) {
    slept = ep.pausedUntil;
    await sleep(ep.pausedUntil - now());
  }
}

/** Holds every request to the endpoint back until `until` (epoch ms); a later pause wins over an earlier one. */
export function pauseEndpoint(ep: EndpointState, until: number): number {
  ep.pausedUntil = Math.max(ep.pausedUntil, until);
  return ep.pausedUntil;
}
