import { promises as dns } from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { badUrlError, privateAddressError } from './errors.js';

/** Parses an absolute http(s) URL or throws FetchError `bad_url`. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badUrlError(raw, 'it is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badUrlError(raw, `the scheme "${url.protocol.replace(/:$/, '')}" is not fetched`);
  }
  if (!url.hostname) throw badUrlError(raw, 'it has no host');
  return url;
}

/** The hostname without IPv6 brackets, as DNS and net.isIP expect it. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Names the special range an IP address falls in (loopback, private, linkLocal, ...),
 * or returns null for an ordinary public unicast address.
 */
export function forbiddenRange(ip: string): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return 'unparsable';
  }
  // ::ffff:10.0.0.1 reaches 10.0.0.1, so judge the IPv4 address inside.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  // Allow-list rather than deny-list: every named range (loopback, private, linkLocal,
  // carrierGradeNat, uniqueLocal, multicast, reserved, NAT64, 6to4, ...) is refused.
  const range = addr.range();
  return range === 'unicast' ? null : range;
}

/** Resolves a hostname to its IP addresses (all families). */
export async function systemLookup(host: string): Promise<string[]> {
  const found = await dns.lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Resolves the URL's host and checks every address. Returns the addresses to connect to
 * (so the connection goes where we checked, not to a second, rebound DNS answer).
 * Throws FetchError `private_address` when any address is not public.
 */
export async function resolveGuarded(url: URL, lookup: (host: string) => Promise<string[]>,
  allowPrivate: boolean, rangeOf: (ip: string) => string | null = forbiddenRange): Promise<string[]> {
  const host = bareHostname(url);
  const addresses = net.isIP(host) ? [host] : await lookup(host);
  if (!allowPrivate) {
    for (const a of addresses) {
      const range = rangeOf(a);
      if (range) throw privateAddressError(url.href, host, a, range);
    }
  }
  return addresses;
}
