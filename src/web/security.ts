import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Env } from './deps.js';
import { CSRF_COOKIE, SESSION_COOKIE, sameSecret, type CsrfSigner, type SessionStore, type Session } from './session.js';

/** No inline script or style anywhere: htmx and the keyboard script are files under /static. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Sets the security headers on every response. */
export const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  c.res.headers.set('Content-Security-Policy', CSP);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, which the origin check refuses.
  c.res.headers.set('Referrer-Policy', 'same-origin');
  c.res.headers.set('X-Frame-Options', 'DENY');
  c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

/** Sets the session cookie: HttpOnly, SameSite=Strict, whole site. */
export function setSessionCookie(c: Parameters<MiddlewareHandler<Env>>[0], s: Session): void {
  setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', path: '/' });
}

/** Ends the session cookie (at logout). */
export function clearSessionCookie(c: Parameters<MiddlewareHandler<Env>>[0]): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Finds the browser's session (only a login makes one) and its CSRF token. A visitor without a session gets
 * no server state: a random nonce in a cookie, and the token is its HMAC (so a flood of visitors costs no memory).
 */
export function sessions(store: SessionStore, signer: CsrfSigner): MiddlewareHandler<Env> {
  return async (c, next) => {
    const s = store.get(getCookie(c, SESSION_COOKIE)) ?? null;
    c.set('session', s);
    if (s) c.set('csrf', s.csrf);
    else {
      let nonce = getCookie(c, CSRF_COOKIE);
      if (!nonce || !/^[\w-]{43}$/.test(nonce)) {
        nonce = signer.nonce();
        setCookie(c, CSRF_COOKIE, nonce, { httpOnly: true, sameSite: 'Strict', path: '/' });
      }
      c.set('csrf', signer.token(nonce));
    }
    await next();
  };
}

function originHost(origin: string): string | null {
  try { return new URL(origin).host; } catch { return null; }
}

/** Name of the hidden form field and of the htmx header carrying the CSRF token. */
export const CSRF_FIELD = '_csrf';
/** Header htmx sends (set through hx-headers on <body>). */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Every request that may change something must be a POST carrying the session's token; other
 * methods than GET/HEAD/POST are refused outright. A foreign Origin is refused too.
 */
export const csrf: MiddlewareHandler<Env> = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD') return next();
  if (method !== 'POST') return c.text('method not allowed', 405);
  const origin = c.req.header('Origin');
  const host = c.req.header('Host');
  if (origin && host && originHost(origin) !== host) return c.text('forbidden: cross-origin request', 403);
  let token = c.req.header(CSRF_HEADER);
  if (!token) {
    const type = c.req.header('Content-Type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      const v = body[CSRF_FIELD];
      token = typeof v === 'string' ? v : undefined;
    }
  }
  if (!token || !sameSecret(token, c.get('csrf'))) {
    return c.text('forbidden: missing or wrong CSRF token — reload the page and try again', 403);
  }
  return next();
};
