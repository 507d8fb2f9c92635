/**
 * Raw text of a reply letter (or a related document) to a normalized letter file:
 * metadata from the header and closing, layout artifacts removed, wording kept. Pure.
 */
import { DocumentData, LetterData } from "../model/letter.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { contextAt, lineAt, type Change } from "./changes.ts";
import { auditHanCharacters } from "./audit.ts";
import { DOC_NUMBER_ANY, normalizeDocNumber, parseClosing, parseHeader } from "./header.ts";
import { removeFolios } from "./folios.ts";
import { buildParagraphs, describeLines, endsSentence, type SourceLine } from "./paragraphs.ts";
import { importDocument } from "./document.ts";

export interface ImportInput {
  text: string;
  file: string;
  sha256: string;
  catalogue: SessionCatalogue;
  /** Fields the archivist supplies in a sidecar file; they win over what the text says. */
  overrides?: Record<string, unknown>;
}

export type ImportOutcome =
  | { kind: "letter"; data: LetterData; body: string; changes: Change[]; review: string[]; audit: string }
  | { kind: "document"; data: DocumentData; body: string; changes: Change[]; review: string[]; audit: string }
  | { kind: "error"; line?: number; message: string };

/** The opening of a reply: 您提出的《…》收悉 and its variants. */
const OPENING = /(?:您|你)(?:们)?(?:领衔|联名)?(?:提出|所提|提交|所提出)的?/u;

export function importText(input: ImportInput): ImportOutcome {
  const changes: Change[] = [];
  const { text: trimmed, lines: trimmedLines } = trimLineEnds(input.text);
  if (trimmedLines.length) {
    changes.push({ kind: "whitespace", line: trimmedLines[0], note: `removed trailing spaces on ${describeLines(trimmedLines)}` });
  }
  const unfolioed = removeFolios(trimmed);
  changes.push(...unfolioed.changes);
  const text = unfolioed.text;

  const opening = OPENING.exec(text);
  if (!opening) return importDocument({ ...input, text, source: input.text, changes });

  const header = parseHeader(text.slice(0, opening.index));
  const headerLines = `${lineAt(text, 0)}–${lineAt(text, opening.index)}`;
  const missing = [
    !header.docNumber && "文号 (such as 医保函〔2020〕135号)",
    !header.sessionName && "session and number (such as 对十三届全国人大三次会议第2152号建议的答复)",
    !header.recipients && "salutation (such as 李素萍代表：)",
  ].filter(Boolean);
  if (missing.length) {
    return {
      kind: "error",
      line: lineAt(text, opening.index),
      message: `header (lines ${headerLines}) lacks ${missing.join(", ")}; fix the header in the raw file, or give the fields in a sidecar .meta.yaml`,
    };
  }
  changes.push({ kind: "header", line: 1, note: `header read into metadata: “${flat(text.slice(0, opening.index))}”`, removed: text.slice(0, opening.index) });

  const closing = parseClosing(text, opening.index);
  if (!closing) {
    return { kind: "error", line: lineAt(text, text.length), message: "no reply date at the end (such as 2020年10月27日 after the signature); add it to the raw file or give date in a sidecar .meta.yaml" };
  }
  const review: string[] = [];
  const closingText = text.slice(closing.start);
  changes.push({ kind: "signature", line: lineAt(text, closing.start), note: `signature and date read into metadata: “${flat(closingText)}”`, removed: closingText });
  if (closing.leftover) review.push(`line ${lineAt(text, text.length)}: text after the date was not kept in the body: “${closing.leftover}”`);

  const bodyText = text.slice(opening.index, closing.start);
  const firstBodyLine = lineAt(text, opening.index);
  const lines: SourceLine[] = bodyText.split("\n").map((line, i) => ({ no: firstBodyLine + i, text: line }));
  const { paragraphs, changes: layoutChanges } = buildParagraphs(lines);
  changes.push(...layoutChanges);

  const headingLines = paragraphs.filter((p) => p.heading).map((p) => p.firstLine);
  if (headingLines.length) changes.push({ kind: "heading", line: headingLines[0], note: `section headings marked ## on ${describeLines(headingLines)}` });

  const body = paragraphs.map((p) => (p.heading ? `## ${p.text}` : p.text)).join("\n\n");
  const normalized = normalizeCitedNumbers(body, firstBodyLine, paragraphs.map((p) => p.firstLine));
  changes.push(...normalized.changes);

  const opener = paragraphs[0]?.text ?? "";
  const title = suggestionTitle(opener);
  if (!title) {
    return { kind: "error", line: firstBodyLine, message: `no suggestion/proposal title in the opening “${opener.slice(0, 40)}…” (expected 您提出的《关于…的建议》收悉)` };
  }
  const closingLine = paragraphs.at(-1)?.text ?? "";
  if (!/感谢|此复|特此/u.test(closingLine)) review.push(`the body ends with “${closingLine.slice(-30)}”, not a courtesy line (感谢您对…): check the end of the letter`);
  if (closingLine && !endsSentence(closingLine)) review.push(`the last paragraph ends without punctuation: “…${closingLine.slice(-20)}”`);

  const session = input.catalogue.find(header.sessionName!);
  if (!session) {
    return { kind: "error", line: 1, message: `session “${header.sessionName}” is not in the sessions catalogue (_data/sessions.json): check the header, or add the session to the catalogue` };
  }
  const data: Record<string, unknown> = {
    docNumber: header.docNumber,
    issuer: header.issuer ?? closing.signature,
    assembly: session.assembly,
    term: session.term,
    meeting: session.meeting,
    session: session.name,
    proposalType: header.proposalType,
    proposalNumber: header.proposalNumber,
    ...(header.category ? { category: header.category } : {}),
    recipients: header.recipients,
    title,
    consulted: consultedAgencies(opener),
    date: closing.date,
    ...((closing.disclosure ?? header.disclosure) ? { disclosure: closing.disclosure ?? header.disclosure } : {}),
    source: { file: input.file, sha256: input.sha256 },
  };
  applyOverrides(data, input.overrides, changes);

  if (closing.signature && data.issuer !== closing.signature) review.push(`signed “${closing.signature}”, but the header names the issuer “${String(data.issuer)}”`);
  const docYear = Number(/〔(\d{4})〕/u.exec(String(data.docNumber))?.[1]);
  if (docYear && docYear !== Number(String(data.date).slice(0, 4))) review.push(`文号 year ${docYear} differs from the reply date ${String(data.date)}`);
  if (Number(String(data.date).slice(0, 4)) < session.year) review.push(`reply date ${String(data.date)} is before the session (${session.year})`);

  const parsed = LetterData.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "error", message: `${issue.path.join(".") || "metadata"}: ${issue.message} (read: ${JSON.stringify(pick(data, issue.path[0]))})` };
  }
  const roleWanted = session.assembly === "npc" ? "代表" : "委员";
  const typeWanted = session.assembly === "npc" ? "建议" : "提案";
  if (parsed.data.proposalType !== typeWanted || parsed.data.recipients.some((r) => r.role !== roleWanted)) {
    return { kind: "error", line: 1, message: `${session.name} takes ${typeWanted} from ${roleWanted}, but the header says ${parsed.data.proposalType} to ${parsed.data.recipients.map((r) => r.name + r.role).join("、")}` };
  }

  const audit = auditHanCharacters(input.text, normalized.body, changes);
  if (!audit.ok) return { kind: "error", message: `no-text-lost audit failed: ${audit.message}; nothing written` };
  return { kind: "letter", data: parsed.data, body: normalized.body, changes, review, audit: audit.message };
}

function pick(data: Record<string, unknown>, key: PropertyKey | undefined): unknown {
  return typeof key === "string" ? data[key] : data;
}

export function applyOverrides(data: Record<string, unknown>, overrides: Record<string, unknown> | undefined, changes: Change[]): void {
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const before = data[key];
    data[key] = value;
    changes.push({ kind: "sidecar", note: `${key} from the sidecar file: ${JSON.stringify(value)}${before === undefined ? "" : ` (the text gave ${JSON.stringify(before)})`}` });
  }
}

/** Trailing white space (including the no-break spaces web pages leave) on each line. */
export function trimLineEnds(text: string): { text: string; lines: number[] } {
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

/** 您提出的《关于…的建议》收悉 → 关于…的建议 (without 《》 or “”). */
export function suggestionTitle(opening: string): string | undefined {
  const match =
    /提出的?(?:《(?<a>[^》]+)》|“(?<b>[^”]+)”|"(?<c>[^"]+)"|(?<d>关于.+?(?:建议|提案)))(?:已)?收悉/u.exec(opening) ??
    /提出的?(?<e>.+?)(?:已)?收悉/u.exec(opening);
  const g = match?.groups;
  return g ? (g.a ?? g.b ?? g.c ?? g.d ?? g.e)?.trim() : undefined;
}

/** 经商国家卫生健康委、全国总工会，现答复如下 → [国家卫生健康委, 全国总工会]. */
export function consultedAgencies(opening: string): string[] {
  const match = /经商(?<list>[^，。,；]+?)(?:同意)?[，,。；]/u.exec(opening);
  if (!match?.groups) return [];
  return match.groups.list!.split(/[、和及]/u).map((name) => name.trim()).filter(Boolean);
}

/** Cited 文号 with stray brackets (医保发［2020]6号) get 〔〕; each change is recorded. */
export function normalizeCitedNumbers(body: string, firstLine: number, paragraphLines: number[]): { body: string; changes: Change[] } {
  const changes: Change[] = [];
  const result = body.replace(new RegExp(DOC_NUMBER_ANY.source, "gu"), (match, code: string, year: string, serial: string, offset: number) => {
    const normalized = normalizeDocNumber(code, year, serial);
    if (normalized !== match) {
      const paragraph = body.slice(0, offset).split("\n\n").length - 1;
      changes.push({ kind: "bracket", line: paragraphLines[paragraph] ?? firstLine, note: `文号 brackets normalized: ${match} → ${normalized} ${contextAt(body, offset, offset + match.length, 4)}` });
    }
    return normalized;
  });
  return { body: result, changes };
}

function flat(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}
