import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Env } from './deps.js';

const require = createRequire(import.meta.url);
const STATIC_DIR = new URL('./static/', import.meta.url);

/** The assets, read once: our stylesheet and keyboard script, and htmx from its npm package (no CDN). */
function assets(): Map<string, { body: string; type: string }> {
  const file = (name: string) => readFileSync(new URL(name, STATIC_DIR), 'utf8');
  return new Map([
    ['app.css', { body: file('app.css'), type: 'text/css; charset=utf-8' }],
    ['app.js', { body: file('app.js'), type: 'text/javascript; charset=utf-8' }],
    ['htmx.min.js', { body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'), type: 'text/javascript; charset=utf-8' }],
  ]);
}

/** GET /static/:name for the three assets. */
export function staticRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  const files = assets();
  app.get('/static/:name', (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return c.text('not found', 404);
    return c.body(f.body, 200, { 'Content-Type': f.type, 'Cache-Control': 'no-cache' });
  });
  return app;
}
