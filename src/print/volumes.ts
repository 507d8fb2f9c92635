/**
 * Which books an archive's edition is made of: a volume per year, and a year whose volume
 * would exceed the page budget split into 册 that follow the year's order, each about the same
 * length. A year's split depends on that year's letters alone, so adding a letter to one year
 * never renames another year's files. Pure.
 */
import type { Letter } from "../model/letter.ts";
import { partLabel } from "../model/wording.ts";
import { planBook, type Book, type BookOptions, type PageSize, type PartSummary, type SiteInfo } from "./book.ts";

/** Characters of body text a page holds, about (measured: 668 synthetic letters of 1,856 characters in 1,750 A4 pages). */
const CHARS_PER_PAGE: Record<PageSize, number> = { A4: 1000, "16k": 800, A5: 520 };
/** A letter's heading, salutation, signature and date, and the blank verso before about half the right-hand starts. */
const PAGES_PER_LETTER = 0.8;
/** Front matter, contents and indexes, as a share of the letters' (and appendix's) pages. */
const MATTER = 1.08;

/** About how many pages a letter takes in an edition of this size. */
export function estimatePages(letter: Pick<Letter, "body">, size: PageSize): number {
  return PAGES_PER_LETTER + [...letter.body].length / CHARS_PER_PAGE[size];
}

/** The books of each year: one, or its 册 when the year's estimate exceeds `budget` pages. */
export function planVolumes(letters: readonly Letter[], site: SiteInfo, years: readonly number[], budget: number, options: Omit<BookOptions, "year" | "part">): Book[] {
  const size = options.size ?? "A4";
  return years.flatMap((year) => {
    const whole = planBook(letters, site, { ...options, year });
    const estimates = whole.letters.map((entry) => estimatePages(entry.letter, size));
    // The appendix counts towards the budget too (each 册 prints the documents its letters cite).
    const appendix = whole.appendix.reduce((sum, d) => sum + estimatePages(d.document, size), 0);
    const total = (estimates.reduce((sum, pages) => sum + pages, 0) + appendix) * MATTER;
    if (total <= budget) return [whole];
    const count = Math.ceil(total / budget);
    // Cut where the running total passes each 1/count of the year: 册 of about equal length.
    const groups: (typeof whole.letters)[] = [[]];
    let running = 0;
    whole.letters.forEach((entry, i) => {
      if (groups.length < count && running * MATTER >= (total / count) * groups.length && groups.at(-1)!.length) groups.push([]);
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
  });
}
