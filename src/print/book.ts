import { createHash } from "node:crypto";
/**
 * What goes into a printed edition, in which order, under which names. Pure: resolved
 * letters in, a Book value out; no I/O and no clock (the date of the
 * edition comes from the letters or SOURCE_DATE_EPOCH, passed in).
 *
 * An edition of one issuer's letters is ordered by session, then number. An edition of
 * several issuers groups them by issuer first (the agencies catalogue's order, else pinyin),
 * then by session: an issuer opens with a divider page, a session is a heading in the
 * contents and the bookmarks, and the running head names the issuer.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import { beijingDateOf, beijingMidnight, formatChineseDate } from "../model/dates.ts";
import { editionFileName } from "../model/ids.ts";
import type { Letter, RelatedDocument } from "../model/letter.ts";
import { CitationLinker } from "../model/citations.ts";
import { bySessionAndNumber, inFilingOrder, nameInitial } from "../model/order.ts";
import type { Session } from "../model/sessions.ts";
import { ASSEMBLIES, ASSEMBLY_ORDER } from "../model/vocabulary.ts";
import type { SiteSettings } from "../settings.ts";
import { agencyOrder, canonicalAgency } from "../model/agencies.ts";
import { issuersName, otherReplyLabel, partLabel, repliesToOneProposal } from "../model/wording.ts";

export type PageSize = "A4" | "A5" | "16k";
export const PAGE_SIZES: readonly PageSize[] = ["A4", "A5", "16k"];

export type SiteInfo = Pick<SiteSettings, "title" | "shortTitle" | "issuer" | "license"> & Partial<Pick<SiteSettings, "publishContactPhone">>;

export interface BookLetter {
  letter: Letter;
  /** The issuer's official name (the agencies catalogue's). */
  issuer: string;
  /** Element id of the letter's opening: ASCII, never starting with a digit. */
  anchor: string;
  /** CSS named page of the letter, so each letter carries its own running head. */
  pageName: string;
  /** Right-hand running head: session and reference; with several issuers, the issuer first. */
  runningHead: string;
  /** The other replies to the same suggestion or proposal; `anchor` when this edition prints them too. */
  otherReplies: { label: string; anchor?: string }[];
  /** The related documents it cites, printed in this edition's appendix. */
  cites: BookDocument[];
}

/** A related document a letter of the edition cites, printed in its appendix. */
export interface BookDocument {
  document: RelatedDocument;
  /** Element id and named page: ASCII. */
  anchor: string;
  pageName: string;
  citedBy: BookLetter[];
}

export interface BookSession {
  session: Session;
  /** Its divider's id; in an edition of several issuers, which has no session dividers, its first letter's. */
  anchor: string;
  letters: BookLetter[];
}

/** An issuer's part of an edition of several issuers. */
export interface BookIssuer {
  name: string;
  /** Its divider's id. */
  anchor: string;
  sessions: BookSession[];
  letters: BookLetter[];
}

export interface IndexEntry {
  name: string;
  /** Capital pinyin initial the entry is filed under (A–Z). */
  initial: string;
  letters: BookLetter[];
}

export interface BookMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** Fixed, so that rebuilding the same letters gives the same bytes. */
  creationDate: Date;
}

export interface Book {
  /** compendium.pdf, compendium-2022.pdf */
  fileName: string;
  year?: number;
  size: PageSize;
  site: SiteInfo;
  title: string;
  subtitle: string;
  /** 全编, 2022年卷, 2022年卷 第二册 */
  editionLabel: string;
  /** The 册 of a split year: its number, and what every 册 of the year holds (the first 册 lists them). */
  part?: { number: number; all: readonly PartSummary[] };
  /** 2020—2023 or 2022 */
  yearSpan: string;
  /** Left-hand running head. */
  runningTitle: string;
  /** The edition's date, ISO (YYYY-MM-DD), as printed in the colophon. */
  editionDate: string;
  firstReplyDate: string;
  lastReplyDate: string;
  /** The issuers' name on the title page and in the metadata: the one issuer, or the site's collective name. */
  issuerName: string;
  /** The issuers in book order, each with its sessions; empty when the edition has one issuer. */
  issuers: BookIssuer[];
  /** Every session group in book order (with several issuers, one per issuer and session). */
  sessions: BookSession[];
  letters: BookLetter[];
  people: IndexEntry[];
  agencies: IndexEntry[];
  /** The related documents the edition's letters cite, in order of first citation: the appendix. */
  appendix: BookDocument[];
  /** Related documents in the archive that no letter of the edition cites, so not printed. */
  documentsLeftOut: number;
  /**
   * SHA-256 of the edition's letter files listed as `sha256sum` lists them (digest, two spaces,
   * path; by path): `sha256sum <the files> | sha256sum` in the archive gives the same.
   */
  sourceDigest: string;
  metadata: BookMetadata;
}

/** One 册 of a year split to keep to the page budget: its number, the year's count, its letters and what every 册 holds. */
export interface BookPart {
  number: number;
  letterIds: ReadonlySet<string>;
  /** Every 册 of the year, for the first 册's list: label, file, first and last reference. */
  all: readonly PartSummary[];
}

export interface PartSummary {
  label: string;
  fileName: string;
  first: string;
  last: string;
}

export interface BookOptions {
  /** One year of replies; the whole archive when absent. */
  year?: number;
  /** One 册 of the year's volume. */
  part?: BookPart;
  size?: PageSize;
  /** Seconds since 1970 (reproducible builds); the newest reply's date when absent. */
  sourceDateEpoch?: number;
  /** The archive's related documents: those the edition's letters cite are printed in its appendix. */
  documents?: readonly RelatedDocument[];
  /** The agencies catalogue: issuers and consulted agencies under their official names, issuers in its order. */
  agencies?: AgencyCatalogue;
}

export function planBook(letters: readonly Letter[], site: SiteInfo, options: BookOptions = {}): Book {
  const part = options.part;
  const chosen = options.year === undefined ? [...letters] : letters.filter((l) => l.year === options.year && (!part || part.letterIds.has(l.id)));
  if (chosen.length === 0) {
    throw new Error(options.year === undefined ? "the archive has no letters to print" : `no letters dated ${options.year} to print`);
  }
  const issuerOf = (letter: Letter) => canonicalAgency(letter.issuer, options.agencies);
  const issuerNames = [...new Set(chosen.map(issuerOf))].sort(agencyOrder(options.agencies));
  const grouped = issuerNames.length > 1;
  const issuerRank = new Map(issuerNames.map((name, i) => [name, i]));
  chosen.sort((a, b) => issuerRank.get(issuerOf(a))! - issuerRank.get(issuerOf(b))! || bySessionAndNumber(a, b));

  const bookLetters = chosen.map((letter): BookLetter => {
    const issuer = issuerOf(letter);
    const head = `${letter.sessionEntry.name} · ${letter.shortReference}`;
    return {
      letter,
      issuer,
      anchor: `letter-${letter.id}`,
      pageName: `letter-${letter.id}`,
      runningHead: grouped ? `${issuer} · ${head}` : head,
      otherReplies: [],
      cites: [],
    };
  });
  // The appendix: each document a letter cites, once, in the order the book first cites it.
  const documents = options.documents ?? [];
  const linker = new CitationLinker(documents.map((d) => ({ title: d.title, url: d.url })));
  const documentByUrl = new Map(documents.map((d) => [d.url, d]));
  const appendix = new Map<string, BookDocument>();
  for (const entry of bookLetters) {
    for (const { url } of linker.cited(entry.letter.body)) {
      let printedDocument = appendix.get(url);
      if (!printedDocument) {
        const document = documentByUrl.get(url)!;
        printedDocument = { document, anchor: `document-${document.id}`, pageName: `document-${document.id}`, citedBy: [] };
        appendix.set(url, printedDocument);
      }
      printedDocument.citedBy.push(entry);
      entry.cites.push(printedDocument);
    }
  }
  // Other replies to one suggestion are found over the whole archive: a year's volume names those printed elsewhere too.
  const printed = new Map(bookLetters.map((entry) => [entry.letter, entry]));
  for (const [item, others] of repliesToOneProposal(letters.map((letter) => ({ letter })))) {
    const entry = printed.get(item.letter);
    if (!entry) continue;
    entry.otherReplies = others.map(({ letter }) => ({ label: otherReplyLabel(letter, issuerOf(letter)), anchor: printed.get(letter)?.anchor }));
  }

  const issuers: BookIssuer[] = [];
  const sessions: BookSession[] = [];
  for (const entry of bookLetters) {
    if (grouped && issuers.at(-1)?.name !== entry.issuer) {
      issuers.push({ name: entry.issuer, anchor: `issuer-${issuers.length + 1}`, sessions: [], letters: [] });
    }
    const issuer = issuers.at(-1);
    issuer?.letters.push(entry);
    const last = sessions.at(-1);
    if (last && last.session === entry.letter.sessionEntry && (!issuer || issuer.sessions.at(-1) === last)) {
      last.letters.push(entry);
      continue;
    }
    const session = entry.letter.sessionEntry;
    const group: BookSession = { session, anchor: issuer ? entry.anchor : `session-${session.id}`, letters: [entry] };
    sessions.push(group);
    issuer?.sessions.push(group);
  }

  const dates = chosen.map((l) => l.date).sort();
  const firstReplyDate = dates[0] as string;
  const lastReplyDate = dates.at(-1) as string;
  const years = [...new Set(chosen.map((l) => l.year))].sort();
  const yearSpan = years.length === 1 ? String(years[0]) : `${years[0]}—${years.at(-1)}`;
  const editionLabel = options.year === undefined ? "全编" : `${options.year}年卷${part ? ` ${partLabel(part.number)}` : ""}`;
  const issuerName = issuersName(issuerNames, site.issuer);
  const subtitle = `${issuerName}答复汇编`;

  const creationDate = options.sourceDateEpoch !== undefined ? new Date(options.sourceDateEpoch * 1000) : beijingMidnight(lastReplyDate);
  const editionDate = beijingDateOf(creationDate);

  const counts = ASSEMBLY_ORDER.map((a) => ({ ...ASSEMBLIES[a], count: chosen.filter((l) => l.assembly === a).length }));
  const editionName = options.year === undefined ? `全编，${yearSpan}` : editionLabel;

  return {
    fileName: editionFileName(options.year, part?.number),
    year: options.year,
    ...(part ? { part: { number: part.number, all: part.all } } : {}),
    size: options.size ?? "A4",
    site,
    title: site.title,
    subtitle,
    editionLabel,
    yearSpan,
    runningTitle: `${site.shortTitle} · ${subtitle}（${editionName}）`,
    editionDate,
    firstReplyDate,
    lastReplyDate,
    issuerName,
    issuers,
    sessions,
    letters: bookLetters,
    people: buildIndex(bookLetters, (l) => l.letter.recipients.map((r) => r.name)),
    agencies: buildIndex(bookLetters, (l) => l.letter.consulted.map((name) => canonicalAgency(name, options.agencies))),
    appendix: [...appendix.values()],
    documentsLeftOut: documents.length - appendix.size,
    sourceDigest: sourceDigest(bookLetters.map((l) => l.letter)),
    metadata: {
      title: `${site.title}——${subtitle}（${editionName}）`,
      // A catalogue's creator: the issuers themselves, not the collective name of the title page.
      author: grouped ? issuerNames.join("、") : issuerName,
      subject:
        `${issuerName}对${counts.map((v) => `${v.name}${v.role}${v.proposalType}`).join("和")}的答复${chosen.length}件` +
        `（${counts.map((v) => `${v.proposalType}${v.count}件`).join("，")}），` +
        `答复日期${formatChineseDate(firstReplyDate)}至${formatChineseDate(lastReplyDate)}`,
      keywords: [...(grouped ? issuerNames : [issuerName]), ...counts.map((v) => `${v.shortName}${v.role}${v.proposalType}`), "答复", ...sessions.map((s) => s.session.name)],
      language: "zh-CN",
      creationDate,
    },
  };
}

export function sourceDigest(letters: readonly Pick<Letter, "file" | "fileSha256">[]): string {
  const lines = letters.map((l) => `${l.fileSha256}  ${l.file}\n`).sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
  return createHash("sha256").update(lines.join("")).digest("hex");
}

/** Names in filing order (initial, then pinyin), each with the letters (in book order) that name it. */
function buildIndex(letters: BookLetter[], namesOf: (letter: BookLetter) => string[]): IndexEntry[] {
  const byName = new Map<string, BookLetter[]>();
  for (const letter of letters) {
    for (const name of new Set(namesOf(letter))) {
      const list = byName.get(name) ?? [];
      list.push(letter);
      byName.set(name, list);
    }
  }
  return inFilingOrder(byName.keys()).map((name) => ({ name, initial: nameInitial(name), letters: byName.get(name) ?? [] }));
}

/** Human description of a page size, for the colophon. */
export function describeSize(size: PageSize): string {
  return { A4: "A4（210 × 297 毫米）", A5: "A5（148 × 210 毫米）", "16k": "16开（185 × 260 毫米）" }[size];
}
