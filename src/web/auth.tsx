import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Env, WebDeps } from './deps.js';
import { sameSecret, type SessionStore } from './session.js';
import { clearSessionCookie, setSessionCookie } from './security.js';
import { LoginPage } from './views/login.js';

/** Wrong passwords from one client: each one doubles the wait before the next try is even checked. */
interface Failures { count: number; blockedUntil: number }
const MAX_BLOCK_MS = 15 * 60_000;

/** The client's address as the socket saw it (no proxy headers are trusted). */
export function clientIp(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Only a local path may be a redirect target after login. */
function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : '/';
}

/** Lets logged-in sessions through when a password is set; everyone else goes to the login page. */
export function requireLogin(deps: WebDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!deps.password || c.get('session')?.authed) return next();
    const path = c.req.path;
    if (path === '/login' || path.startsWith('/static/')) return next();
    if (c.req.method !== 'GET') return c.text('your session has ended — log in again', 401);
    const target = `/login?next=${encodeURIComponent(path + (new URL(c.req.url).search))}`;
    if (c.req.header('HX-Request')) { c.header('HX-Redirect', target); return c.body(null, 401); }
    return c.redirect(target, 303);
  };
}

/** GET/POST /login and POST /logout. */
export function authRoutes(deps: WebDeps, sessions: SessionStore): Hono<Env> {
  const app = new Hono<Env>();
  const failures = new Map<string, Failures>();
  const clock = () => deps.now().getTime();

  app.get('/login', (c) => {
    if (!deps.password || c.get('session')?.authed) return c.redirect('/', 303);
    return c.html(<LoginPage csrf={c.get('csrf')} next={safeNext(c.req.query('next'))} publication={deps.config.publication.name} />);
  });

  app.post('/login', async (c) => {
    if (!deps.password) return c.redirect('/', 303);
    const ip = clientIp(c);
    const body = await c.req.parseBody();
    const next = safeNext(body.next);
    const f = failures.get(ip);
    const page = (error: string, status: 401 | 429) =>
      c.html(<LoginPage csrf={c.get('csrf')} next={next} publication={deps.config.publication.name} error={error} />, status);
    if (f && clock() < f.blockedUntil) {
      const secs = Math.ceil((f.blockedUntil - clock()) / 1000);
      c.header('Retry-After', String(secs));
      return page(`Too many wrong passwords. Wait ${secs} s before trying again.`, 429);
    }
    const given = typeof body.password === 'string' ? body.password : '';
    if (!sameSecret(given, deps.password)) {
      const count = (f?.count ?? 0) + 1;
      failures.set(ip, { count, blockedUntil: clock() + Math.min(MAX_BLOCK_MS, 1000 * 2 ** (count - 1)) });
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
      await new Promise((r) => setTimeout(r, deps.loginFailDelayMs ?? 400));
      return page('Wrong password.', 401);
    }
    failures.delete(ip);
    // The session starts here, with a new id, so an id planted before it is worth nothing.
    sessions.drop(c.get('session')?.id);
    const s = sessions.create(true);
    if (!s) return c.text(`${sessions.size} editors are logged in, the most this desk keeps; log out elsewhere or restart the desk, then log in again.`, 503);
    setSessionCookie(c, s);
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    sessions.drop(c.get('session')?.id);
    clearSessionCookie(c);
    return c.redirect(deps.password ? '/login' : '/', 303);
  });
  return app;
}
