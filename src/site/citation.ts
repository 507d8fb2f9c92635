/** The citation of a reply the site prints beside it. Pure. */
import type { Letter } from "../model/letter.ts";

/**
 * GB/T 7714-2015 reference for an online official document: the 文号 is the title's other
 * information; a summary without one is cited by its heading alone, which already names the
 * suggestion it answers. The access date ([引用日期]) belongs to the reader, not the build,
 * so it is left for them to add.
 */
export function gbtCitation(letter: Pick<Letter, "issuer" | "docNumber" | "date" | "parts">, absoluteUrl: string): string {
  const title = letter.docNumber ? `${letter.parts.heading}: ${letter.docNumber}` : letter.parts.heading;
  return `${letter.issuer}. ${title}[EB/OL]. (${letter.date}). ${absoluteUrl}.`;
}
