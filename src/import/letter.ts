/**
 * Raw text of a reply letter (or a published summary of one) to its metadata and body: the
 * header and the closing are read into metadata, the body between them keeps its wording.
 * Every inference that could be wrong leaves a review line. Pure.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import { LetterData, type Recipient } from "../model/letter.ts";
import { recipientLabel } from "../model/titles.ts";
import { takesRole, vocabularyOf } from "../model/vocabulary.ts";
import { lineAt, type Change } from "./changes.ts";
import { consultedAgencies } from "./agencies.ts";
import { applyOverrides, audited, buildBody, type ImportInput, type ImportOutcome, type PreparedText } from "./body.ts";
import { parseClosing, type Closing } from "./closing.ts";
import { DOC_NUMBER_ANY, PROPOSAL_TYPES, normalizeDocNumber, parseHeader, parseSalutation, type Header } from "./header.ts";
import type { Evidence } from "./formats/extracted.ts";
import { docNumberKey } from "../model/ids.ts";
import { endsSentence, type SourceLine } from "./paragraphs.ts";

/** The opening of a reply: 您提出的《…》收悉, 你们提出的…, and a body's: 贵会/贵党/贵单位提出的…. */
const OPENING = /(?:您们?|你们?|贵(?:会|党|单位|团|组织|联合会))(?:领衔|联名)?(?:提出|所提|提交|所提出)的?/u;
/** The title line of a published summary: 关于…第1234号建议答复的摘要. */
const SUMMARY_TITLE = /^.*(?:答复的?摘要|办理情况摘要|答复(?:的函)?[（(]摘要[）)])\s*$/mu;

/** Where a reply's opening starts; undefined when the text has none (then it is not a letter). */
export function findOpening(text: string): number | undefined {
  const opening = OPENING.exec(text)?.index;
  const summary = SUMMARY_TITLE.exec(text);
  if (!summary || (opening !== undefined && opening < summary.index)) return opening;
  // A summary's body starts on the first line after its title that is not a salutation or a 文号.
  let at = summary.index + summary[0].length;
  for (const line of text.slice(at).split("\n")) {
    if (line.trim() && (opening === undefined || at + line.length < opening) && !parseSalutation(line) && !/^\s*\S{1,12}[〔［\[【（(]\s*\d{4}/u.test(line)) {
      return at + line.search(/\S/u);
    }
    if (opening !== undefined && at + line.length >= opening) return opening;
    at += line.length + 1;
  }
  return opening;
}

/** prepared.text has its folios removed already; input.text is the text as decoded, for the audit. */
export function importLetter(input: ImportInput, prepared: PreparedText, openingAt: number): ImportOutcome {
  const { text } = prepared;
  const changes: Change[] = [...prepared.changes];
  const review: string[] = [];
  const headerText = text.slice(0, openingAt);
  const header = parseHeader(headerText);
  const headerLines = `lines ${lineAt(text, 0)}–${lineAt(text, openingAt)}`;
  const found = header.docNumberFound;
  if (found && found.text !== header.docNumber) {
    changes.push({ kind: "bracket", line: found.line, note: `文号 brackets normalized: ${found.text} → ${header.docNumber} (header)` });
  }
  if (headerText.trim()) changes.push({ kind: "header", line: 1, note: `header read into metadata: “${flat(headerText)}”`, removed: headerText });

  const closing = parseClosing(text, openingAt);
  const bodyEnd = closing?.start ?? text.length;
  if (closing) {
    const closingText = text.slice(closing.start);
    changes.push({ kind: "signature", line: lineAt(text, closing.start), note: `signature and date read into metadata: “${flat(closingText)}”`, removed: closingText });
    for (const note of closing.endnotes) changes.push({ kind: "endnote", note: `版记 read into metadata: ${note}` });
    for (const line of closing.leftover) review.push(`line ${lineAt(text, text.indexOf(line, closing.start))}: text after the date was not kept in the body: “${line}”`);
    if (closing.numeralDate) review.push(`date read from Chinese numerals: ${closing.numeralDate.replace(/\s+/gu, "")} → ${closing.date}`);
  }

  const firstBodyLine = lineAt(text, openingAt);
  const lines: SourceLine[] = text.slice(openingAt, bodyEnd).split("\n").map((line, i) => ({ no: firstBodyLine + i, text: line }));
  const { paragraphs, body } = buildBody(lines, firstBodyLine, changes);
  const opener = paragraphs[0]?.text ?? "";
  const closingLine = paragraphs.at(-1)?.text ?? "";

  const summary = header.summary || input.overrides?.kind === "summary";
  const recipients = header.recipients ?? (summary ? recipientsInOpener(opener) : undefined);
  if (header.recipientsInferred) review.push(header.recipientsInferred);
  if (!header.recipients && recipients?.length) changes.push({ kind: "header", line: firstBodyLine, note: `recipients read from the opening: ${recipients.map(recipientLabel).join("、")}` });

  const data: Record<string, unknown> = {
    ...(summary ? { kind: "summary" } : {}),
    docNumber: header.docNumber,
    issuer: issuerOf(header, closing, input.agencies, changes, review),
    session: header.sessionName,
    proposalType: header.proposalType,
    proposalNumber: header.proposalNumber,
    ...(header.category ? { category: header.category } : {}),
    recipients: recipients ?? (summary ? [] : undefined),
    title: suggestionTitle(opener),
    consulted: consultedAgencies(opener, review, input.agencies),
    date: closing?.date,
    ...((closing?.disclosure ?? header.disclosure) ? { disclosure: closing?.disclosure ?? header.disclosure } : {}),
    ...(closing?.cc ? { cc: closing.cc } : {}),
    ...(closing?.contact ? { contact: closing.contact } : {}),
    source: input.source,
  };
  if (input.evidence) weighEvidence(data, input.evidence, input.agencies, changes, review);
  // The sidecar comes before the checks: it can supply what the text lacks.
  applyOverrides(data, input.overrides, changes);

  // Each missing fact: what was expected where, and the sidecar line that would supply it.
  const missing = [
    !summary && !data.docNumber && { line: 1, what: `no 文号 (expected a line such as 医保函〔2020〕135号) in the header (${headerLines})`, sidecar: "docNumber: 医保函〔2020〕135号" },
    !data.session && { line: 1, what: `no session and number (expected a title such as 对十三届全国人大三次会议第2152号建议的答复) in the header (${headerLines}: “${flat(headerText).slice(0, 80)}”)`, sidecar: "session: 十三届全国人大三次会议, proposalType: 建议, proposalNumber: \"2152\"" },
    !summary && !data.recipients && { line: firstBodyLine, what: `no salutation (expected a line such as 李素萍代表：, 河北代表团： or 中国民主同盟中央委员会：) before the opening on line ${firstBodyLine}`, sidecar: "recipients: [{name: 李素萍, role: 代表}]" },
    !data.title && { line: firstBodyLine, what: `no suggestion/proposal title in the opening on line ${firstBodyLine} (“${opener.slice(0, 40)}…”; expected 您提出的《关于…的建议》收悉)`, sidecar: "title: 关于…的建议" },
    !data.date && { line: lineAt(text, text.length), what: `no reply date at the end (expected 2020年10月27日 or 二〇二〇年十月二十七日 after the signature)${input.evidence?.published ? `; the page gives only its publication date (发布日期 ${input.evidence.published}), which is not the reply's` : ""}`, sidecar: "date: 2020-10-27" },
    !data.issuer && { line: 1, what: "no issuer: neither the title, a 版头 line above it, the signature nor the 文号's code names one", sidecar: "issuer: 国家医疗保障局" },
  ].filter((m): m is { line: number; what: string; sidecar: string } => Boolean(m));
  if (missing.length) {
    const sidecar = missing.map((m) => m.sidecar).join("; ");
    return { kind: "error", line: missing[0]!.line, message: `${missing.map((m) => m.what).join("; ")}. Fix the raw file, or give the facts in the sidecar ${input.source.file}.meta.yaml (${sidecar})` };
  }

  const session = input.catalogue.find(String(data.session));
  if (!session) {
    const why = input.catalogue.explainMissing(String(data.session));
    return { kind: "error", line: 1, message: `session “${String(data.session)}” ${why ? `never existed: ${why}` : "is not one the catalogue (_data/sessions.json) can read: write it as 十三届全国人大三次会议 or 政协十三届全国委员会第三次会议"}` };
  }
  Object.assign(data, { assembly: session.assembly, term: session.term, meeting: session.meeting, session: session.name });

  if (!summary && !/感谢|此复|特此/u.test(closingLine)) review.push(`the body ends with “${closingLine.slice(-30)}”, not a courtesy line (感谢您对…): check the end of the letter`);
  if (closingLine && !endsSentence(closingLine)) review.push(`the last paragraph ends without punctuation: “…${closingLine.slice(-20)}”`);
  const signer = closing?.signature && (input.agencies.find(closing.signature)?.name ?? closing.signature);
  if (signer && data.issuer !== signer) review.push(`signed “${closing!.signature}”, but the header names the issuer “${String(data.issuer)}”`);
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

/**
 * A web page's 信息公开 table fills the fields the letter's text lacks (a summary's issuer and
 * date) and is compared with those it has: a disagreement is a review line, the text wins.
 */
function weighEvidence(data: Record<string, unknown>, evidence: Evidence, agencies: AgencyCatalogue, changes: Change[], review: string[]): void {
  const found = evidence.docNumber ? new RegExp(DOC_NUMBER_ANY.source, "u").exec(evidence.docNumber) : null;
  const facts: [field: string, label: string, value: string | undefined, same: (a: string, b: string) => boolean][] = [
    ["docNumber", "发文字号", found ? normalizeDocNumber(found[1]!, found[2]!, found[3]!, found[4]!) : undefined, (a, b) => docNumberKey(a) === docNumberKey(b)],
    ["issuer", "发文机关", evidence.issuer && (agencies.find(evidence.issuer)?.name ?? evidence.issuer), (a, b) => a === b],
    ["date", "成文日期", evidence.date, (a, b) => a === b],
  ];
  for (const [field, label, value, same] of facts) {
    if (!value) continue;
    const own = data[field];
    if (own === undefined) {
      data[field] = value;
      changes.push({ kind: "evidence", note: `${field} ${value} from the page's ${label}` });
    } else if (!same(String(own), value)) {
      review.push(`the page's ${label} says ${value}, the letter ${String(own)}: the letter's is kept; check which is right`);
    }
  }
}

/**
 * The issuer, canonical in the agencies catalogue: from the title or the 版头 line above it,
 * else from the signature, else from the 文号's code. The report says which.
 */
function issuerOf(header: Header, closing: Closing | undefined, agencies: AgencyCatalogue, changes: Change[], review: string[]): string | undefined {
  const printed = header.issuer ?? closing?.signature;
  let agency = printed ? agencies.find(printed) : undefined;
  let from = header.issuer ? `the ${header.issuerFrom === "版头" ? "版头 line above the title" : "title"}` : "the signature";
  const code = /^[^〔]+/u.exec(header.docNumber ?? "")?.[0];
  if (!printed && code) {
    agency = agencies.byCode(code);
    from = `the 文号's code ${code}, through the agencies catalogue`;
  }
  const issuer = agency?.name ?? printed;
  if (!issuer) return undefined;
  changes.push({ kind: "issuer", note: `issuer ${issuer} from ${from}${printed && printed !== issuer ? ` (printed ${printed})` : ""}` });
  if (!header.issuer) review.push(`issuer “${issuer}” taken from ${from} only: check it`);
  if (!agency) review.push(`issuer “${issuer}” is not in the agencies catalogue (_data/issuers.json): check the name, or add the agency there`);
  return issuer;
}

/** A summary names its proposers in its first sentence: 陈明远、林芳代表提出的… → two recipients. */
function recipientsInOpener(opener: string): Recipient[] | undefined {
  const names = /^(?<who>[^，。：:]{2,40}?)(?:领衔|联名)?(?:提出|所提)的?/u.exec(opener)?.groups?.who;
  return names ? parseSalutation(`${names}：`)?.recipients : undefined;
}

function pick(data: Record<string, unknown>, key: PropertyKey | undefined): unknown {
  return typeof key === "string" ? data[key] : data;
}

/** The title as the opening cites it: in 《》, in quotes, or bare from 关于 to 建议/提案. */
const CITED_TITLE = new RegExp(`提出的?(?:《(?<a>[^》]+)》|“(?<b>[^”]+)”|"(?<c>[^"]+)"|(?<d>关于.+?(?:${PROPOSAL_TYPES})))(?:已)?收悉`, "u");

/** 您提出的《关于…的建议》收悉 → 关于…的建议 (without 《》 or “”). */
export function suggestionTitle(opening: string): string | undefined {
  const match = CITED_TITLE.exec(opening) ?? /提出的?(?<e>.+?)(?:已)?收悉/u.exec(opening) ?? /提出的?《(?<a>[^》]+)》/u.exec(opening);
  const g = match?.groups;
  return g ? (g.a ?? g.b ?? g.c ?? g.d ?? g.e)?.trim() : undefined;
}

function flat(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}
