import type { FC } from 'hono/jsx';
import { Layout } from './layout.js';

/** The login form (only shown when the desk listens beyond loopback with NEWSDESK_PASSWORD set). */
export const LoginPage: FC<{ csrf: string; next: string; publication: string; error?: string }> = (p) => (
  <Layout title="Log in" tab="login" csrf={p.csrf} publication={p.publication}>
    <form method="post" action="/login" class="login panel">
      <h1>Log in to the desk</h1>
      {p.error && <p class="alert alert-error" role="alert">{p.error}</p>}
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="next" value={p.next} />
      <input type="text" name="username" value="editor" autocomplete="username" hidden />
      <label class="field">
        <span>Password</span>
        <input type="password" name="password" autocomplete="current-password" required autofocus />
      </label>
      <button type="submit" class="btn primary">Log in</button>
    </form>
  </Layout>
);
