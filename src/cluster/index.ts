export { normalizeUrl } from './url.js';
export { contentHash, MIN_HASHED_CHARS } from './fingerprint.js';
