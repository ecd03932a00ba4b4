// Text-level repairs for feed variants the parsers read wrongly or not at all. Each one is a no-op
// on feeds that do not need it, so they can run before every parse.

const ITEM_TAG = /<(\/?)((?:[\w-]+:)?(?:item|entry))(?=[\s>/])([^>]*)>|<\/(?:[\w-]+:)?(?:channel|rss|RDF|feed)\s*>/gi;

/**
 * Closes `<item>`/`<entry>` elements a publisher left open (the next one opens, or the channel
 * ends, first), so a parser does not nest the following items inside the first. Unchanged when
 * opens and closes already balance.
 */
export function closeOpenItems(text: string): string {
  const opens = text.match(/<(?:[\w-]+:)?(?:item|entry)(?=[\s>])[^>]*(?<!\/)>/gi)?.length ?? 0;
  const closes = text.match(/<\/(?:[\w-]+:)?(?:item|entry)\s*>/gi)?.length ?? 0;
  if (opens <= closes) return text;
  let open: string | null = null;
  return text.replace(ITEM_TAG, (tag: string, slash: string | undefined, name: string | undefined, rest: string | undefined) => {
    if (name === undefined) {
      // A container closes: close the item still open inside it.
      const before = open ? `</${open}>` : '';
      open = null;
      return before + tag;
    }
    if (slash) {
      open = null;
      return tag;
    }
    const before = open ? `</${open}>` : '';
    open = (rest ?? '').trimEnd().endsWith('/') ? null : name;
    return before + tag;
  });
}

/** An Atom entry document (root `<entry>`, RFC 4287 §4.1.2) wrapped in a feed, so it reads as a one-entry feed. */
export function wrapEntryDocument(text: string): string {
  const root = /^((?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|\s)*)<((?:([\w-]+):)?entry)([\s>])/i.exec(text);
  if (!root) return text;
  const prefix = root[3];
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(["'])(.*?)\\1`).exec(text.slice(root[0].length, root[0].length + 2000));
  const uri = ns?.[2] ?? 'http://www.w3.org/2005/Atom';
  const feed = prefix ? `${prefix}:feed` : 'feed';
  const xmlns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const start = root[1].length;
  return `${text.slice(0, start)}<${feed} ${xmlns}="${uri}">${text.slice(start)}</${feed}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const BASE64_ELEMENT = /<((?:[\w-]+:)?(?:title|subtitle|tagline|summary|content|info|copyright))([^>]*?)\smode\s*=\s*(["'])base64\3([^>]*)>([\s\S]*?)<\/\1\s*>/gi;

/** Atom 0.3 `mode="base64"` text decoded in place (as escaped text), since no parser reads that mode. */
export function decodeBase64Modes(text: string): string {
  if (!/mode\s*=\s*["']base64/i.test(text)) return text;
  return text.replace(BASE64_ELEMENT, (whole, name: string, before: string, _q: string, after: string, body: string) => {
    const data = body.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return whole;
    const decoded = Buffer.from(data, 'base64').toString('utf8');
    return `<${name}${before} mode="escaped"${after}>${escapeXml(decoded)}</${name}>`;
  });
}

const LINK_WITH_BASE = /<((?:[\w-]+:)?link)\b([^>]*?)\sxml:base\s*=\s*(["'])([^"']*)\3([^>]*)>/gi;

/** An absolute `xml:base` on a `<link>` element itself applied to its `href` (parsers read xml:base only on containers). */
export function applyLinkXmlBase(text: string): string {
  if (!/<(?:[\w-]+:)?link\b[^>]*\sxml:base/i.test(text)) return text;
  return text.replace(LINK_WITH_BASE, (whole, name: string, before: string, _q: string, base: string, after: string) => {
    const attrs = `${before}${after}`;
    const href = /\shref\s*=\s*(["'])([^"']*)\1/i.exec(attrs);
    const cleanBase = base.replace(/&amp;/g, '&').trim();
    if (!href || !URL.canParse(cleanBase) || !/^https?:/i.test(cleanBase)) return whole;
    const resolved = new URL(href[2].replace(/&amp;/g, '&').trim(), cleanBase).href;
    return `<${name}${attrs.replace(href[0], ` href="${escapeXml(resolved).replace(/"/g, '&quot;')}"`)}>`;
  });
}

const PROLOG = String.raw`(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|\s)*`;
const ATOM_ROOT = new RegExp(`^${PROLOG}<(?:[\\w-]+:)?feed[\\s>]`, 'i');

/** Atom links written as element text (`<link>URL</link>`, seen in Atom 0.3 feeds) turned into `href` links. */
export function atomTextLinks(text: string): string {
  if (!ATOM_ROOT.test(text)) return text;
  return text.replace(/<((?:[\w-]+:)?link)\s*>\s*([^<\s][^<]*?)\s*<\/\1\s*>/gi, (_whole, name: string, url: string) => `<${name} href="${url.replace(/"/g, '&quot;')}"/>`);
}
