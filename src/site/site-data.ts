/**
 * Everything the site's templates need, computed once from the resolved archive: letter pages
 * with their links, prev/next and the other replies to the same suggestion, the browse
 * dimensions (browse.ts: session, year, type, issuer, agency, person), related documents, the
 * timeline, the home page's figures and the links to the PDF editions. Linear in the number of
 * letters. Pure.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import type { Contact, Letter, RelatedDocument } from "../model/letter.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { chineseMonth } from "../model/dates.ts";
import { editionFileName, epubFileName, recordFiles } from "../model/ids.ts";
import { partLabel } from "../model/wording.ts";
import { byDate, byDateDescending, bySessionAndNumber } from "../model/order.ts";
import { isGroupRole } from "../model/vocabulary.ts";
import { absoluteBaseUrl, type SiteSettings } from "../settings.ts";
import { browseDimensions, groupBy, type Dimension } from "./browse.ts";
import { fillMonths, monthlyChart } from "./chart.ts";
import { CitationLinker } from "../model/citations.ts";
import { paginateGroups, type Group, type GroupIndexEntry, type ListingPage } from "./listing.ts";
import { gbtCitation } from "./citation.ts";
import { KIND_LABELS, docNumberEntry, letterIdentifier, otherReplyLabel, otherRepliesHeading, publishedContact, recipientsHeading, repliesToOneProposal } from "../model/wording.ts";

export interface Link {
  url: string;
  label: string;
}

export interface LetterPage {
  letter: Letter;
  url: string;
  /** 王芳、单磊 */
  names: string;
  /** The 文号, or for a summary without one its full reference (wording.ts letterIdentifier). */
  reference: string;
  /** 答复, 答复摘要 */
  kindLabel: string;
  /** The 发文字号 line of the details (docNumberEntry); empty without a 文号. */
  docNumberEntry: string;
  session: Link & { id: string };
  year: Link;
  type: Link;
  /** The issuer under its official name. */
  issuer: Link;
  /** 代表, 委员, 代表团, 党派团体 (or two of them): the heading over `recipients`. */
  recipientsHeading: string;
  recipients: (Link & { role: string })[];
  consulted: Link[];
  /** The contact as the settings let it be published (the phone only with publishContactPhone). */
  contact?: Contact;
  /** Other replies to the same suggestion or proposal: co-handling units', a summary's. */
  otherReplies?: { heading: string; links: (Link & { id: string })[] };
  cites: Link[];
  previous?: Link;
  next?: Link;
  citation: string;
  absoluteUrl: string;
}

export interface DocumentPage {
  url: string;
  document: RelatedDocument;
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

/** A printed edition that exists, as the pages link it. */
export interface EditionLink {
  url: string;
  label: string;
  /** 3.2 MB */
  size: string;
  /** Its MARCXML and Dublin Core records. */
  records: { marc: string; dc: string };
  /** The same volume as an EPUB, when there is one. */
  epub?: { url: string; size: string };
}

/** A PDF edition the print step wrote: its file name in the site root and its size. */
export interface EditionFile {
  file: string;
  bytes: number;
}

export interface SiteListingPage extends ListingPage<Entry> {
  kind: string;
  title: string;
  heading: string;
  summary: string;
  crumbs: Link[];
  /** Show the session in letter rows (not needed on a session's own page). */
  showSession: boolean;
  /** Show the issuer in letter rows (not with one issuer, nor on an issuer's own page). */
  showIssuer: boolean;
  /** The PDF volume of the listing's year (its 册, when the year is split), on its first page. */
  editions?: EditionLink[];
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

export interface IssuerCount extends Link {
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
    /** Replies per issuer, in the issuer overview's order. */
    issuers: IssuerCount[];
    /** people: deputies and members; bodies: delegations, parties and organizations (both browsed under /people/). */
    totals: { npc: number; cppcc: number; total: number; documents: number; sessions: number; people: number; bodies: number; agencies: number; issuers: number };
    latest: Entry[];
    showIssuer: boolean;
    /** The whole-archive edition; when it is over the page budget, every year's volume. */
    editions: EditionLink[];
  };
  /** Every HTML page, prefix-less, for the sitemap. */
  pageUrls: string[];
  /** Newest first, for the Atom feed. */
  feed: LetterPage[];
  /** Links the related documents a letter's rendered body cites. */
  linker: CitationLinker;
}

export const LETTERS_PER_PAGE = 200;
export const NAMES_PER_PAGE = 800;
const FEED_SIZE = 50;
const LATEST_ON_HOME = 10;


/** 3,355,443 bytes → 3.4 MB (one decimal place below 10 MB). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** 183,512 bytes → 184 KB; from 1 MB on as formatMegabytes: an EPUB is often far below a megabyte. */
export function formatKilobytes(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} KB` : formatMegabytes(bytes);
}

export interface SiteDataOptions {
  /** The PDF editions the print step wrote. */
  editions?: readonly EditionFile[];
  /** The agencies catalogue: issuers and consulted agencies under their official names, in its order. */
  agencies?: AgencyCatalogue;
}

export function buildSiteData(
  letters: readonly Letter[],
  documents: readonly RelatedDocument[],
  catalogue: SessionCatalogue,
  settings: SiteSettings,
  { editions = [], agencies: agencyCatalogue }: SiteDataOptions = {},
): SiteData {
  const baseUrl = absoluteBaseUrl(settings);
  const dimensions = browseDimensions(letters, catalogue, agencyCatalogue);
  const [sessions, years, types, issuers, agencies, people] = dimensions;
  const editionSizes = new Map(editions.map((e) => [e.file, e.bytes]));
  const linkTo = (file: string, label: string): EditionLink[] => {
    const bytes = editionSizes.get(file);
    const records = recordFiles(file);
    const epubBytes = editionSizes.get(epubFileName(file));
    return bytes === undefined ? [] : [{
      url: `/${file}`, label, size: formatMegabytes(bytes), records: { marc: `/${records.marc}`, dc: `/${records.dc}` },
      ...(epubBytes === undefined ? {} : { epub: { url: `/${epubFileName(file)}`, size: formatKilobytes(epubBytes) } }),
    }];
  };
  /** A year's volume, or its 册 in order when the year is split; the whole archive for no year. */
  const editionsOf = (year: number | undefined, label: string): EditionLink[] => {
    const whole = linkTo(editionFileName(year), label);
    if (whole.length || year === undefined) return whole;
    const parts: EditionLink[] = [];
    for (let n = 1; editionSizes.has(editionFileName(year, n)); n++) parts.push(...linkTo(editionFileName(year, n), `${label} ${partLabel(n)}`));
    return parts;
  };

  const linker = new CitationLinker(documents.map((d) => ({ title: d.title, url: d.url })));
  const link = (dimension: Dimension, key: string): Link => ({ url: dimension.url(key), label: dimension.label(key) });

  const ordered = [...letters].sort(bySessionAndNumber);
  const pages: LetterPage[] = ordered.map((letter) => {
    const absoluteUrl = `${baseUrl}${letter.url}`;
    const contact = publishedContact(letter.contact, settings.publishContactPhone);
    return {
      letter,
      url: letter.url,
      names: letter.recipients.map((r) => r.name).join("、"),
      reference: letterIdentifier(letter),
      kindLabel: KIND_LABELS[letter.kind],
      docNumberEntry: letter.docNumber ? docNumberEntry(letter.docNumber) : "",
      session: { id: letter.sessionEntry.id, ...link(sessions, letter.sessionEntry.id) },
      year: link(years, String(letter.year)),
      type: link(types, letter.assembly),
      issuer: link(issuers, issuers.keysOf(letter)[0]!),
      recipientsHeading: recipientsHeading(letter.recipients),
      recipients: letter.recipients.map((r) => ({ ...link(people, r.name), role: r.role })),
      consulted: agencies.keysOf(letter).map((name) => link(agencies, name)),
      ...(contact ? { contact } : {}),
      cites: linker.cited(letter.body).map((d) => ({ url: d.url, label: d.title })),
      citation: gbtCitation(letter, absoluteUrl),
      absoluteUrl,
    };
  });
  for (const [page, others] of repliesToOneProposal(pages)) {
    page.otherReplies = {
      heading: otherRepliesHeading(page.letter),
      links: [...others].sort((a, b) => byDate(a.letter, b.letter)).map((o) => ({ id: o.letter.id, url: o.url, label: otherReplyLabel(o.letter, o.issuer.label) })),
    };
  }
  // Previous/next within a session: neighbours in the session-and-number order. A number
  // answered by several issuers is told apart by the issuer: 第3176号建议（财政部）.
  const neighbour = (p: LetterPage): Link => ({ url: p.url, label: p.otherReplies ? `${p.letter.shortReference}（${p.issuer.label}）` : p.letter.shortReference });
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i]!;
    const before = pages[i - 1];
    const after = pages[i + 1];
    if (before && before.session.id === page.session.id) page.previous = neighbour(before);
    if (after && after.session.id === page.session.id) page.next = neighbour(after);
  }

  const citedBy = new Map<string, Link[]>();
  for (const page of pages) {
    for (const doc of page.cites) {
      const list = citedBy.get(doc.url) ?? [];
      list.push({ url: page.url, label: page.letter.parts.heading });
      citedBy.set(doc.url, list);
    }
  }
  const documentPages: DocumentPage[] = [...documents]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((document) => ({ url: document.url, document, citedBy: citedBy.get(document.url) ?? [] }));

  const chronological = [...pages].sort((a, b) => byDate(a.letter, b.letter));
  const newestFirst = [...pages].sort((a, b) => byDateDescending(a.letter, b.letter));
  const letterEntry = (page: LetterPage): Entry => ({ kind: "letter", page });
  const homeCrumb: Link = { url: "/", label: "首页" };
  const listings: SiteListingPage[] = [];
  // With one issuer, naming it on every row says nothing.
  const severalIssuers = new Set(pages.map((p) => p.issuer.label)).size > 1;

  const addListing = (
    base: Omit<SiteListingPage, keyof ListingPage<Entry>>,
    url: string,
    groups: Group<Entry>[],
    perPage = LETTERS_PER_PAGE,
  ) => {
    const paged = paginateGroups(url, groups, perPage);
    paged.forEach((page, i) => {
      const suffix = page.pageCount > 1 ? `（第${page.pageNumber}页，共${page.pageCount}页）` : "";
      const first = i === 0;
      listings.push({
        ...base, ...page, title: `${base.title}${suffix}`,
        editions: first ? base.editions : undefined, chart: first ? base.chart : undefined, monthTable: first ? base.monthTable : undefined,
      });
    });
  };

  const byMonth = (list: LetterPage[]): Group<Entry>[] =>
    [...groupBy(list, (p) => [p.letter.date.slice(0, 7)])].map(([month, items]) => ({
      id: `m-${month}`,
      heading: chineseMonth(month),
      entries: items.map(letterEntry),
    }));

  // The browse dimensions: an overview of the values, then a listing per value.
  const pagesByKey = new Map<Dimension, Map<string, LetterPage[]>>();
  for (const dimension of dimensions) {
    const source = dimension.letterOrder === "date" ? chronological : pages;
    const byKey = groupBy(source, (p) => dimension.keysOf(p.letter));
    pagesByKey.set(dimension, byKey);
    const keys = dimension.sortKeys([...byKey.keys()]);
    const overview = dimension.overview(keys, pages.length);
    addListing(
      { kind: dimension.kinds[0], title: overview.title, heading: overview.title, summary: overview.summary, crumbs: [homeCrumb], showSession: true, showIssuer: severalIssuers },
      dimension.path,
      dimension.overviewGroups(keys).map((group) => ({
        ...group,
        entries: group.entries.map((key) => ({ kind: "link" as const, url: dimension.url(key), label: (dimension.overviewLabel ?? dimension.label)(key), count: byKey.get(key)!.length })),
      })),
      NAMES_PER_PAGE,
    );
    const crumb: Link = { url: dimension.path, label: dimension.crumb };
    for (const key of keys) {
      const list = byKey.get(key)!;
      const detail = dimension.detail(key, list.map((p) => p.letter));
      const groups: Group<Entry>[] =
        detail.groups === "month" ? byMonth(list)
        : detail.groups === "session" ? [...groupBy(list, (p) => [p.session.id])].map(([id, items]) => ({ id, heading: items[0]!.session.label, entries: items.map(letterEntry) }))
        : [{ id: "replies", entries: list.map(letterEntry) }];
      addListing(
        {
          kind: dimension.kinds[1], title: detail.title, heading: detail.title, summary: detail.summary,
          crumbs: [homeCrumb, crumb], showSession: detail.showSession, showIssuer: severalIssuers && detail.showIssuer !== false,
          editions: detail.editionYear === undefined ? undefined : editionsOf(detail.editionYear, `${detail.editionYear}年答复合订本`),
        },
        dimension.url(key),
        groups,
      );
    }
  }

  // Related documents.
  addListing(
    { kind: "documents", title: "相关文件", heading: "相关文件", summary: "答复中引用、本档案收录全文或节录的政策文件。", crumbs: [homeCrumb], showSession: true, showIssuer: false },
    "/documents/",
    [{ id: "documents", entries: documentPages.map((d) => ({ kind: "link" as const, url: d.url, label: `${d.document.title}（${d.document.dateText}）`, count: d.citedBy.length })) }],
    NAMES_PER_PAGE,
  );

  // Timeline: every reply by year then month, oldest first, with a chart and a month table.
  const monthGroups = byMonth(chronological);
  const monthCounts = new Map(monthGroups.map((g) => [g.id.slice(2), g.entries.length]));
  const timelineFirst = paginateGroups("/timeline/", monthGroups, LETTERS_PER_PAGE)[0];
  const monthStart = new Map((timelineFirst?.groupIndex ?? []).map((g: GroupIndexEntry) => [g.url.split("#")[1]!.slice(2), g.url]));
  const byYear = pagesByKey.get(years)!;
  const yearNumbers = [...byYear.keys()].map(Number).sort((a, b) => a - b);
  const monthTable: MonthTableRow[] = yearNumbers.map((year) => {
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
      crumbs: [homeCrumb], showSession: true, showIssuer: severalIssuers,
      chart: monthlyChart(months, months.length ? `每月答复件数，${chineseMonth(months[0]!.month)}至${chineseMonth(months[months.length - 1]!.month)}，最多的一个月${Math.max(...months.map((m) => m.count))}件` : ""),
      monthTable,
    },
    "/timeline/",
    monthGroups,
  );

  // The home page's table has a column per assembly: NPC suggestions, CPPCC proposals.
  const countNpc = (list: readonly LetterPage[]) => list.filter((p) => p.letter.assembly === "npc").length;
  const counts: YearCount[] = [...yearNumbers].reverse().map((year) => {
    const list = byYear.get(String(year))!;
    const npc = countNpc(list);
    return { year, url: years.url(String(year)), npc, cppcc: list.length - npc, total: list.length };
  });
  const npcTotal = countNpc(pages);
  const bodies = new Set(letters.flatMap((l) => l.recipients.filter((r) => isGroupRole(r.role)).map((r) => r.name)));
  const byIssuer = pagesByKey.get(issuers)!;
  const issuerCounts: IssuerCount[] = issuers.sortKeys([...byIssuer.keys()]).map((name) => {
    const list = byIssuer.get(name)!;
    const npc = countNpc(list);
    return { ...link(issuers, name), npc, cppcc: list.length - npc, total: list.length };
  });

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
      issuers: issuerCounts,
      totals: {
        npc: npcTotal, cppcc: pages.length - npcTotal, total: pages.length, documents: documentPages.length,
        sessions: pagesByKey.get(sessions)!.size, people: pagesByKey.get(people)!.size - bodies.size, bodies: bodies.size,
        agencies: pagesByKey.get(agencies)!.size, issuers: byIssuer.size,
      },
      latest: newestFirst.slice(0, LATEST_ON_HOME).map(letterEntry),
      showIssuer: severalIssuers,
      editions: editionsOf(undefined, "全部答复合订本").length
        ? editionsOf(undefined, "全部答复合订本")
        : [...new Set(letters.map((l) => l.year))].sort().flatMap((year) => editionsOf(year, `${year}年答复合订本`)),
    },
    pageUrls,
    feed: newestFirst.slice(0, FEED_SIZE),
    linker,
  };
}
