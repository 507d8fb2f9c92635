/**
 * Raw text of a reply letter to its metadata and body: the header and the closing are read
 * into metadata, the body between them keeps its wording. Pure.
 */
import { LetterData } from "../model/letter.ts";
import { recipientLabel } from "../model/titles.ts";
import { takesRole, vocabularyOf } from "../model/vocabulary.ts";
import { lineAt, type Change } from "./changes.ts";
import { consultedAgencies } from "./agencies.ts";
import { applyOverrides, audited, buildBody, type ImportInput, type ImportOutcome, type PreparedText } from "./body.ts";
import { PROPOSAL_TYPES, parseClosing, parseHeader } from "./header.ts";
import { endsSentence, type SourceLine } from "./paragraphs.ts";

/** The opening of a reply: 您提出的《…》收悉 and its variants. */
const OPENING = /(?:您|你)(?:们)?(?:领衔|联名)?(?:提出|所提|提交|所提出)的?/u;

/** Where a reply's opening starts; undefined when the text has none (then it is not a letter). */
export function findOpening(text: string): number | undefined {
  return OPENING.exec(text)?.index;
}

/** prepared.text has its folios removed already; input.text is the text as decoded, for the audit. */
export function importLetter(input: ImportInput, prepared: PreparedText, openingAt: number): ImportOutcome {
  const { text } = prepared;
  const changes: Change[] = [...prepared.changes];
  const header = parseHeader(text.slice(0, openingAt));
  const headerLines = `${lineAt(text, 0)}–${lineAt(text, openingAt)}`;
  const missing = [
    !header.docNumber && "文号 (such as 医保函〔2020〕135号)",
    !header.sessionName && "session and number (such as 对十三届全国人大三次会议第2152号建议的答复)",
    !header.recipients && "salutation (such as 李素萍代表：)",
  ].filter(Boolean);
  if (missing.length) {
    return {
      kind: "error",
      line: lineAt(text, openingAt),
      message: `header (lines ${headerLines}) lacks ${missing.join(", ")}; fix the header in the raw file, or give the fields in a sidecar .meta.yaml`,
    };
  }
  const found = header.docNumberFound;
  if (found && found.text !== header.docNumber) {
    changes.push({ kind: "bracket", line: lineAt(text, found.at), note: `文号 brackets normalized: ${found.text} → ${header.docNumber} (header)` });
  }
  changes.push({ kind: "header", line: 1, note: `header read into metadata: “${flat(text.slice(0, openingAt))}”`, removed: text.slice(0, openingAt) });

  const closing = parseClosing(text, openingAt);
  if (!closing) {
    return { kind: "error", line: lineAt(text, text.length), message: "no reply date at the end (such as 2020年10月27日 after the signature); add it to the raw file or give date in a sidecar .meta.yaml" };
  }
  const review: string[] = [];
  const closingText = text.slice(closing.start);
  changes.push({ kind: "signature", line: lineAt(text, closing.start), note: `signature and date read into metadata: “${flat(closingText)}”`, removed: closingText });
  if (closing.leftover) review.push(`line ${lineAt(text, text.length)}: text after the date was not kept in the body: “${closing.leftover}”`);

  const bodyText = text.slice(openingAt, closing.start);
  const firstBodyLine = lineAt(text, openingAt);
  const lines: SourceLine[] = bodyText.split("\n").map((line, i) => ({ no: firstBodyLine + i, text: line }));
  const { paragraphs, body } = buildBody(lines, firstBodyLine, changes);

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
    consulted: consultedAgencies(opener, review),
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
  const wanted = vocabularyOf(session.assembly);
  if (parsed.data.proposalType !== wanted.proposalType || parsed.data.recipients.some((r) => !takesRole(session.assembly, r.role))) {
    return { kind: "error", line: 1, message: `${session.name} takes ${wanted.proposalType} from ${wanted.role} or ${wanted.groupRole}, but the header says ${parsed.data.proposalType} to ${parsed.data.recipients.map(recipientLabel).join("、")}` };
  }
  return audited(input.text, { kind: "letter", data: parsed.data, body, changes, review });
}

function pick(data: Record<string, unknown>, key: PropertyKey | undefined): unknown {
  return typeof key === "string" ? data[key] : data;
}

/** The title as the opening cites it: in 《》, in quotes, or bare from 关于 to 建议/提案. */
const CITED_TITLE = new RegExp(`提出的?(?:《(?<a>[^》]+)》|“(?<b>[^”]+)”|"(?<c>[^"]+)"|(?<d>关于.+?(?:${PROPOSAL_TYPES})))(?:已)?收悉`, "u");

/** 您提出的《关于…的建议》收悉 → 关于…的建议 (without 《》 or “”). */
export function suggestionTitle(opening: string): string | undefined {
  const match = CITED_TITLE.exec(opening) ?? /提出的?(?<e>.+?)(?:已)?收悉/u.exec(opening);
  const g = match?.groups;
  return g ? (g.a ?? g.b ?? g.c ?? g.d ?? g.e)?.trim() : undefined;
}


function flat(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}
