import { createHash } from 'node:crypto';

/** Texts shorter than this are too generic ("Access denied", cookie walls) to prove two pages are one article. */
export const MIN_HASHED_CHARS = 300;

/** A content hash of article text that ignores case, punctuation and whitespace; null for short texts. */
export function contentHash(text: string): string | null {
  const norm = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (norm.length < MIN_HASHED_CHARS) return null;
  return createHash('sha256').update(norm).digest('hex').slice(0, 32);
}
