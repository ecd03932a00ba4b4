import type { MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import type { Env } from './deps.js';

/** The name and port of a Host header ("[::1]:8080" → "::1", 8080); null when it is not a host at all. */
export function parseHost(header: string): { name: string; port: number | null } | null {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return null;
  const name = (m[1] ?? m[2]).toLowerCase().replace(/\.$/, '');
  return name ? { name, port: m[3] === undefined ? null : Number(m[3]) } : null;
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; other addresses normalized so they compare as strings. */
function sameAddress(a: string, b: string): boolean {
  try {
    const norm = (x: string) => { const p = ipaddr.parse(x); return (p.kind() === 'ipv6' && (p as ipaddr.IPv6).isIPv4MappedAddress() ? (p as ipaddr.IPv6).toIPv4Address() : p).toNormalizedString(); };
    return norm(a) === norm(b);
  } catch { return false; }
}

/**
 * Against DNS rebinding: answers only to its own names. Accepted: `localhost`, 127.0.0.1, [::1] and the address the
 * connection arrived on, each with the port it arrived on; and the operator's allowed names (any port, as behind a proxy).
 * Anything else gets 421 before any route, the login or the static files run.
 */
export function hostGuard(allowed: string[]): MiddlewareHandler<Env> {
  const names = new Set(allowed.map((n) => n.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean));
  return async (c, next) => {
    const header = c.req.header('Host') ?? new URL(c.req.url).host;
    const host = parseHost(header);
    const socket = (c.env as { incoming?: { socket?: { localAddress?: string; localPort?: number } } } | undefined)?.incoming?.socket;
    const port = host ? (host.port ?? 80) : null;
    const ownPort = !socket?.localPort || port === socket.localPort;
    const ok = host && (names.has(host.name) || (ownPort && (host.name === 'localhost' || sameAddress(host.name, '127.0.0.1')
      || sameAddress(host.name, '::1') || (!!socket?.localAddress && sameAddress(host.name, socket.localAddress)))));
    if (ok) return next();
    const name = host?.name ?? header;
    return c.text(`Misdirected request: this desk does not answer to the name "${name}". If you reach it under that name on purpose, ` +
      `start it with \`newsdesk serve --allowed-host ${name}\` or list the name under web.allowed_hosts in sources.yaml. ` +
      'Otherwise open it by the address it printed at start (e.g. http://127.0.0.1:PORT/).', 421);
  };
}
