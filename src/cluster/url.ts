/** Query parameters that only track a click and never change the page. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt\.mc_id|cmpid|ocid|smid|sr_share|share|ref_src|ref_url|spm|cid_source|__twitter_impression)$/i;

/**
 * Normalises an article URL into the key items are stored under: lower-case scheme and host,
 * no default port, no fragment, no tracking parameters, remaining parameters sorted, no trailing
 * slash on the path. Returns null for anything that is not an http(s) URL.
 */
export function normalizeUrl(raw: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '') || '/';
  // URL already lower-cases scheme and host and drops default ports.
  return u.toString();
}
