/**
 * What importing a letter and importing a related document share: the input and the outcome,
 * the prepared text, building the Markdown body from source lines, sidecar overrides and the
 * closing audit. Pure. letter.ts and document.ts import this module, never each other.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import type { Evidence } from "./formats/extracted.ts";
import type { DocumentData, LetterData } from "../model/letter.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { auditHanCharacters } from "./audit.ts";
import { contextAt, type Change } from "./changes.ts";
import { DOC_NUMBER_ANY, normalizeDocNumber } from "./header.ts";
import { buildParagraphs, describeLines, type Paragraph, type SourceLine } from "./paragraphs.ts";

export interface ImportInput {
  /** The text as decoded: what the no-text-lost audit compares the body with. */
  text: string;
  /** Provenance, written as the letter's `source`: the raw file's name, sha256, format and pages. */
  source: LetterData["source"];
  catalogue: SessionCatalogue;
  agencies: AgencyCatalogue;
  /** Fields the archivist supplies in a sidecar file; they win over what the text says. */
  overrides?: Record<string, unknown>;
  /** What the file's wrapper says (a web page's 信息公开 table): confirms or fills the text's fields. */
  evidence?: Evidence;
}

/** The decoded text with trailing spaces and folios removed, and the changes that did it. */
export interface PreparedText {
  text: string;
  changes: Change[];
}

interface Imported<Kind extends string, Data> {
  kind: Kind;
  data: Data;
  body: string;
  changes: Change[];
  review: string[];
  /** The audit's account: N Han characters in the source = N in the body + N listed as removed. */
  audit: string;
}

export type ImportOutcome = Imported<"letter", LetterData> | Imported<"document", DocumentData> | { kind: "error"; line?: number; message: string };

/**
 * Source lines to the Markdown body: paragraphs rebuilt, section headings as ##, cited 文号
 * brackets normalized. The joins, indents, headings and brackets are recorded in `changes`.
 */
export function buildBody(lines: SourceLine[], firstLine: number, changes: Change[]): { paragraphs: Paragraph[]; body: string } {
  const { paragraphs, changes: layoutChanges } = buildParagraphs(lines);
  changes.push(...layoutChanges);
  const headingLines = paragraphs.filter((p) => p.heading).map((p) => p.firstLine);
  if (headingLines.length) changes.push({ kind: "heading", line: headingLines[0], note: `section headings marked ## on ${describeLines(headingLines)}` });
  const markdown = paragraphs.map((p) => (p.heading ? `## ${p.text}` : p.text)).join("\n\n");
  const normalized = normalizeCitedNumbers(markdown, firstLine, paragraphs.map((p) => p.firstLine));
  changes.push(...normalized.changes);
  return { paragraphs, body: normalized.body };
}

/** Cited 文号 with stray brackets (医保发［2020]6号) get 〔〕; each change is recorded. */
function normalizeCitedNumbers(body: string, firstLine: number, paragraphLines: number[]): { body: string; changes: Change[] } {
  const changes: Change[] = [];
  const result = body.replace(new RegExp(DOC_NUMBER_ANY.source, "gu"), (match, code: string, year: string, di: string, serial: string, offset: number) => {
    const normalized = normalizeDocNumber(code, year, di, serial);
    if (normalized !== match) {
      const paragraph = body.slice(0, offset).split("\n\n").length - 1;
      changes.push({ kind: "bracket", line: paragraphLines[paragraph] ?? firstLine, note: `文号 brackets normalized: ${match} → ${normalized} ${contextAt(body, offset, offset + match.length, 4)}` });
    }
    return normalized;
  });
  return { body: result, changes };
}

/** Sidecar fields replace what the text gave; each replacement is recorded. */
export function applyOverrides(data: Record<string, unknown>, overrides: Record<string, unknown> | undefined, changes: Change[]): void {
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const before = data[key];
    data[key] = value;
    changes.push({ kind: "sidecar", note: `${key} from the sidecar file: ${JSON.stringify(value)}${before === undefined ? "" : ` (the text gave ${JSON.stringify(before)})`}` });
  }
}

/** The last step of both importers: the outcome stands only if no Han character of the source was lost or gained. */
export function audited(source: string, outcome: Omit<Imported<"letter", LetterData>, "audit"> | Omit<Imported<"document", DocumentData>, "audit">): ImportOutcome {
  const audit = auditHanCharacters(source, outcome.body, outcome.changes);
  if (!audit.ok) return { kind: "error", message: `no-text-lost audit failed: ${audit.message}; nothing written` };
  return { ...outcome, audit: audit.message };
}
