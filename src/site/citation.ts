/** The citation of a reply the site prints beside it. Pure. */
import type { Letter } from "../model/letter.ts";

/**
 * GB/T 7714-2015 reference for an online official document. The access date ([引用日期])
 * belongs to the reader, not the build, so it is left for them to add.
 */
export function gbtCitation(letter: Pick<Letter, "issuer" | "docNumber" | "date" | "parts">, absoluteUrl: string): string {
  return `${letter.issuer}. ${letter.parts.heading}: ${letter.docNumber}[EB/OL]. (${letter.date}). ${absoluteUrl}.`;
}
