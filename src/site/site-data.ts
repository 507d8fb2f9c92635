/**
 * Everything the site's templates need, computed once from the validated archive:
 * letter pages with prev/next, groupings (session, year, type, agency, person), paginated
 * listings, the timeline and home-page figures. Linear in the number of letters. Pure.
 */
import { pinyin } from "pinyin-pro";
import type { Letter, RelatedDocument } from "../model/letter.ts";
import type { Session, SessionCatalogue } from "../model/sessions.ts";
import { slug, uniqueSlugs } from "../model/ids.ts";
import { byDateDescending, byPinyin, bySessionAndNumber } from "../model/order.ts";
import { CitationLinker } from "./citations.ts";
import { fillMonths, monthlyChart } from "./chart.ts";
import { paginateGroups, type Group, type GroupIndexEntry, type ListingPage } from "./listing.ts";
import {
  chineseMonth, fullReference, gbtCitation, recipientNames,
} from "./letter-text.ts";
import { replyTitle, salutation, shortReference } from "../model/titles.ts";
import { formatChineseDate } from "../model/chinese.ts";

export interface SiteSettings {
  title: string;
  shortTitle?: string;
  description?: string;
  url: string;
  pathPrefix?: string;
  license?: string;
}

export interface Link {
  url: string;
  label: string;
}

export interface LetterPage {
  id: string;
  url: string;
  letter: Letter;
  heading: string;
  salutation: string;
  dateText: string;
  shortRef: string;
  fullRef: string;
  names: string;
  session: Link & { id: string };
  year: Link;
  type: Link;
  recipients: (Link & { role: string })[];
  consulted: Link[];
  cites: Link[];
  previous?: Link;
  next?: Link;
  citation: string;
  absoluteUrl: string;
}

export interface DocumentPage {
  id: string;
  url: string;
  document: RelatedDocument;
  dateText: string;
  citedBy: Link[];
}

export type Entry =
  | { kind: "letter"; page: LetterPage }
  | { kind: "link"; url: string; label: string; count: number };

export interface MonthTableRow {
  year: number;
  cells: { month: number; count: number; url?: string }[];
  total: number;
}

export interface SiteListingPage extends ListingPage<Entry> {
  kind: "sessions" | "session" | "years" | "year" | "types" | "type" | "agencies" | "agency" | "people" | "person" | "documents" | "timeline";
  title: string;
  heading: string;
  summary: string;
  crumbs: Link[];
  /** Show the session in letter rows (not needed on a session's own page). */
  showSession: boolean;
  /** Year whose PDF edition this page should offer, once it exists. */
  editionYear?: number;
  chart?: string;
  monthTable?: MonthTableRow[];
}

export interface YearCount {
  year: number;
  url: string;
  npc: number;
  cppcc: number;
  total: number;
}

export interface SiteData {
  settings: SiteSettings;
  /** Absolute base of the site: url + pathPrefix, without the trailing slash. */
  baseUrl: string;
  letters: LetterPage[];
  documents: DocumentPage[];
  listings: SiteListingPage[];
  home: {
    counts: YearCount[];
    totals: { npc: number; cppcc: number; total: number; documents: number; sessions: number; people: number; agencies: number };
    latest: Entry[];
  };
  /** Every HTML page, prefix-less, for the sitemap. */
  pageUrls: string[];
  /** Newest first, for the Atom feed. */
  feed: LetterPage[];
}

export const LETTERS_PER_PAGE = 200;
export const NAMES_PER_PAGE = 800;
const FEED_SIZE = 50;
const LATEST_ON_HOME = 10;

const ASSEMBLY_LABEL = { npc: "全国人大", cppcc: "全国政协" } as const;
const TYPE_SLUG: Record<string, string> = { 建议: "jianyi", 提案: "tian" };

export function letterUrl(letter: Pick<Letter, "year" | "id">): string {
  return `/letters/${letter.year}/${letter.id}/`;
}

export function documentUrl(document: Pick<RelatedDocument, "year" | "id">): string {
  return `/documents/${document.year}/${document.id}/`;
}

export function absoluteBase(settings: SiteSettings): string {
  const prefix = normalizePrefix(settings.pathPrefix);
  return `${settings.url.replace(/\/+$/, "")}${prefix}`.replace(/\/$/, "");
}

/** "" or "sub" or "/sub/" → "/" or "/sub/". */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** First letter of a name's pinyin, surname readings for the first character (单 → S). */
export function pinyinInitial(name: string): string {
  const first = pinyin(name, { surname: "head", pattern: "first", toneType: "none", type: "array" })[0] ?? "";
  const letter = first.charAt(0).toUpperCase();
  return /^[A-Z]$/.test(letter) ? letter : "#";
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export function buildSiteData(
  letters: readonly Letter[],
  documents: readonly RelatedDocument[],
  catalogue: SessionCatalogue,
  settings: SiteSettings,
): SiteData {
  const baseUrl = absoluteBase(settings);
  const sessionOf = (letter: Letter): Session => {
    const session = catalogue.find(letter.session);
    if (!session) throw new Error(`${letter.file}: session “${letter.session}” is not in the catalogue`);
    return session;
  };

  const personSlugs = uniqueSlugs(letters.flatMap((l) => l.recipients.map((r) => r.name)));
  const agencySlugs = uniqueSlugs(letters.flatMap((l) => l.consulted));
  const personUrl = (name: string) => `/people/${personSlugs.get(name)}/`;
  const agencyUrl = (name: string) => `/agencies/${agencySlugs.get(name)}/`;
  const sessionUrl = (session: Session) => `/sessions/${session.id}/`;
  const typeUrl = (type: string) => `/types/${TYPE_SLUG[type] ?? slug(type)}/`;
  const yearUrl = (year: number) => `/years/${year}/`;

  const linker = new CitationLinker(documents.map((d) => ({ title: d.title, url: documentUrl(d) })));

  const ordered = [...letters].sort(bySessionAndNumber(catalogue));
  const pages: LetterPage[] = ordered.map((letter) => {
    const session = sessionOf(letter);
    const url = letterUrl(letter);
    const absoluteUrl = `${baseUrl}${url}`;
    return {
      id: letter.id,
      url,
      letter,
      heading: replyTitle(letter),
      salutation: salutation(letter),
      dateText: formatChineseDate(letter.date),
      shortRef: shortReference(letter),
      fullRef: fullReference(letter),
      names: recipientNames(letter),
      session: { id: session.id, url: sessionUrl(session), label: session.name },
      year: { url: yearUrl(letter.year), label: `${letter.year}年` },
      type: { url: typeUrl(letter.proposalType), label: letter.proposalType },
      recipients: letter.recipients.map((r) => ({ url: personUrl(r.name), label: r.name, role: r.role })),
      consulted: letter.consulted.map((name) => ({ url: agencyUrl(name), label: name })),
      cites: linker.cited(letter.body).map((d) => ({ url: d.url, label: d.title })),
      citation: gbtCitation(letter, absoluteUrl),
      absoluteUrl,
    };
  });
  // Previous/next within a session: neighbours in the session-and-number order.
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i]!;
    const before = pages[i - 1];
    const after = pages[i + 1];
    if (before && before.session.id === page.session.id) page.previous = { url: before.url, label: before.shortRef };
    if (after && after.session.id === page.session.id) page.next = { url: after.url, label: after.shortRef };
  }

  const citedBy = new Map<string, Link[]>();
  for (const page of pages) {
    for (const doc of page.cites) {
      const list = citedBy.get(doc.url) ?? [];
      list.push({ url: page.url, label: page.heading });
      citedBy.set(doc.url, list);
    }
  }
  const documentPages: DocumentPage[] = [...documents]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((document) => ({
      id: document.id,
      url: documentUrl(document),
      document,
      dateText: formatChineseDate(document.date),
      citedBy: citedBy.get(documentUrl(document)) ?? [],
    }));

  const chronological = [...pages].sort((a, b) => a.letter.date.localeCompare(b.letter.date) || a.letter.docNumber.localeCompare(b.letter.docNumber));
  const newestFirst = [...pages].sort((a, b) => byDateDescending(a.letter, b.letter));
  const letterEntry = (page: LetterPage): Entry => ({ kind: "letter", page });
  const home: Link = { url: "/", label: "首页" };
  const listings: SiteListingPage[] = [];

  const addListing = (
    base: Omit<SiteListingPage, keyof ListingPage<Entry>>,
    url: string,
    groups: Group<Entry>[],
    perPage = LETTERS_PER_PAGE,
  ) => {
    const paged = paginateGroups(url, groups, perPage);
    paged.forEach((page, i) => {
      const suffix = page.pageCount > 1 ? `（第${page.pageNumber}页，共${page.pageCount}页）` : "";
      listings.push({ ...base, ...page, title: `${base.title}${suffix}`, chart: i === 0 ? base.chart : undefined, monthTable: i === 0 ? base.monthTable : undefined });
    });
  };

  const byMonth = (list: LetterPage[], idPrefix: string): Group<Entry>[] =>
    [...countBy(list, (p) => p.letter.date.slice(0, 7))].map(([month, items]) => ({
      id: `${idPrefix}${month}`,
      heading: chineseMonth(month),
      entries: items.map(letterEntry),
    }));

  // Sessions: catalogue order; each session's replies by proposal number.
  const bySession = countBy(pages, (p) => p.session.id);
  const sessionsWithLetters = catalogue.sessions.filter((s) => bySession.has(s.id));
  const sessionsCrumb: Link = { url: "/sessions/", label: "会议" };
  addListing(
    { kind: "sessions", title: "按会议浏览", heading: "按会议浏览", summary: `${sessionsWithLetters.length}次会议的${pages.length}件答复，按会议先后排列。`, crumbs: [home], showSession: true },
    "/sessions/",
    [...countBy(sessionsWithLetters, (s) => `${s.assembly}-${s.term}`)].map(([key, sessions]) => ({
      id: key,
      heading: `${ASSEMBLY_LABEL[sessions[0]!.assembly]}第${sessions[0]!.term}届`,
      entries: sessions.map((s) => ({ kind: "link" as const, url: sessionUrl(s), label: s.name, count: bySession.get(s.id)!.length })),
    })),
    NAMES_PER_PAGE,
  );
  for (const session of sessionsWithLetters) {
    const list = bySession.get(session.id)!;
    const type = session.assembly === "npc" ? "建议" : "提案";
    addListing(
      {
        kind: "session", title: session.name, heading: session.name,
        summary: `${session.year}年会议。本档案收录对这次会议${type}的答复${list.length}件，按${type}编号排列。`,
        crumbs: [home, sessionsCrumb], showSession: false, editionYear: session.year,
      },
      sessionUrl(session),
      [{ id: "replies", entries: list.map(letterEntry) }],
    );
  }

  // Years: by the date of the reply, newest year first on the overview, months in order within a year.
  const byYear = countBy(chronological, (p) => String(p.letter.year));
  const years = [...byYear.keys()].map(Number).sort((a, b) => b - a);
  const yearsCrumb: Link = { url: "/years/", label: "年份" };
  addListing(
    { kind: "years", title: "按年份浏览", heading: "按年份浏览", summary: `答复日期分布在${years.length}个年份。`, crumbs: [home], showSession: true },
    "/years/",
    [{ id: "years", entries: years.map((y) => ({ kind: "link" as const, url: yearUrl(y), label: `${y}年`, count: byYear.get(String(y))!.length })) }],
    NAMES_PER_PAGE,
  );
  for (const year of years) {
    const list = byYear.get(String(year))!;
    addListing(
      { kind: "year", title: `${year}年的答复`, heading: `${year}年的答复`, summary: `${year}年作出的答复${list.length}件，按答复日期排列。`, crumbs: [home, yearsCrumb], showSession: true, editionYear: year },
      yearUrl(year),
      byMonth(list, "m-"),
    );
  }

  // Types: 建议 (NPC) and 提案 (CPPCC), grouped by session.
  const byType = countBy(pages, (p) => p.letter.proposalType);
  const types = ["建议", "提案"].filter((t) => byType.has(t));
  const typesCrumb: Link = { url: "/types/", label: "类型" };
  addListing(
    { kind: "types", title: "按类型浏览", heading: "按类型浏览", summary: "全国人大代表建议的答复与全国政协委员提案的答复。", crumbs: [home], showSession: true },
    "/types/",
    [{ id: "types", entries: types.map((t) => ({ kind: "link" as const, url: typeUrl(t), label: t === "建议" ? "建议（全国人大代表）" : "提案（全国政协委员）", count: byType.get(t)!.length })) }],
    NAMES_PER_PAGE,
  );
  for (const type of types) {
    const list = byType.get(type)!;
    addListing(
      { kind: "type", title: `${type}的答复`, heading: `${type}的答复`, summary: `对${type === "建议" ? "全国人大代表建议" : "全国政协委员提案"}的答复${list.length}件，按会议和编号排列。`, crumbs: [home, typesCrumb], showSession: false },
      typeUrl(type),
      [...countBy(list, (p) => p.session.id)].map(([id, items]) => ({ id, heading: items[0]!.session.label, entries: items.map(letterEntry) })),
    );
  }

  // Consulted agencies (经商…), pinyin order.
  const byAgency = new Map<string, LetterPage[]>();
  for (const page of chronological) for (const name of page.letter.consulted) {
    const list = byAgency.get(name) ?? [];
    list.push(page);
    byAgency.set(name, list);
  }
  const agencies = [...byAgency.keys()].sort(byPinyin);
  const agenciesCrumb: Link = { url: "/agencies/", label: "会商部门" };
  addListing(
    { kind: "agencies", title: "按会商部门浏览", heading: "按会商部门浏览", summary: `答复中写明“经商”的${agencies.length}个部门，按拼音排列。`, crumbs: [home], showSession: true },
    "/agencies/",
    [{ id: "agencies", entries: agencies.map((name) => ({ kind: "link" as const, url: agencyUrl(name), label: name, count: byAgency.get(name)!.length })) }],
    NAMES_PER_PAGE,
  );
  for (const name of agencies) {
    const list = byAgency.get(name)!;
    addListing(
      { kind: "agency", title: `经商${name}的答复`, heading: `经商${name}的答复`, summary: `答复时经商${name}的${list.length}件，按答复日期排列。`, crumbs: [home, agenciesCrumb], showSession: true },
      agencyUrl(name),
      byMonth(list, "m-"),
    );
  }

  // Deputies and members, pinyin order, grouped by initial.
  const byPerson = new Map<string, LetterPage[]>();
  for (const page of chronological) for (const r of page.letter.recipients) {
    const list = byPerson.get(r.name) ?? [];
    list.push(page);
    byPerson.set(r.name, list);
  }
  const people = [...byPerson.keys()].sort(byPinyin);
  const initials = countBy(people, pinyinInitial);
  const peopleCrumb: Link = { url: "/people/", label: "代表委员" };
  addListing(
    { kind: "people", title: "按代表委员浏览", heading: "按代表委员浏览", summary: `${people.length}位全国人大代表和全国政协委员，按姓名拼音排列。`, crumbs: [home], showSession: true },
    "/people/",
    [...initials.keys()].sort().map((initial) => ({
      id: initial === "#" ? "other" : initial.toLowerCase(),
      heading: initial,
      entries: initials.get(initial)!.map((name) => ({ kind: "link" as const, url: personUrl(name), label: name, count: byPerson.get(name)!.length })),
    })),
    NAMES_PER_PAGE,
  );
  for (const name of people) {
    const list = byPerson.get(name)!;
    const roles = [...new Set(list.flatMap((p) => p.letter.recipients.filter((r) => r.name === name).map((r) => r.role)))].join("、");
    addListing(
      { kind: "person", title: `${name}${roles}`, heading: `${name}${roles}`, summary: `${name}${roles}收到的答复${list.length}件，按答复日期排列。`, crumbs: [home, peopleCrumb], showSession: true },
      personUrl(name),
      [{ id: "replies", entries: list.map(letterEntry) }],
    );
  }

  // Related documents.
  addListing(
    { kind: "documents", title: "相关文件", heading: "相关文件", summary: "答复中引用、本档案收录全文或节录的政策文件。", crumbs: [home], showSession: true },
    "/documents/",
    [{ id: "documents", entries: documentPages.map((d) => ({ kind: "link" as const, url: d.url, label: `${d.document.title}（${d.dateText}）`, count: d.citedBy.length })) }],
    NAMES_PER_PAGE,
  );

  // Timeline: every reply by year then month, oldest first, with a chart and a month table.
  const monthGroups = byMonth(chronological, "m-");
  const monthCounts = new Map(monthGroups.map((g) => [g.id.slice(2), g.entries.length]));
  const timelineFirst = paginateGroups("/timeline/", monthGroups, LETTERS_PER_PAGE)[0];
  const monthStart = new Map((timelineFirst?.groupIndex ?? []).map((g: GroupIndexEntry) => [g.url.split("#")[1]!.slice(2), g.url]));
  const monthTable: MonthTableRow[] = [...years].sort((a, b) => a - b).map((year) => {
    const cells = Array.from({ length: 12 }, (_, i) => {
      const key = `${year}-${String(i + 1).padStart(2, "0")}`;
      return { month: i + 1, count: monthCounts.get(key) ?? 0, url: monthStart.get(key) };
    });
    return { year, cells, total: cells.reduce((sum, c) => sum + c.count, 0) };
  });
  const months = fillMonths(monthCounts);
  addListing(
    {
      kind: "timeline", title: "时间线", heading: "时间线",
      summary: `${pages.length}件答复，按答复日期从早到晚排列。`,
      crumbs: [home], showSession: true,
      chart: monthlyChart(months, months.length ? `每月答复件数，${chineseMonth(months[0]!.month)}至${chineseMonth(months[months.length - 1]!.month)}，最多的一个月${Math.max(...months.map((m) => m.count))}件` : ""),
      monthTable,
    },
    "/timeline/",
    monthGroups,
  );

  const counts: YearCount[] = [...years].sort((a, b) => b - a).map((year) => {
    const list = byYear.get(String(year))!;
    const npc = list.filter((p) => p.letter.assembly === "npc").length;
    return { year, url: yearUrl(year), npc, cppcc: list.length - npc, total: list.length };
  });
  const npcTotal = pages.filter((p) => p.letter.assembly === "npc").length;

  const pageUrls = [
    "/", "/data/", "/search/",
    ...listings.map((l) => l.url),
    ...pages.map((p) => p.url),
    ...documentPages.map((d) => d.url),
  ];

  return {
    settings,
    baseUrl,
    letters: pages,
    documents: documentPages,
    listings,
    home: {
      counts,
      totals: { npc: npcTotal, cppcc: pages.length - npcTotal, total: pages.length, documents: documentPages.length, sessions: sessionsWithLetters.length, people: people.length, agencies: agencies.length },
      latest: newestFirst.slice(0, LATEST_ON_HOME).map(letterEntry),
    },
    pageUrls,
    feed: newestFirst.slice(0, FEED_SIZE),
  };
}
