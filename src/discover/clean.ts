// Characters XML 1.0 forbids outright; one of them makes a strict parser give up on the whole feed.
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the text (after a BOM and whitespace) starts like a JSON document. */
export function looksLikeJson(text: string): boolean {
  return /^[\ufeff\s]*[{[]/.test(text);
}

/**
 * Repairs what stops XML parsers before they start: a byte-order mark, junk before `<?xml`
 * (or before the first tag) and characters XML forbids.
 */
export function cleanFeedText(text: string): string {
  let s = text.replace(/^\ufeff+/, '');
  if (looksLikeJson(s)) return s.trim();
  // Cut to the XML declaration, a prolog construct or the feed's root tag, whichever comes first,
  // so a PHP warning or stray text before it is dropped but `<?xml` quoted inside an item is not.
  const start = /<(?:\?xml|!DOCTYPE|!--|(?:[\w-]+:)?(?:rss|feed|RDF)[\s>])/i.exec(s)?.index ?? s.indexOf('<');
  if (start > 0) s = s.slice(start);
  // A `<` that cannot start a tag ("a < b", "<3") is text a publisher forgot to escape.
  return s.replace(ILLEGAL_XML_CHARS, '').replace(/<(?=[\s\d=<&]|$)/g, '&lt;');
}

/** How many item or entry start tags the text holds (a rough count, to notice lost items). */
export function countEntryTags(text: string): number {
  // Comments and CDATA often mention <item> or <entry> (feed templates, embedded markup) without being one.
  const markup = text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, '');
  return markup.match(/<(?:[\w-]+:)?(?:item|entry)[\s>/]/gi)?.length ?? 0;
}

/** The xml:base on an RSS `<channel>` (feedsmith reads it only from `<rss>`), or null. */
export function channelXmlBase(text: string): string | null {
  const m = /<channel\b[^>]*?\sxml:base\s*=\s*(["'])(.*?)\1/i.exec(text.slice(0, 20_000));
  return m ? m[2].replace(/&amp;/g, '&').trim() || null : null;
}
