import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** One outlet of the bundled corpus, served at the root of its own loopback host. */
export interface ServedOutlet { id: string; origin: string }

const TYPES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8', '.html': 'text/html', '.svg': 'image/svg+xml', '.json': 'application/json',
};
const PLACEHOLDER = Buffer.from('{{origin}}');

function replaceAll(buf: Buffer, needle: Buffer, value: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, from)) {
    parts.push(buf.subarray(from, at), value);
    from = at + needle.length;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

/**
 * Serves each outlet folder of data/samples on its own loopback address (127.0.0.10, .11, …), replacing
 * `{{origin}}` in the bytes (so a Shift_JIS page stays Shift_JIS) and answering conditional requests.
 */
export async function serveSamples(dir: string, outletIds: string[], firstHost = 10): Promise<{ outlets: ServedOutlet[]; close(): Promise<void> }> {
  const servers: http.Server[] = [];
  const outlets: ServedOutlet[] = [];
  for (const [i, id] of outletIds.entries()) {
    const root = join(dir, id);
    const host = `127.0.0.${firstHost + i}`;
    let origin = '';
    const server = http.createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
      let body: Buffer;
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        body = replaceAll(readFileSync(file), PLACEHOLDER, Buffer.from(origin));
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }).end(); return; }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', etag, 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, host, resolve); });
    origin = `http://${host}:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    outlets.push({ id, origin });
  }
  return {
    outlets,
    close: async () => { await Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))); },
  };
}
