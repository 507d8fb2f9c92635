/** Orderings and filing shared by the site, the search index and the PDF edition. Pure. */
import { pinyin } from "pinyin-pro";
import type { Letter } from "./letter.ts";
import { ZH_COLLATOR } from "./chinese.ts";

/** Catalogue order of sessions, then proposal number, then id (co-handling replies to one suggestion). */
export function bySessionAndNumber(a: Letter, b: Letter): number {
  return a.sortKey.session - b.sortKey.session || a.sortKey.number - b.sortKey.number || a.id.localeCompare(b.id);
}

/** Oldest reply first; same day: by id. */
export function byDate(a: Letter, b: Letter): number {
  return a.date.localeCompare(b.date) || a.id.localeCompare(b.id);
}

/** Newest reply first; same day: by id. */
export function byDateDescending(a: Letter, b: Letter): number {
  return b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
}

/** Pinyin order of Chinese names (Intl.Collator zh-CN). */
export function byPinyin(a: string, b: string): number {
  return ZH_COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The capital initial a name is filed under, reading its first character as a surname
 * (单 → S, not D; 曾 → Z); # for a name that has no pinyin reading.
 */
export function nameInitial(name: string): string {
  const first = pinyin(name, { surname: "head", pattern: "first", toneType: "none", type: "array" })[0] ?? "";
  const letter = first.charAt(0).toUpperCase();
  return /^[A-Z]$/.test(letter) ? letter : "#";
}

/**
 * Names in the order an index files them: by initial (nameInitial), then in pinyin order.
 * The collator reads 单 as dān, the surname reading is Shàn: sorting by pinyin alone would
 * put 单磊 among the D names of the S group's neighbours.
 */
export function inFilingOrder(names: Iterable<string>): string[] {
  return [...names]
    .map((name) => ({ name, initial: nameInitial(name) }))
    .sort((a, b) => (a.initial < b.initial ? -1 : a.initial > b.initial ? 1 : byPinyin(a.name, b.name)))
    .map((entry) => entry.name);
}

/** The roles a name holds across letters (代表, 委员, or both), in first-seen order. */
export function rolesOf(name: string, letters: Iterable<Pick<Letter, "recipients">>): string[] {
  const roles = new Set<string>();
  for (const letter of letters) for (const r of letter.recipients) if (r.name === name) roles.add(r.role);
  return [...roles];
}
