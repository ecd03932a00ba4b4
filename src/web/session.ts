import { randomBytes, createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A logged-in browser's session: a random id (the cookie), its CSRF token. Only a correct password makes one. */
export interface Session {
  id: string;
  csrf: string;
  authed: boolean;
  seenAt: number;
}

/** Cookie holding the session id. */
export const SESSION_COOKIE = 'newsdesk_sid';
/** Cookie holding a random nonce for visitors without a session; their CSRF token is its HMAC (signed double submit). */
export const CSRF_COOKIE = 'newsdesk_csrf';
const IDLE_MS = 12 * 3600_000;
const MAX_SESSIONS = 10_000;

/** Compares two strings in constant time (over their SHA-256 digests, so lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** Sessions kept in memory: a restart logs everyone out, which is fine for a desk of a few editors. */
export class SessionStore {
  private readonly byId = new Map<string, Session>();
  constructor(private readonly clock: () => number) {}

  /** The live session with this id, refreshed; undefined when unknown or idle too long. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    if (this.clock() - s.seenAt > IDLE_MS) { this.byId.delete(id); return undefined; }
    s.seenAt = this.clock();
    return s;
  }

  /**
   * A fresh session with new random id and CSRF token, or undefined when the store is full of live sessions:
   * only idle ones are dropped to make room, never a logged-in editor.
   */
  create(authed = true): Session | undefined {
    if (this.byId.size >= MAX_SESSIONS) this.prune();
    if (this.byId.size >= MAX_SESSIONS) return undefined;
    const s: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), authed, seenAt: this.clock() };
    this.byId.set(s.id, s);
    return s;
  }

  /** Ends a session. */
  drop(id: string | undefined): void { if (id) this.byId.delete(id); }

  /** How many sessions are kept. */
  get size(): number { return this.byId.size; }

  /** Drops the sessions idle too long. */
  private prune(): void {
    const now = this.clock();
    for (const s of this.byId.values()) if (now - s.seenAt > IDLE_MS) this.byId.delete(s.id);
  }
}

/** Stateless CSRF tokens for visitors without a session: HMAC of their cookie's nonce under a key that lives as long as the process. */
export class CsrfSigner {
  private readonly key = randomBytes(32);
  /** A new random nonce for the cookie. */
  nonce(): string { return randomBytes(32).toString('base64url'); }
  /** The token that goes with this nonce. */
  token(nonce: string): string { return createHmac('sha256', this.key).update(nonce, 'utf8').digest('base64url'); }
}
