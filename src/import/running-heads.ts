/**
 * Running heads and feet that a printed or scanned letter repeats on every page (the portal's
 * name and address, the issuer's name, the title), found in plain text as short lines that
 * recur, and removed wherever they fall, also between the halves of a paragraph broken across
 * pages. Pure.
 */
import type { Change } from "./changes.ts";
import { describeLines } from "./paragraphs.ts";

/** Shapes that are page furniture wherever they stand: web addresses, 网站/门户 names, page counts. */
const FURNITURE = /(?:https?:\/\/|www\.|\.gov\.cn|\.org\.cn|网站|门户|第\s*\d+\s*页|共\s*\d+\s*页)/iu;
/** A line the wording itself may repeat: section headings, sentences, dates, salutations. */
const WORDING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])|[，。；：、！？,;:!?]|^\S*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/u;
const MAX_LENGTH = 60;

/**
 * `bodyStart`: where the reply's opening starts, when known. A repeated line that is not
 * furniture by shape (an issuer's name, a title) is a running head only after the opening and
 * only where every occurrence stands at a page's edge (next to a blank line or a removed folio);
 * the occurrence just above the closing date is the signature, not a running foot.
 */
export function removeRunningHeads(text: string, bodyStart = 0): { text: string; changes: Change[]; review: string[] } {
  const lines = text.split("\n");
  const offsets: number[] = [];
  lines.reduce((at, line) => (offsets.push(at), at + line.length + 1), 0);
  const key = (line: string) => line.replace(/[\s\u3000]+/gu, " ").trim();
  const occurrences = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const k = key(line);
    if (k.length < 2 || [...k].length > MAX_LENGTH || WORDING.test(k)) return;
    occurrences.set(k, [...(occurrences.get(k) ?? []), i]);
  });

  const removed = new Set<number>();
  const changes: Change[] = [];
  const review: string[] = [];
  for (const [line, at] of occurrences) {
    if (at.length < 2) continue;
    const chosen = FURNITURE.test(line) ? at : at.filter((i) => offsets[i]! > bodyStart && !isSignature(lines, i));
    // Off a page edge, a recurring line is wording: a paragraph the letter repeats, wrapped the same way.
    if (!chosen.length || (!FURNITURE.test(line) && !chosen.every((i) => atPageEdge(lines, i)))) continue;
    const numbers = chosen.map((i) => i + 1);
    for (const i of chosen) removed.add(i);
    changes.push({ kind: "running-head", line: numbers[0], note: `removed running head or foot “${line}” on ${describeLines(numbers)}`, removed: chosen.map((i) => lines[i]).join("\n") });
    review.push(`${describeLines(numbers)}: “${line}” removed as a running head or foot (it recurs on ${at.length} lines); check that it is not part of the letter`);
  }
  if (!removed.size) return { text, changes: [], review: [] };
  // The line is emptied, not deleted, so line numbers stay those of the source; the paragraph
  // builder joins the halves of a paragraph across the gap, as across a folio.
  return { text: lines.map((line, i) => (removed.has(i) ? "" : line)).join("\n"), changes, review };
}

/** A page's edge in plain text: a blank line (or a removed folio) or the text's start or end beside the line. */
function atPageEdge(lines: string[], i: number): boolean {
  const blank = (j: number) => j < 0 || j >= lines.length || !lines[j]!.trim();
  return blank(i - 1) || blank(i + 1);
}

/** The line just above the closing date (the next non-empty line is a date and nothing follows but the 版记). */
function isSignature(lines: string[], i: number): boolean {
  const next = lines.slice(i + 1).find((line) => line.trim());
  return next !== undefined && /^\s*(?:[0-9０-９]{4}|[〇○Ｏ零一二三四五六七八九]{4})\s*年.*日\s*$/u.test(next);
}
