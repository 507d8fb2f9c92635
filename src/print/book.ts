/**
 * What goes into a printed edition, in which order, under which names. Pure: resolved
 * letters in, a Book value out; no I/O and no clock (the date of the
 * edition comes from the letters or SOURCE_DATE_EPOCH, passed in).
 */
import { beijingDateOf, beijingMidnight, formatChineseDate } from "../model/dates.ts";
import { editionFileName } from "../model/ids.ts";
import type { Letter } from "../model/letter.ts";
import { bySessionAndNumber, inFilingOrder, nameInitial } from "../model/order.ts";
import type { Session } from "../model/sessions.ts";
import { ASSEMBLIES, ASSEMBLY_ORDER } from "../model/vocabulary.ts";
import type { SiteSettings } from "../settings.ts";

export type PageSize = "A4" | "A5" | "16k";
export const PAGE_SIZES: readonly PageSize[] = ["A4", "A5", "16k"];

export type SiteInfo = Pick<SiteSettings, "title" | "shortTitle" | "issuer" | "license">;

export interface BookLetter {
  letter: Letter;
  /** Element id of the letter's opening: ASCII, never starting with a digit. */
  anchor: string;
  /** CSS named page of the letter, so each letter carries its own running head. */
  pageName: string;
  /** Right-hand running head: session and reference. */
  runningHead: string;
}

export interface BookSession {
  session: Session;
  anchor: string;
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
  /** 全编 or 2022年卷 */
  editionLabel: string;
  /** 2020—2023 or 2022 */
  yearSpan: string;
  /** Left-hand running head. */
  runningTitle: string;
  /** The edition's date, ISO (YYYY-MM-DD), as printed in the colophon. */
  editionDate: string;
  firstReplyDate: string;
  lastReplyDate: string;
  sessions: BookSession[];
  letters: BookLetter[];
  people: IndexEntry[];
  agencies: IndexEntry[];
  /** Related documents in the archive, which are not letters and not printed. */
  documentsLeftOut: number;
  metadata: BookMetadata;
}

export interface BookOptions {
  /** One year of replies; the whole archive when absent. */
  year?: number;
  size?: PageSize;
  /** Seconds since 1970 (reproducible builds); the newest reply's date when absent. */
  sourceDateEpoch?: number;
  documentsLeftOut?: number;
}

export function planBook(letters: readonly Letter[], site: SiteInfo, options: BookOptions = {}): Book {
  const chosen = options.year === undefined ? [...letters] : letters.filter((l) => l.year === options.year);
  if (chosen.length === 0) {
    throw new Error(options.year === undefined ? "the archive has no letters to print" : `no letters dated ${options.year} to print`);
  }
  chosen.sort(bySessionAndNumber);

  const bookLetters = chosen.map((letter): BookLetter => ({
    letter,
    anchor: `letter-${letter.id}`,
    pageName: `letter-${letter.id}`,
    runningHead: `${letter.sessionEntry.name} · ${letter.shortReference}`,
  }));

  const sessions: BookSession[] = [];
  for (const entry of bookLetters) {
    const last = sessions.at(-1);
    if (last && last.session === entry.letter.sessionEntry) {
      last.letters.push(entry);
      continue;
    }
    const session = entry.letter.sessionEntry;
    sessions.push({ session, anchor: `session-${session.id}`, letters: [entry] });
  }

  const dates = chosen.map((l) => l.date).sort();
  const firstReplyDate = dates[0] as string;
  const lastReplyDate = dates.at(-1) as string;
  const years = [...new Set(chosen.map((l) => l.year))].sort();
  const yearSpan = years.length === 1 ? String(years[0]) : `${years[0]}—${years.at(-1)}`;
  const editionLabel = options.year === undefined ? "全编" : `${options.year}年卷`;
  const subtitle = `${site.issuer}答复汇编`;

  const creationDate = options.sourceDateEpoch !== undefined ? new Date(options.sourceDateEpoch * 1000) : beijingMidnight(lastReplyDate);
  const editionDate = beijingDateOf(creationDate);

  const counts = ASSEMBLY_ORDER.map((a) => ({ ...ASSEMBLIES[a], count: chosen.filter((l) => l.assembly === a).length }));
  const editionName = options.year === undefined ? `全编，${yearSpan}` : editionLabel;

  return {
    fileName: editionFileName(options.year),
    year: options.year,
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
    sessions,
    letters: bookLetters,
    people: buildIndex(bookLetters, (l) => l.letter.recipients.map((r) => r.name)),
    agencies: buildIndex(bookLetters, (l) => l.letter.consulted),
    documentsLeftOut: options.documentsLeftOut ?? 0,
    metadata: {
      title: `${site.title}——${subtitle}（${editionName}）`,
      author: site.issuer,
      subject:
        `${site.issuer}对${counts.map((v) => `${v.name}${v.role}${v.proposalType}`).join("和")}的答复${chosen.length}件` +
        `（${counts.map((v) => `${v.proposalType}${v.count}件`).join("，")}），` +
        `答复日期${formatChineseDate(firstReplyDate)}至${formatChineseDate(lastReplyDate)}`,
      keywords: [site.issuer, ...counts.map((v) => `${v.shortName}${v.role}${v.proposalType}`), "答复", ...sessions.map((s) => s.session.name)],
      language: "zh-CN",
      creationDate,
    },
  };
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
