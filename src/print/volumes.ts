/**
 * Which books an archive's edition is made of: a volume per year, and a year whose volume
 * would exceed the page budget split into 册 that follow the year's order, each within it, cut
 * where the letters choose (splitYear). A year's split depends on that year's letters alone, so adding a letter to one year
 * never renames another year's files. Pure.
 */
import type { Letter } from "../model/letter.ts";
import { partLabel } from "../model/wording.ts";
import { ANCHORS, bookBlocks, textMeasure } from "./document.ts";
import { planPages } from "./pagination.ts";
import { shardOf } from "../search/core.ts";
import { planBook, type Book, type BookOptions, type PageSize, type PartSummary, type SiteInfo } from "./book.ts";

/** Lines of a letter's heading, 文号, salutation, signature, date and provenance, about. */
const LETTER_LINES = 9;

/** Width of text in characters of the body's size: Latin letters and digits are about half as wide. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2000 ? 0.55 : 1;
  return width;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/u;
const HEADING = /^#{1,6}\s+/u;
const TABLE_ROW = /^\s*\|/u;

/**
 * Lines the Markdown body fills: each paragraph, heading, list item and table row from a new
 * line, paragraphs and headings indented 2 characters, list items 4. Counting lines, not
 * characters, is what keeps a reply listing 120 pilot counties, a line each, from printing
 * at 1.6 times a characters-per-page estimate.
 */
function bodyLines(body: string, charsPerLine: number): number {
  let lines = 0;
  const wrap = (text: string, indent: number): number => Math.max(1, Math.ceil((textWidth(text) + indent) / charsPerLine));
  for (const block of body.split(/\n\s*\n/u)) {
    const rows = block.split("\n").filter((row) => row.trim() !== "");
    if (rows.length === 0) continue;
    if (rows.every((row) => LIST_ITEM.test(row) || TABLE_ROW.test(row))) {
      for (const row of rows) if (!/^\s*\|?\s*:?-{3}/u.test(row)) lines += wrap(row.replace(LIST_ITEM, ""), 4);
    } else if (HEADING.test(rows[0]!)) {
      lines += wrap(rows.join("").replace(HEADING, ""), 2) + 0.3;
    } else {
      lines += wrap(rows.join(""), 2);
    }
  }
  return lines;
}

/**
 * About how many pages a letter takes in an edition of this size, with the blank verso before
 * the next letter when it ends on a right-hand page (letters open on the right). A related
 * document of the appendix starts a new page, on either hand.
 */
export function estimatePages(letter: Pick<Letter, "body">, size: PageSize, opensRight = true): number {
  const pages = pagesOfBody(letter, size);
  return opensRight && pages % 2 === 1 ? pages + 1 : pages;
}

/** Pages of a letter's body by trim, remembered while the letter lives: a year's split estimates each letter several times. */
const estimated = new WeakMap<object, Partial<Record<PageSize, number>>>();

function pagesOfBody(letter: Pick<Letter, "body">, size: PageSize): number {
  const known = estimated.get(letter) ?? {};
  let pages = known[size];
  if (pages === undefined) {
    const { charsPerLine, linesPerPage } = textMeasure(size);
    pages = Math.ceil((LETTER_LINES + bodyLines(letter.body, charsPerLine)) / linesPerPage);
    estimated.set(letter, { ...known, [size]: pages });
  }
  return pages;
}

/**
 * About how many pages a book prints: its parts' estimated lengths laid out as the printed pass
 * lays them (dividers and letters open on the right, after a blank verso where needed).
 * Contents take about 3 lines a letter; the indexes about a line a name, in two columns.
 */
export function estimateBookPages(book: Book): number {
  const { linesPerPage } = textMeasure(book.size);
  const pages = (lines: number): number => Math.max(1, Math.ceil(lines / linesPerPage));
  const lengths = new Map<string, number>([
    [ANCHORS.colophon, 1],
    [ANCHORS.contents, pages(8 + 3 * book.letters.length + 2 * (book.issuers.length + book.sessions.length))],
    [ANCHORS.people, pages(4 + book.people.length / 2)],
    [ANCHORS.agencies, pages(4 + book.agencies.length / 2)],
  ]);
  for (const entry of book.letters) lengths.set(entry.anchor, estimatePages(entry.letter, book.size, false));
  for (const entry of book.appendix) lengths.set(entry.anchor, estimatePages(entry.document, book.size, false));
  const blocks = bookBlocks(book);
  for (const block of blocks) if (!lengths.has(block.anchor)) lengths.set(block.anchor, block.fixedLength ?? 1);
  return planPages(blocks, lengths).totalPages;
}

/** 册 of one year, at most: 第九十九册 is the last that partLabel names. */
const MAX_PARTS = 99;
/** A 册 may end once its letters fill this share of what it can hold, after a letter that chooses to end it. */
const LEAST_SHARE = 0.7;
/** Pages of a typical letter with its verso: how often a letter chooses to end a 册 follows from it. */
const TYPICAL_LETTER = 4;

/**
 * The books of each year: one, or its 册 when the year's estimate exceeds `budget` pages, each
 * within it by estimate. `tightened` counts, by year, the times a printed 册 came out over the
 * budget after all: each time, the year's 册 hold 10% less.
 */
export function planVolumes(
  letters: readonly Letter[],
  site: SiteInfo,
  years: readonly number[],
  budget: number,
  options: Omit<BookOptions, "year" | "part">,
  tightened: ReadonlyMap<number, number> = new Map(),
): Book[] {
  const size = options.size ?? "A4";
  return years.flatMap((year) => {
    const whole = planBook(letters, site, { ...options, year });
    const tighter = tightened.get(year) ?? 0;
    if (whole.letters.length === 1 || (tighter === 0 && estimateBookPages(whole) <= budget)) return [whole];
    // Each letter with its lines in the contents and the indexes, and a related document with the
    // first letter of the year that cites it (each 册 prints those its letters cite).
    const { linesPerPage } = textMeasure(size);
    const counted = new Set<string>();
    const estimates = whole.letters.map((entry) => estimatePages(entry.letter, size)
      + (3 + (entry.letter.recipients.length + entry.letter.consulted.length) / 2) / linesPerPage
      + entry.cites.filter((d) => !counted.has(d.anchor) && counted.add(d.anchor)).reduce((sum, d) => sum + estimatePages(d.document, size, false), 0));
    // What every 册 prints beside its letters: cover, title, colophon, the heads of contents and indexes, a divider per issuer or session.
    const matter = 8 + 2 * Math.max(whole.issuers.length, whole.sessions.length);
    for (let capacity = Math.max(budget / 2, budget - matter) * 0.9 ** tighter; ; capacity *= 0.95) {
      const books = splitYear(letters, site, options, year, whole, estimates, capacity);
      if (books.length === whole.letters.length || (books.length > 1 && books.every((book) => estimateBookPages(book) <= budget))) return books;
    }
  });
}

/**
 * The year's letters in 册 of at most `capacity` estimated pages, in the year's order, cut where
 * the letters choose: after a letter whose id hashes to 0 once a 册 holds LEAST_SHARE of its
 * capacity, and before a letter that would not fit. A letter added or deleted then moves no cut
 * but the one after it, at most: the other 册 keep their letters, and their cached editions.
 * Cut into equal lengths, one letter added to a year of six 册 reprinted four of them.
 */
function splitYear(
  letters: readonly Letter[],
  site: SiteInfo,
  options: Omit<BookOptions, "year" | "part">,
  year: number,
  whole: Book,
  estimates: readonly number[],
  capacity: number,
): Book[] {
  const least = capacity * LEAST_SHARE;
  // About one letter in a window's half chooses: most 册 end within the window.
  const spread = Math.max(1, Math.round((capacity - least) / TYPICAL_LETTER / 2));
  const estimateOf = new Map(whole.letters.map((entry, i) => [entry, estimates[i]!]));
  const groups: Book["letters"][] = [[]];
  /** Estimated pages of each group's letters. */
  const pages = [0];
  whole.letters.forEach((entry, i) => {
    const estimate = estimates[i]!;
    if (groups.at(-1)!.length && pages.at(-1)! + estimate > capacity) {
      groups.push([]);
      pages.push(0);
    }
    groups.at(-1)!.push(entry);
    pages[pages.length - 1] = pages.at(-1)! + estimate;
    if (pages.at(-1)! >= least && shardOf(entry.letter.id, spread) === 0) {
      groups.push([]);
      pages.push(0);
    }
  });
  if (groups.at(-1)!.length === 0) {
    groups.pop();
    pages.pop();
  }
  // A short last 册 joins the one before where the two fit, or else shares its letters with it
  // half and half: the year's end is no cut of its choosing (a year came out in 册 of 1,116 and 225 pages).
  if (groups.length > 1 && pages.at(-1)! < least) {
    const tail = [...groups.at(-2)!, ...groups.at(-1)!];
    groups.splice(-2, 2, ...balancedHalves(tail, tail.map((entry) => estimateOf.get(entry)!), capacity));
  }
  if (groups.length > MAX_PARTS) {
    throw new Error(`the ${year} volume would need ${groups.length} 册 of at most ${Math.floor(capacity)} pages of letters, more than ${MAX_PARTS}: raise editionPageBudget in _data/site.json`);
  }
  const all: PartSummary[] = groups.map((group, i) => ({
    label: partLabel(i + 1),
    fileName: "",
    first: group[0]!.letter.fullReference,
    last: group.at(-1)!.letter.fullReference,
  }));
  const books = groups.map((group, i) => planBook(letters, site, { ...options, year, part: { number: i + 1, letterIds: new Set(group.map((e) => e.letter.id)), all } }));
  books.forEach((book, i) => (all[i]!.fileName = book.fileName));
  return books;
}

/**
 * Letters in one 册, or in two of about equal estimate when they do not fit in one (each
 * within `capacity` where a letter boundary allows).
 */
function balancedHalves(entries: Book["letters"], estimates: readonly number[], capacity: number): Book["letters"][] {
  const total = estimates.reduce((sum, pages) => sum + pages, 0);
  if (total <= capacity) return [entries];
  // The cut whose first 册 comes nearest to half the estimate.
  let best = { cut: 1, off: Infinity };
  let before = 0;
  for (let cut = 1; cut < entries.length; cut++) {
    before += estimates[cut - 1]!;
    const off = Math.abs(2 * before - total);
    if (off < best.off) best = { cut, off };
  }
  return [entries.slice(0, best.cut), entries.slice(best.cut)];
}
