/**
 * One name and one order per central body, from the agencies catalogue (_data/issuers.json):
 * letters print short forms (国家卫生健康委, 税务总局) and former names; the browse pages, the
 * search filters and the editions file each body once, under its official name. Pure.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import { byPinyin } from "../model/order.ts";

/** The official name for a printed name or short form (国家卫生健康委 → 国家卫生健康委员会); the printed name when the catalogue lacks it. */
export function canonicalAgency(name: string, agencies?: AgencyCatalogue): string {
  return agencies?.find(name)?.name ?? name;
}

/**
 * The catalogue's order (the State Council's own listing: its departments, then the
 * administrations, …), names it lacks after them in pinyin order; pinyin alone without a catalogue.
 */
export function agencyOrder(agencies?: AgencyCatalogue): (a: string, b: string) => number {
  const position = new Map((agencies?.agencies ?? []).map((agency, i) => [agency.name, i]));
  const rank = (name: string) => position.get(name) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => rank(a) - rank(b) || byPinyin(a, b);
}

/** The catalogue's kind of a body (国务院组成部门, 人民团体…), for grouping an overview; undefined when it is not listed. */
export function agencyKind(name: string, agencies?: AgencyCatalogue): string | undefined {
  return agencies?.find(name)?.kind;
}
