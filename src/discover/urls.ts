/** True when the text parses as an absolute URL on its own. */
export function isAbsoluteUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) && URL.canParse(text);
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}

// Characters no real link carries unescaped: what is left of markup pasted into a link field.
function isGarbageHref(href: string): boolean {
  return /["<>]/.test(href);
}

/**
 * Resolves `href` against `base`. With no usable base a relative href is returned as it is
 * (the caller has nothing to resolve it against); null for empty or unparseable input.
 */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  const h = (href ?? '').trim();
  if (h === '' || isGarbageHref(h)) return null;
  if (isAbsoluteUrl(h)) return new URL(h).href;
  if (base && isAbsoluteUrl(base)) {
    try {
      return new URL(h, base).href;
    } catch {
      return null;
    }
  }
  return h;
}

/** Combines nested xml:base values (outermost first) on top of a starting URL. */
export function chainBase(start: string | null, ...bases: (string | null | undefined)[]): string | null {
  let current = start;
  for (const b of bases) {
    if (!b || b.trim() === '') continue;
    const next = resolveUrl(b, current);
    if (next && isAbsoluteUrl(next)) current = next;
  }
  return current;
}

/** A link a crawler can follow: http(s) after resolution, or still relative because no base was known. */
export function usableLink(link: string | null): string | null {
  if (!link) return null;
  // Markup that leaked into a <link> (`href="http://…`), even after a parser resolved it against the channel link.
  if (/\b(?:href|src)=(?:"|%22|')/i.test(link)) return null;
  if (isHttpUrl(link)) return link;
  if (isAbsoluteUrl(link)) return null; // mailto:, javascript:, tag:, urn: …
  return link;
}
