/**
 * Which books an archive's edition is made of: a volume per year, and a year whose volume
 * would exceed the page budget split into 册 that follow the year's order, each about the same
 * length. A year's split depends on that year's letters alone, so adding a letter to one year
 * never renames another year's files. Pure.
 */
import type { Letter } from "../model/letter.ts";
import { partLabel } from "../model/wording.ts";
import { ANCHORS, bookBlocks, textMeasure } from "./document.ts";
import { planPages } from "./pagination.ts";
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

/**
 * The books of each year: one, or its 册 when the year's estimate exceeds `budget` pages, as
 * few as keep each 册's estimate within it (at least `minParts` of the year, which the printer
 * raises when a printed 册 is over the budget after all).
 */
export function planVolumes(
  letters: readonly Letter[],
  site: SiteInfo,
  years: readonly number[],
  budget: number,
  options: Omit<BookOptions, "year" | "part">,
  minParts: ReadonlyMap<number, number> = new Map(),
): Book[] {
  const size = options.size ?? "A4";
  return years.flatMap((year) => {
    const whole = planBook(letters, site, { ...options, year });
    const least = Math.min(minParts.get(year) ?? 1, whole.letters.length);
    const wholePages = estimateBookPages(whole);
    if (least <= 1 && wholePages <= budget) return [whole];
    const estimates = whole.letters.map((entry) => estimatePages(entry.letter, size));
    // The appendix counts towards the budget too (each 册 prints the documents its letters cite).
    const total = estimates.reduce((sum, pages) => sum + pages, 0) + whole.appendix.reduce((sum, d) => sum + estimatePages(d.document, size, false), 0);
    for (let count = Math.max(least, 2, Math.ceil(wholePages / budget)); ; count++) {
      const books = splitYear(letters, site, options, year, whole, estimates, total, count);
      if (count >= whole.letters.length || books.every((book) => estimateBookPages(book) <= budget)) return books;
    }
  });
}

/** The year's letters in `count` 册 of about equal estimated length, in the year's order. */
function splitYear(
  letters: readonly Letter[],
  site: SiteInfo,
  options: Omit<BookOptions, "year" | "part">,
  year: number,
  whole: Book,
  estimates: readonly number[],
  total: number,
  count: number,
): Book[] {
  // Cut where the running total passes each 1/count of the year.
  const groups: Book["letters"][] = [[]];
  let running = 0;
  whole.letters.forEach((entry, i) => {
    if (groups.length < count && running >= (total / count) * groups.length && groups.at(-1)!.length) groups.push([]);
    groups.at(-1)!.push(entry);
    running += estimates[i]!;
  });
  const all: PartSummary[] = groups.map((group, i) => ({
    label: partLabel(i + 1),
    fileName: "",
    letters: group.length,
    first: group[0]!.letter.fullReference,
    last: group.at(-1)!.letter.fullReference,
  }));
  const books = groups.map((group, i) => planBook(letters, site, { ...options, year, part: { number: i + 1, letterIds: new Set(group.map((e) => e.letter.id)), all } }));
  books.forEach((book, i) => (all[i]!.fileName = book.fileName));
  return books;
}
