import { Hono } from 'hono';
import type { Env, WebDeps } from './deps.js';
import { bodyLimit } from 'hono/body-limit';
import { CsrfSigner, SessionStore } from './session.js';
import { hostGuard } from './hosts.js';
import { csrf, securityHeaders, sessions } from './security.js';
import { authRoutes, requireLogin } from './auth.js';
import { staticRoutes } from './static.js';
import { candidateRoutes } from './routes/candidates.js';
import { storyRoutes } from './routes/stories.js';
import { issueRoutes } from './routes/issues.js';
import { opsRoutes } from './routes/ops.js';
import { storyShapeRoutes } from './routes/shape.js';
import { belowRoutes } from './routes/below.js';
import { createDrafter } from './draft.js';

/** Re-exported so callers need only this module. */
export type { WebDeps } from './deps.js';

/** The largest request body the desk reads (forms are a few KB; anything bigger is refused with 413 before parsing). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The editor's desk as a Hono app. Order matters: security headers wrap everything, then the Host check
 * (against DNS rebinding) and the 1 MB body limit run before any route, then the static files, the session
 * (only a login makes one; others get a signed CSRF cookie), the login gate, the CSRF check, the routes.
 */
export function createApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  const store = new SessionStore(() => deps.now().getTime());
  const drafter = createDrafter(deps);
  app.use('*', securityHeaders);
  app.use('*', hostGuard([...(deps.config.web?.allowed_hosts ?? []), ...(deps.allowedHosts ?? [])]));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text(
    'Request too large: the body is larger than 1 MB, the most the desk accepts. Shorten the text (a bullet is at most 4,000 characters) and try again.', 413) }));
  app.route('/', staticRoutes());
  app.use('*', async (c, next) => { c.set('deps', deps); c.set('drafter', drafter); await next(); });
  app.use('*', sessions(store, new CsrfSigner()));
  app.use('*', requireLogin(deps));
  app.use('*', csrf);
  app.route('/', authRoutes(deps, store));
  app.route('/', candidateRoutes());
  app.route('/', storyRoutes());
  app.route('/', storyShapeRoutes());
  app.route('/', issueRoutes());
  app.route('/', opsRoutes());
  app.route('/', belowRoutes());
  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log?.error({ stage: 'web', url: c.req.path }, err.stack ?? err.message);
    return c.text('Something went wrong on the server; the details are in its log. Reload the page to try again.', 500);
  });
  return app;
}
