/**
 * The browse dimensions of the site, one table entry each: which values a letter is filed
 * under, how the values are ordered and named, and how the overview page and each value's page
 * read. site-data.ts builds every dimension's pages with one loop. Pure.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import type { Letter } from "../model/letter.ts";
import { byPinyin, inFilingOrder, nameInitial, rolesOf } from "../model/order.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { personSlug, slug, uniqueSlugs } from "../model/ids.ts";
import { ASSEMBLIES, ASSEMBLY_ORDER, isGroupRole, type Assembly } from "../model/vocabulary.ts";
import { agencyKind, agencyOrder, canonicalAgency } from "../model/agencies.ts";
import type { Group } from "./listing.ts";

export interface Dimension {
  /** Listing kinds of the overview and of a value's page. */
  kinds: [string, string];
  /** /sessions/ */
  path: string;
  /** The overview's name in the breadcrumbs of a value's page. */
  crumb: string;
  /** Letters of a value in session-and-number order, or by date. */
  letterOrder: "session" | "date";
  keysOf(letter: Letter): string[];
  sortKeys(keys: string[]): string[];
  url(key: string): string;
  /** The value's name in links: a session's display name, 2020年, a person's name. */
  label(key: string): string;
  /** The value's entry on the overview page, when it says more than `label`. */
  overviewLabel?(key: string): string;
  overview(keys: string[], letterCount: number): { title: string; summary: string };
  /** How the overview groups its values (by term, by initial) — ids are anchors. */
  overviewGroups(keys: string[]): Group<string>[];
  detail(key: string, letters: Letter[]): {
    title: string;
    summary: string;
    showSession: boolean;
    /** Show the issuer in letter rows (default: when the archive has more than one). */
    showIssuer?: boolean;
    /** Offer this year's PDF volume on the page. */
    editionYear?: number;
    groups: "month" | "session" | "none";
  };
}

/** Items grouped by each key they give, keys in first-seen order, items in the order given. */
export function groupBy<T>(items: readonly T[], keysOf: (item: T) => Iterable<string>): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

const single = (id: string) => (keys: string[]): Group<string>[] => [{ id, entries: keys }];

export type Dimensions = [sessions: Dimension, years: Dimension, types: Dimension, issuers: Dimension, agencies: Dimension, people: Dimension];

/**
 * session, year, type, issuer, consulted agency, person — in this order (site-data.ts
 * destructures it). Issuers and consulted agencies are filed under their official names when
 * the agencies catalogue is given.
 */
export function browseDimensions(letters: readonly Letter[], catalogue: SessionCatalogue, agencyCatalogue?: AgencyCatalogue): Dimensions {
  const sessionById = new Map(catalogue.sessions.map((s) => [s.id, s]));
  const sessionOf = (id: string) => sessionById.get(id)!;
  // A delegation or party reads as words (解放军代表团 jie-fang-jun), a person's name from its surname (解 Xiè).
  const groups = new Set(letters.flatMap((l) => l.recipients.filter((r) => isGroupRole(r.role)).map((r) => r.name)));
  const personSlugs = uniqueSlugs(letters.flatMap((l) => l.recipients.map((r) => r.name)), (name) => (groups.has(name) ? slug(name) : personSlug(name)));
  const canonical = (name: string) => canonicalAgency(name, agencyCatalogue);
  // One slug per body, whether it issues or is consulted: /issuers/x/ and /agencies/x/ name the same body.
  const agencySlugs = uniqueSlugs(letters.flatMap((l) => [l.issuer, ...l.consulted]).map(canonical));
  const recipientByName = new Map(letters.flatMap((l) => l.recipients.map((r) => [r.name, r] as const)));
  const vocabulary = (assembly: string) => ASSEMBLIES[assembly as Assembly];
  const [npc, cppcc] = ASSEMBLY_ORDER.map((a) => ASSEMBLIES[a]) as [(typeof ASSEMBLIES)["npc"], (typeof ASSEMBLIES)["cppcc"]];

  const sessions: Dimension = {
    kinds: ["sessions", "session"],
    path: "/sessions/",
    crumb: "会议",
    letterOrder: "session",
    keysOf: (l) => [l.sessionEntry.id],
    sortKeys: (keys) => {
      const present = new Set(keys);
      return catalogue.sessions.filter((s) => present.has(s.id)).map((s) => s.id);
    },
    url: (id) => `/sessions/${id}/`,
    label: (id) => sessionOf(id).name,
    overview: (keys, count) => ({ title: "按会议浏览", summary: `${keys.length}次会议的${count}件答复，按会议先后排列。` }),
    overviewGroups: (keys) =>
      [...groupBy(keys, (id) => [`${sessionOf(id).assembly}-${sessionOf(id).term}`])].map(([id, ids]) => {
        const first = sessionOf(ids[0]!);
        return { id, heading: `${ASSEMBLIES[first.assembly].name}第${first.term}届`, entries: ids };
      }),
    detail: (id, list) => {
      const session = sessionOf(id);
      const type = ASSEMBLIES[session.assembly].proposalType;
      return {
        title: session.name,
        summary: `${session.year}年会议。本档案收录对这次会议${type}的答复${list.length}件，按${type}编号排列。`,
        showSession: false,
        editionYear: session.year,
        groups: "none",
      };
    },
  };

  const years: Dimension = {
    kinds: ["years", "year"],
    path: "/years/",
    crumb: "年份",
    letterOrder: "date",
    keysOf: (l) => [String(l.year)],
    sortKeys: (keys) => [...keys].sort((a, b) => Number(b) - Number(a)),
    url: (year) => `/years/${year}/`,
    label: (year) => `${year}年`,
    overview: (keys) => ({ title: "按年份浏览", summary: `答复日期分布在${keys.length}个年份。` }),
    overviewGroups: single("years"),
    detail: (year, list) => ({
      title: `${year}年的答复`,
      summary: `${year}年作出的答复${list.length}件，按答复日期排列。`,
      showSession: true,
      editionYear: Number(year),
      groups: "month",
    }),
  };

  const types: Dimension = {
    kinds: ["types", "type"],
    path: "/types/",
    crumb: "类型",
    letterOrder: "session",
    // Keyed by assembly: each assembly has one type of proposal (vocabulary.ts).
    keysOf: (l) => [l.assembly],
    sortKeys: (keys) => ASSEMBLY_ORDER.filter((a) => keys.includes(a)),
    url: (assembly) => `/types/${vocabulary(assembly).typeSlug}/`,
    label: (assembly) => vocabulary(assembly).proposalType,
    overviewLabel: (assembly) => `${vocabulary(assembly).proposalType}（${vocabulary(assembly).name}${vocabulary(assembly).role}）`,
    overview: () => ({
      title: "按类型浏览",
      summary: `${npc.name}${npc.role}${npc.proposalType}的答复与${cppcc.name}${cppcc.role}${cppcc.proposalType}的答复。`,
    }),
    overviewGroups: single("types"),
    detail: (assembly, list) => {
      const v = vocabulary(assembly);
      return { title: `${v.proposalType}的答复`, summary: `对${v.name}${v.role}${v.proposalType}的答复${list.length}件，按会议和编号排列。`, showSession: false, groups: "session" };
    },
  };

  const byCatalogue = agencyOrder(agencyCatalogue);
  const issuers: Dimension = {
    kinds: ["issuers", "issuer"],
    path: "/issuers/",
    crumb: "发文机关",
    letterOrder: "session",
    keysOf: (l) => [canonical(l.issuer)],
    sortKeys: (keys) => [...keys].sort(byCatalogue),
    url: (name) => `/issuers/${agencySlugs.get(name)}/`,
    label: (name) => name,
    overview: (keys, count) => ({
      title: "按发文机关浏览",
      summary: `${keys.length}个发文机关的${count}件答复${agencyCatalogue ? "，按国务院机构序列排列" : "，按拼音排列"}。`,
    }),
    // By the catalogue's kinds (国务院组成部门, 国务院直属机构, …), in the catalogue's order.
    overviewGroups: (keys) =>
      [...groupBy(keys, (name) => [agencyKind(name, agencyCatalogue) ?? "其他"])].map(([kind, names], i) => ({
        id: `k${i + 1}`, heading: agencyCatalogue ? kind : undefined, entries: names,
      })),
    detail: (name, list) => ({
      title: `${name}的答复`,
      summary: `${name}作出的答复${list.length}件，按会议和编号排列。`,
      showSession: false,
      showIssuer: false,
      groups: "session",
    }),
  };

  const agencies: Dimension = {
    kinds: ["agencies", "agency"],
    path: "/agencies/",
    crumb: "会商部门",
    letterOrder: "date",
    keysOf: (l) => l.consulted.map(canonical),
    sortKeys: (keys) => [...keys].sort(byPinyin),
    url: (name) => `/agencies/${agencySlugs.get(name)}/`,
    label: (name) => name,
    overview: (keys) => ({ title: "按会商部门浏览", summary: `答复中写明“经商”的${keys.length}个部门，按拼音排列。` }),
    overviewGroups: single("agencies"),
    detail: (name, list) => ({ title: `经商${name}的答复`, summary: `答复时经商${name}的${list.length}件，按答复日期排列。`, showSession: true, groups: "month" }),
  };

  const people: Dimension = {
    kinds: ["people", "person"],
    path: "/people/",
    crumb: "代表委员",
    letterOrder: "date",
    keysOf: (l) => l.recipients.map((r) => r.name),
    sortKeys: inFilingOrder,
    url: (name) => `/people/${personSlugs.get(name)}/`,
    label: (name) => name,
    overview: (keys) => {
      const bodies = keys.filter((name) => isGroupRole(recipientByName.get(name)!.role)).length;
      const persons = `${keys.length - bodies}位${npc.name}${npc.role}和${cppcc.name}${cppcc.role}`;
      return { title: "按代表委员浏览", summary: bodies ? `${persons}，${bodies}个${npc.groupRole}和${cppcc.groupRole}，按名称拼音排列。` : `${persons}，按姓名拼音排列。` };
    },
    overviewGroups: (keys) => {
      return [...groupBy(keys, (name) => [nameInitial(name)])].map(([initial, names]) => ({
        id: initial === "#" ? "other" : initial.toLowerCase(),
        heading: initial,
        entries: names,
      }));
    },
    detail: (name, list) => {
      // 李素萍代表, 李素萍代表、委员 (one person in both assemblies); a body by its name alone: 河北代表团.
      const roles = rolesOf(name, list);
      const named = roles.some(isGroupRole) ? name : `${name}${roles.join("、")}`;
      return { title: named, summary: `${named}收到的答复${list.length}件，按答复日期排列。`, showSession: true, groups: "none" };
    },
  };

  return [sessions, years, types, issuers, agencies, people];
}
