/**
 * Decoded text to a letter or a related document: trailing spaces, folios and running heads
 * come off the whole text, then a reply's opening (您提出的…收悉) decides which importer reads
 * it; a text that is neither (a 议案, a suggestion's own text) is named and refused. Pure.
 */
import type { Change } from "./changes.ts";
import type { ImportInput, ImportOutcome, PreparedText } from "./body.ts";
import { importDocument } from "./document.ts";
import { removeFolios } from "./folios.ts";
import { findOpening, importLetter } from "./letter.ts";
import { notAReply } from "./not-a-reply.ts";
import { describeLines } from "./paragraphs.ts";
import { removeRunningHeads } from "./running-heads.ts";

export function importText(input: ImportInput): ImportOutcome {
  const prepared = prepareText(input.text);
  const opening = findOpening(prepared.text);
  if (opening === undefined) {
    const refusal = notAReply(prepared.text);
    if (refusal) return { kind: "error", line: refusal.line, message: `${refusal.message}; nothing written` };
    return importDocument(input, prepared);
  }
  const outcome = importLetter(input, prepared, opening);
  return outcome.kind === "letter" ? { ...outcome, review: [...prepared.review, ...outcome.review] } : outcome;
}

/** The stages both kinds of text go through before they are told apart. */
function prepareText(source: string): PreparedText & { review: string[] } {
  const changes: Change[] = [];
  const { text: trimmed, lines } = trimLineEnds(source);
  if (lines.length) changes.push({ kind: "whitespace", line: lines[0], note: `removed trailing spaces on ${describeLines(lines)}` });
  const unfolioed = removeFolios(trimmed);
  changes.push(...unfolioed.changes);
  const heads = removeRunningHeads(unfolioed.text, findOpening(unfolioed.text) ?? 0);
  changes.push(...heads.changes);
  return { text: heads.text, changes, review: heads.review };
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
