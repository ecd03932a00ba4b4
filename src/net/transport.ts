import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError, networkError, parseError, timeoutError, tooLargeError } from './errors.js';

/** One HTTP GET on the wire: no redirects, no retries, no politeness (the caller does those). */
export interface Exchange {
  url: URL;
  headers: Record<string, string>;
  /** Addresses already checked by the guard; the socket must go to one of these. */
  addresses: string[] | null;
  timeoutMs: number;
  maxBytes: number;
  agents: { http: http.Agent; https: https.Agent };
  /** Aborts when the fetcher closes. */
  signal: AbortSignal;
  /** Called once the request has been handed to the socket. */
  onSent?: () => void;
  /** Called when the response headers have come (the server has taken the request in). */
  onAnswered?: () => void;
}

/** Status, headers and the decompressed body (empty unless 2xx). */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Body bytes read off the socket, before decompression. */
  wireBytes: number;
}

/** Bytes of a non-2xx body we read (and drop) so the connection can be reused. */
const DRAIN_LIMIT = 64 * 1024;

/** Sends one GET and reads its body within the time and size budget. */
export async function exchange(x: Exchange): Promise<RawResponse> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; abort.abort(); }, x.timeoutMs);
  const onClose = () => abort.abort();
  x.signal.addEventListener('abort', onClose, { once: true });
  let req: http.ClientRequest | undefined;
  try {
    const sent = send(x, abort.signal);
    req = sent.req;
    const res = await sent.response;
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) {
      const wireBytes = await drain(res, abort.signal);
      return { status, headers: res.headers, body: Buffer.alloc(0), wireBytes };
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > x.maxBytes) throw tooLargeError(x.url.href, x.maxBytes, declared);
    const { body, wireBytes } = await readBody(res, x, abort.signal);
    return { status, headers: res.headers, body, wireBytes };
  } catch (err) {
    req?.destroy(); // never leave a half-read socket in the pool
    if (timedOut) throw timeoutError(x.url.href, x.timeoutMs);
    if (err instanceof FetchError) throw err;
    if (x.signal.aborted) throw networkError(x.url.href, new Error('the fetcher was closed'));
    if (isZlibError(err)) throw parseError(x.url.href, err);
    throw networkError(x.url.href, err);
  } finally {
    clearTimeout(timer);
    x.signal.removeEventListener('abort', onClose);
  }
}

function send(x: Exchange, signal: AbortSignal): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  const https_ = x.url.protocol === 'https:';
  const req = (https_ ? https : http).request(x.url, {
    method: 'GET',
    headers: x.headers,
    agent: https_ ? x.agents.https : x.agents.http,
    lookup: x.addresses ? pinnedLookup(x.addresses) : undefined,
    signal,
  });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', (res) => { x.onAnswered?.(); resolve(res); });
    req.on('error', reject); // stays attached: later socket errors surface through the body stream
  });
  if (x.onSent) onWire(req, x.onSent);
  req.end();
  return { req, response };
}

// 'finish' alone fires while a new socket is still connecting, with the request only
// buffered; the server sees it after the handshake. Wait for both, so the per-host gap
// is anchored as close as we can get to the moment the server receives the request.
function onWire(req: http.ClientRequest, sent: () => void): void {
  let finished = false;
  let connected = false;
  const check = () => { if (finished && connected) sent(); };
  req.once('finish', () => { finished = true; check(); });
  req.once('socket', (socket) => {
    if (!socket.connecting) { connected = true; check(); return; }
    socket.once('connect', () => { connected = true; check(); });
  });
}

// Hands Node the addresses the guard approved instead of asking DNS a second time,
// which closes the window for a rebinding answer that points inside the network.
function pinnedLookup(addresses: string[]): LookupFunction {
  return (_host, options, callback) => {
    let list = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
    if (options.family === 4 || options.family === 6) list = list.filter((a) => a.family === options.family);
    if (list.length === 0) {
      callback(Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      callback(null, list);
    } else {
      callback(null, list[0].address, list[0].family);
    }
  };
}

function decoders(encodingHeader: string | undefined, url: string): NodeJS.ReadWriteStream[] {
  const codings = (encodingHeader ?? '').split(',').map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
  // Codings are listed in the order they were applied; undo them last-first.
  return codings.reverse().map((c) => {
    if (c === 'gzip' || c === 'x-gzip') return zlib.createGunzip();
    if (c === 'deflate') return zlib.createInflate();
    if (c === 'br') return zlib.createBrotliDecompress();
    throw parseError(url, new Error(`unsupported Content-Encoding "${c}"`));
  });
}

// Counts both the wire bytes and the decompressed bytes against max_bytes and stops
// at the first chunk over the limit: the pipeline then destroys the response and its
// socket, so neither a huge body nor a small gzip bomb is ever held in memory.
async function readBody(res: http.IncomingMessage, x: Exchange, signal: AbortSignal):
  Promise<{ body: Buffer; wireBytes: number }> {
  let wireBytes = 0;
  let size = 0;
  const chunks: Buffer[] = [];
  const tooLarge = () => tooLargeError(x.url.href, x.maxBytes);
  const countWire = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      wireBytes += chunk.length;
      if (wireBytes > x.maxBytes) throw tooLarge();
      yield chunk;
    }
  };
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > x.maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  };
  const stages = [res, countWire, ...decoders(res.headers['content-encoding'], x.url.href), collect];
  // The typed overloads of pipeline() cannot express a variable-length chain.
  await (pipeline as (streams: unknown[], opts: { signal: AbortSignal }) => Promise<void>)(stages, { signal });
  return { body: Buffer.concat(chunks, size), wireBytes };
}

// Reads and drops a small error/redirect body so keep-alive can reuse the socket;
// anything larger, slower or broken just costs us the socket.
async function drain(res: http.IncomingMessage, signal: AbortSignal): Promise<number> {
  let bytes = 0;
  try {
    for await (const chunk of res) {
      bytes += (chunk as Buffer).length;
      if (bytes > DRAIN_LIMIT || signal.aborted) break;
    }
  } catch {
    // The status is what we came for.
  }
  if (!res.complete) res.destroy();
  return bytes;
}

function isZlibError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  return code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || (err as Error)?.message === 'unexpected end of file';
}
