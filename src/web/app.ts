import { Hono } from 'hono';
import type { Env, WebDeps } from './deps.js';
import { SessionStore } from './session.js';
import { csrf, securityHeaders, sessions } from './security.js';
import { authRoutes, requireLogin } from './auth.js';
import { staticRoutes } from './static.js';
import { candidateRoutes } from './routes/candidates.js';
import { storyRoutes } from './routes/stories.js';
import { issueRoutes } from './routes/issues.js';
import { opsRoutes } from './routes/ops.js';
import { storyShapeRoutes } from './routes/shape.js';
import { createDrafter } from './draft.js';

/** Re-exported so callers need only this module. */
export type { WebDeps } from './deps.js';

/**
 * The editor's desk as a Hono app. Order matters: security headers wrap everything, then the
 * session (every visitor gets one for its CSRF token), the login gate, the CSRF check, the routes.
 */
export function createApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  const store = new SessionStore(() => deps.now().getTime());
  const drafter = createDrafter(deps);
  app.use('*', securityHeaders);
  app.route('/', staticRoutes());
  app.use('*', async (c, next) => { c.set('deps', deps); c.set('drafter', drafter); await next(); });
  app.use('*', sessions(store));
  app.use('*', requireLogin(deps));
  app.use('*', csrf);
  app.route('/', authRoutes(deps, store));
  app.route('/', candidateRoutes());
  app.route('/', storyRoutes());
  app.route('/', storyShapeRoutes());
  app.route('/', issueRoutes());
  app.route('/', opsRoutes());
  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log?.error({ stage: 'web', url: c.req.path }, err.stack ?? err.message);
    return c.text('Something went wrong on the server; the details are in its log. Reload the page to try again.', 500);
  });
  return app;
}
