/** The network edge: the only module that talks to the outside world. */
export { createFetcher } from './fetcher.js';
export { hostKey } from './host-queue.js';
export { decodeBody } from './charset.js';
export { FetchError, type FetchErrorKind } from './errors.js';
export type { FetchPolicy, FetchRequest, FetchResponse, FetchStats, Fetcher, FetcherDeps, NetLog } from './types.js';
