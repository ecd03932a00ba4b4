/**
 * Family names written in capitals ("Mr. NAKAZONO Keiji", "Minister MUTO Yoji"), as Japanese government
 * releases write them, normalised to the way the story writes the name elsewhere (pure).
 *
 * A name is a capitalised family name next to one title-case given name, and not followed by another
 * capitalised word (so "JETRO Overseas Research Department" is an organisation, left alone). When any
 * source writes the two words in title case in the other order ("Keiji Nakazono"), that order is used;
 * otherwise the written order is kept in title case ("Nakazono Keiji"). Words with fewer than two vowels
 * (USS, JGSDF, NHK) and a short list of pronounceable acronyms (NATO, JETRO) are never names.
 */

const ACRONYMS = new Set(['NATO', 'NASA', 'JAXA', 'JETRO', 'TEPCO', 'JERA', 'ASEAN', 'OPEC', 'JICA', 'JBIC', 'AUKUS', 'QUAD',
  'NMESIS', 'AMRAAM', 'TOMODACHI', 'RIMPAC', 'UNESCO', 'UNICEF', 'OECD', 'APEC', 'COVID', 'SEATO', 'INDOPACOM']);
// CAPS Given (family first) or Given CAPS (given first; a given name may be hyphenated: "LEE Jae-myung"), ending before a non-capitalised word or punctuation.
const FAMILY_FIRST = /\b(\p{Lu}{3,})\s+(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)(?=$|[,.;:)]|\s+(?:\p{Ll}|[(\d]|$))/gu;
const GIVEN_FIRST = /(?<=\b(?:Mr|Ms|Mrs|Dr)\.\s+)(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)\s+(\p{Lu}{3,})\b/gu;

const titleCase = (w: string): string => w.charAt(0) + w.slice(1).toLowerCase();
// Japanese family names have two vowels or more (MUTO, KANO, NAKAZONO); USS, HMS, JGSDF, NHK have fewer.
const isName = (caps: string): boolean => !ACRONYMS.has(caps) && (caps.match(/[AEIOU]/g)?.length ?? 0) >= 2 && /[^AEIOU]/.test(caps) && !/^[IVXLC]+$/.test(caps);

/** Maps each capitalised name found in `texts` ("NAKAZONO Keiji") to its normal form ("Keiji Nakazono"). */
export function nameForms(texts: string[]): Map<string, string> {
  const all = texts.join('\n');
  const forms = new Map<string, string>();
  const add = (written: string, family: string, given: string, familyFirst: boolean) => {
    const fam = titleCase(family);
    const westernWritten = new RegExp(`\\b${given}\\s+${fam}\\b`).test(all);
    const easternWritten = new RegExp(`\\b${fam}\\s+${given}\\b`).test(all);
    const order = westernWritten && !easternWritten ? `${given} ${fam}` : easternWritten && !westernWritten ? `${fam} ${given}`
      : familyFirst ? `${fam} ${given}` : `${given} ${fam}`;
    forms.set(written, order);
  };
  for (const m of all.matchAll(FAMILY_FIRST)) if (isName(m[1])) add(m[0], m[1], m[2], true);
  for (const m of all.matchAll(GIVEN_FIRST)) if (isName(m[2])) add(m[0], m[2], m[1], false);
  return forms;
}

/** Rewrites every capitalised name of `forms` in `text`, and a lone capitalised family name ("MUTO said") too. */
export function normaliseNames(text: string, forms: Map<string, string>): string {
  let out = text;
  for (const [written, normal] of forms) {
    out = out.split(written).join(normal);
    const family = written.split(/\s+/).find((w) => /^\p{Lu}{3,}$/u.test(w))!;
    out = out.replace(new RegExp(`\\b${family}\\b`, 'g'), titleCase(family));
  }
  return out;
}
