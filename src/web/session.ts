import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';

/** One browser's session: a random id (the cookie), its CSRF token, whether it has logged in. */
export interface Session {
  id: string;
  csrf: string;
  authed: boolean;
  seenAt: number;
}

/** Cookie holding the session id. */
export const SESSION_COOKIE = 'newsdesk_sid';
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

  /** A fresh session with new random id and CSRF token. */
  create(authed = false): Session {
    if (this.byId.size >= MAX_SESSIONS) this.prune();
    const s: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), authed, seenAt: this.clock() };
    this.byId.set(s.id, s);
    return s;
  }

  /** Ends a session. */
  drop(id: string): void { this.byId.delete(id); }

  private prune(): void {
    const byAge = [...this.byId.values()].sort((a, b) => a.seenAt - b.seenAt);
    for (const s of byAge.slice(0, Math.ceil(byAge.length / 2))) this.byId.delete(s.id);
  }
}
