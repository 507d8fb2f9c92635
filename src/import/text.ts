/**
 * Decoded text to a letter or a related document: trailing spaces and folios come off the
 * whole text, then a reply's opening (您提出的…收悉) decides which importer reads it. Pure.
 */
import type { Change } from "./changes.ts";
import type { ImportInput, ImportOutcome, PreparedText } from "./body.ts";
import { importDocument } from "./document.ts";
import { removeFolios } from "./folios.ts";
import { findOpening, importLetter } from "./letter.ts";
import { describeLines } from "./paragraphs.ts";

export function importText(input: ImportInput): ImportOutcome {
  const prepared = prepareText(input.text);
  const opening = findOpening(prepared.text);
  return opening === undefined ? importDocument(input, prepared) : importLetter(input, prepared, opening);
}

/** The stages both kinds of text go through before they are told apart. */
function prepareText(source: string): PreparedText {
  const changes: Change[] = [];
  const { text: trimmed, lines } = trimLineEnds(source);
  if (lines.length) changes.push({ kind: "whitespace", line: lines[0], note: `removed trailing spaces on ${describeLines(lines)}` });
  const unfolioed = removeFolios(trimmed);
  changes.push(...unfolioed.changes);
  return { text: unfolioed.text, changes };
}

/** Trailing white space (including the no-break spaces web pages leave) on each line. */
function trimLineEnds(text: string): { text: string; lines: number[] } {
  const lines: number[] = [];
  const result = text
    .split("\n")
    .map((line, i) => {
      const trimmed = line.replace(/[\s\u00a0\u3000]+$/u, "");
      if (trimmed !== line && trimmed) lines.push(i + 1);
      return trimmed;
    })
    .join("\n");
  return { text: result, lines };
}
