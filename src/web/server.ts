import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { Env } from './deps.js';

/** Hosts that only this machine can reach; any other bind needs NEWSDESK_PASSWORD. Other 127.x addresses are not exempt. */
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/** Is this bind address reachable only from this machine? */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host.replace(/^\[|\]$/g, '').toLowerCase());
}

/** The bind address cannot be used as asked (the CLI exits 2). */
export class BindRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindRefused';
  }
}

/** Refuses a non-loopback bind without a password; returns the password the app must then require (undefined = none). */
export function checkBind(host: string, password: string | undefined): string | undefined {
  if (isLoopback(host)) return password || undefined;
  if (!password) {
    throw new BindRefused(`refusing to listen on ${host} without a password: anyone who can reach this address could edit and publish. ` +
      'Set NEWSDESK_PASSWORD (editors then log in), or keep the default --host 127.0.0.1.');
  }
  return password;
}

/** A listening desk: its URL, and close() that stops accepting and ends open connections. */
export interface RunningServer { url: string; port: number; close(): Promise<void> }

/** Starts the HTTP server; resolves once it listens. */
export function listen(app: Hono<Env>, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () => new Promise((done) => {
          server.close(() => done());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once('error', onError);
  });
}
