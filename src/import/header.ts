/** Reads a reply's header (issuer, session, number, type, 文号, salutation) and its closing (signature, date, disclosure). Pure. */
import { parseChineseNumber, toAsciiDigits } from "../model/chinese.ts";
import type { Recipient } from "../model/letter.ts";
import { ASSEMBLY_ORDER, vocabularyOf, type AssemblyVocabulary } from "../model/vocabulary.ts";

/** 建议|提案 and 代表|委员, from the vocabulary table, for the patterns below. */
export const PROPOSAL_TYPES = ASSEMBLY_ORDER.map((a) => vocabularyOf(a).proposalType).join("|");
const ROLES = ASSEMBLY_ORDER.map((a) => vocabularyOf(a).role).join("|");

const OPEN = "〔［\\[【（(";
const CLOSE = "〕］\\]】）)";

/**
 * A 文号 of any ministry, with any of the brackets people and OCR use: 医保函〔2023］90号,
 * 医保发［2020]6号, 国发(2020)6号, 建办复字（2023）12号, 教建议【2022】第317号. Groups: issuer code
 * (1–12 Han characters: 人社建字, 自然资人议复字…), year, an optional 第 (kept as printed), serial.
 */
export const DOC_NUMBER_ANY = new RegExp(
  `(\\p{Script=Han}{1,12})[${OPEN}]\\s*([0-9０-９]{4})\\s*[${CLOSE}]\\s*(第?)\\s*([0-9０-９]{1,6})\\s*号`,
  "gu",
);

/** The code part of a 文号 match can swallow header words glued before it (…建议的答复医保函): cut them off. */
function docCode(run: string): string {
  return run.replace(/^.*(?:答复的函|的答复|答复|的函|会议)/u, "");
}

/** Brackets → 〔〕, digits → ASCII, spaces out; the code and a printed 第 stay as they are. */
export function normalizeDocNumber(code: string, year: string, di: string, serial: string): string {
  return `${code}〔${toAsciiDigits(year)}〕${di}${toAsciiDigits(serial)}号`;
}

export interface Header {
  docNumber?: string;
  /** The 文号 as it stands in the text, and where: the report lists its normalization. */
  docNumberFound?: { text: string; at: number };
  issuer?: string;
  sessionName?: string;
  proposalNumber?: string;
  category?: string;
  proposalType?: AssemblyVocabulary["proposalType"];
  recipients?: Recipient[];
  disclosure?: string;
}

const DISCLOSURE = /[（(]\s*(?:此件)?(主动公开|依申请公开|不予公开|删减后公开)\s*[）)]/u;

/** 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复李素萍代表：, its lines joined. */
const TITLE = new RegExp(
  `^(?<issuer>.*?)(?:对|关于)(?<session>.+?会议)第(?<number>[0-9０-９]+)号(?:[（(](?<category>[^）)]+)[）)])?(?<type>${PROPOSAL_TYPES})(?:的答复函|的答复|答复的函|的复函|答复)(?<rest>.*)$`,
  "u",
);

/** The header is everything before the opening paragraph, in any of its line layouts. */
export function parseHeader(headerText: string): Header {
  const header: Header = {};
  let text = headerText;

  const numberMatch = new RegExp(DOC_NUMBER_ANY.source, "u").exec(text);
  if (numberMatch) {
    const code = docCode(numberMatch[1]!);
    header.docNumber = normalizeDocNumber(code, numberMatch[2]!, numberMatch[3]!, numberMatch[4]!);
    const codeStart = numberMatch.index + numberMatch[1]!.length - code.length;
    header.docNumberFound = { text: text.slice(codeStart, numberMatch.index + numberMatch[0].length), at: codeStart };
    text = text.slice(0, codeStart) + "\n" + text.slice(numberMatch.index + numberMatch[0].length);
  }
  const disclosure = DISCLOSURE.exec(text);
  if (disclosure) {
    header.disclosure = disclosure[1];
    text = text.replace(DISCLOSURE, "");
  }

  const segments = text.split("\n").map((line) => line.replace(/\s+/g, "")).filter(Boolean);
  const flat = segments.join("");
  const title = TITLE.exec(flat);
  if (title?.groups) {
    const g = title.groups;
    header.issuer = issuerBefore(segments, g.issuer!.length);
    header.sessionName = g.session;
    header.proposalNumber = toAsciiDigits(g.number!);
    if (g.category) header.category = toAsciiDigits(g.category);
    header.proposalType = g.type as Header["proposalType"];
    header.recipients = parseSalutation(g.rest ?? "");
  } else {
    header.recipients = parseSalutation(flat.slice(flat.lastIndexOf("\n") + 1));
  }
  return header;
}

/**
 * The issuer stands before 对/关于 on the same line (one-line and two-block headers) or
 * on the line above (the official header); lines further up are page furniture.
 */
function issuerBefore(segments: string[], offset: number): string | undefined {
  let start = 0;
  for (const [i, segment] of segments.entries()) {
    if (offset < start + segment.length) {
      const candidate = segment.slice(0, offset - start) || segments[i - 1];
      return candidate && /^[\p{Script=Han}（）()]{2,30}$/u.test(candidate) ? candidate : undefined;
    }
    start += segment.length;
  }
  return undefined;
}

const SALUTATION = new RegExp(`(?<names>[^：:]*?)(?<role>${ROLES})(?:们)?[：:]\\s*$`, "u");
const ROLE_AT_END = new RegExp(`(${ROLES})$`, "u");

/** 李素萍代表： → [{李素萍, 代表}]; 李素萍、王芳代表： and 李素萍代表、王芳代表： → two recipients. */
export function parseSalutation(text: string): Recipient[] | undefined {
  const match = SALUTATION.exec(text.replace(/\s+/g, ""));
  if (!match?.groups) return undefined;
  const role = match.groups.role as Recipient["role"];
  const names = match.groups
    .names!.split(/[、，,和及]/u)
    .map((name) => name.replace(ROLE_AT_END, "").trim())
    .filter(Boolean);
  if (!names.length || names.some((name) => !/^[\p{Script=Han}·•]{2,12}$/u.test(name))) return undefined;
  return names.map((name) => ({ name, role }));
}

export interface Closing {
  /** Offset in the text where the signature (or the date, when unsigned) starts: the body ends here. */
  start: number;
  signature?: string;
  date: string;
  disclosure?: string;
  /** Text after the date that is neither a disclosure note nor white space. */
  leftover: string;
}

const DATE = /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日/gu;

export function parseChineseDate(match: RegExpExecArray | RegExpMatchArray): string | undefined {
  const [year, month, day] = [match[1], match[2], match[3]].map((part) => parseChineseNumber(toAsciiDigits(part ?? "")));
  if (!year || !month || !day) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The closing of a reply: the last date in the text, the signature before it, a disclosure note after it. */
export function parseClosing(text: string, bodyStart: number): Closing | undefined {
  const dates = [...text.slice(bodyStart).matchAll(DATE)];
  const last = dates.at(-1);
  if (!last) return undefined;
  const dateStart = bodyStart + last.index!;
  const dateEnd = dateStart + last[0].length;
  const date = parseChineseDate(last);
  if (!date) return undefined;

  let after = text.slice(dateEnd);
  let disclosure: string | undefined;
  const note = DISCLOSURE.exec(after);
  if (note) {
    disclosure = note[1];
    after = after.replace(DISCLOSURE, "");
  }

  const lineStart = text.lastIndexOf("\n", dateStart - 1) + 1;
  const sameLine = text.slice(lineStart, dateStart).trim();
  let start = lineStart;
  let signature: string | undefined;
  if (sameLine && !/[。！？]/u.test(sameLine) && [...sameLine].length <= 40) {
    signature = sameLine;
  } else if (sameLine) {
    // The date closes a body line: nothing to take as a signature.
    start = dateStart;
  } else {
    const before = text.slice(bodyStart, lineStart).replace(/\s+$/u, "");
    const previousStart = before.lastIndexOf("\n") + 1;
    const previous = before.slice(previousStart).trim();
    if (previous && !/[。！？：]/u.test(previous) && [...previous].length <= 40) {
      signature = previous;
      start = bodyStart + previousStart;
    }
  }
  return { start, signature, date, disclosure, leftover: after.trim() };
}
