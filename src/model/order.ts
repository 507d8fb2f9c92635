/** Orderings shared by the site and the PDF edition. Pure. */
import type { Letter } from "./letter.ts";
import type { SessionCatalogue } from "./sessions.ts";
import { ZH_COLLATOR } from "./chinese.ts";

/** Catalogue order of sessions, then proposal number, then 文号. */
export function bySessionAndNumber(catalogue: SessionCatalogue) {
  const rank = new Map(catalogue.sessions.map((s, i) => [s.name, i]));
  return (a: Letter, b: Letter): number =>
    (rank.get(a.session) ?? 1e9) - (rank.get(b.session) ?? 1e9) ||
    Number(a.proposalNumber) - Number(b.proposalNumber) ||
    a.docNumber.localeCompare(b.docNumber);
}

/** Newest reply first; same day: by 文号. */
export function byDateDescending(a: Letter, b: Letter): number {
  return b.date.localeCompare(a.date) || a.docNumber.localeCompare(b.docNumber);
}

/** Pinyin order of Chinese names (Intl.Collator zh-CN). */
export function byPinyin(a: string, b: string): number {
  return ZH_COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
