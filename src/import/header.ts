/** Reads a reply's header: issuer, session, number, type, 文号, salutation (the closing is closing.ts). Pure. */
import { toAsciiDigits } from "../model/chinese.ts";
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
  docNumberFound?: { text: string; line: number };
  /** The issuer as the title names it (国家医疗保障局对…), or the 版头 line above the title. */
  issuer?: string;
  issuerFrom?: "title" | "版头";
  sessionName?: string;
  proposalNumber?: string;
  category?: string;
  proposalType?: AssemblyVocabulary["proposalType"];
  /** The title reads …答复的摘要: a published summary, not the reply itself. */
  summary?: boolean;
  recipients?: Recipient[];
  /** Set when a recipient's kind was inferred from the shape of its name (a party or organization). */
  recipientsInferred?: string;
  disclosure?: string;
}

/** （此件主动公开）, (主动公开), （此件公开发布）…: the forms of the disclosure note, wherever it stands. */
export const DISCLOSURE = /[（(]\s*(?:此件)?\s*(主动公开|公开发布|依申请公开|不予公开|删减后公开)\s*[）)]/u;

/** 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复李素萍代表：, its lines joined. */
const TITLE = new RegExp(
  `^(?<issuer>.*?)(?:对|关于)(?<session>.+?会议)(?<delegation>\\p{Script=Han}{2,12}代表团)?第(?<number>[0-9０-９]+)号(?:[（(](?<category>[^）)]+)[）)])?(?<type>${PROPOSAL_TYPES})(?<ending>答复的摘要|的答复摘要|答复摘要|办理情况摘要|的答复[（(]摘要[）)]|答复的函[（(]摘要[）)]|的答复函|的答复|答复的函|的复函|答复)(?<rest>.*)$`,
  "u",
);

/** A web page's controls that a copy brings along, even glued to a name: 【字号：大 中 小】, 打印本页, 关闭窗口. */
const WEB_CONTROLS = /[【\[]?\s*(?:字号|字体)\s*[：:]?\s*[【\[]?\s*大\s*中\s*小\s*[】\]]*|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】/gu;

/** The header is everything before the opening paragraph, in any of its line layouts. */
export function parseHeader(headerText: string): Header {
  const header: Header = {};
  // OCR spaces out characters (国 卫 提 函 〔 2023 〕 12 号); lines stay where they are.
  let text = headerText.replace(/(?<=[\p{Script=Han}〔〕［］\[\]【】（）()0-9０-９])[ \t\u3000]+(?=[\p{Script=Han}〔〕［］\[\]【】（）()0-9０-９])/gu, "");

  const numberMatch = new RegExp(DOC_NUMBER_ANY.source, "u").exec(text);
  if (numberMatch) {
    const code = docCode(numberMatch[1]!);
    header.docNumber = normalizeDocNumber(code, numberMatch[2]!, numberMatch[3]!, numberMatch[4]!);
    const codeStart = numberMatch.index + numberMatch[1]!.length - code.length;
    header.docNumberFound = { text: text.slice(codeStart, numberMatch.index + numberMatch[0].length), line: text.slice(0, codeStart).split("\n").length };
    text = text.slice(0, codeStart) + "\n" + text.slice(numberMatch.index + numberMatch[0].length);
  }
  const disclosure = DISCLOSURE.exec(text);
  if (disclosure) {
    header.disclosure = disclosure[1];
    text = text.replace(DISCLOSURE, "");
  }

  const segments = text
    .split("\n")
    .map((line) => line.replace(WEB_CONTROLS, "").replace(/\s+/g, ""))
    .filter(Boolean);
  const flat = segments.join("");
  const title = TITLE.exec(flat);
  let salutationText: string;
  if (title?.groups) {
    const g = title.groups;
    const issuer = issuerBefore(segments, g.issuer!.length);
    if (issuer) Object.assign(header, issuer);
    header.sessionName = g.session;
    header.proposalNumber = toAsciiDigits(g.number!);
    if (g.category) header.category = toAsciiDigits(g.category);
    header.proposalType = g.type as Header["proposalType"];
    if (/摘要/u.test(g.ending!)) header.summary = true;
    salutationText = g.rest ?? "";
  } else {
    salutationText = segments.at(-1) ?? "";
  }
  const salutation = parseSalutation(salutationText);
  if (salutation) {
    header.recipients = salutation.recipients;
    if (salutation.inferred) header.recipientsInferred = salutation.inferred;
  }
  return header;
}

/** 版头 lines print the issuer as 中华人民共和国教育部, 教育部文件, 国家发展和改革委员会办公厅（函）: the name is the core. */
function masthead(line: string): string {
  return line.replace(/^中华人民共和国(?=\p{Script=Han}{2,}(?:部|委员会|银行|署)$)/u, "").replace(/(?:文件|[（(]?函[）)]?)$/u, "");
}

/**
 * The issuer stands before 对/关于 on the same line (one-line and two-block headers) or
 * on the line above (the official header's 版头); lines further up are page furniture.
 */
function issuerBefore(segments: string[], offset: number): Pick<Header, "issuer" | "issuerFrom"> | undefined {
  let start = 0;
  for (const [i, segment] of segments.entries()) {
    if (offset < start + segment.length) {
      const inTitle = segment.slice(0, offset - start);
      const candidate = inTitle ? inTitle : segments[i - 1] && masthead(segments[i - 1]!);
      if (!candidate || !/^[\p{Script=Han}（）()]{2,30}$/u.test(candidate)) return undefined;
      return { issuer: candidate, issuerFrom: inTitle ? "title" : "版头" };
    }
    start += segment.length;
  }
  return undefined;
}

const PERSONS = new RegExp(`^(?:尊敬的)?(?<names>[^：:]*?)(?<role>${ROLES})(?:们)?[：:]$`, "u");
const ROLE_AT_END = new RegExp(`(${ROLES})$`, "u");
/** How the name of a body that makes proposals ends: 河北代表团, 中国民主同盟中央委员会, 致公党中央, 全国工商联, 经济界. */
const GROUP = /^(?:尊敬的)?(?<name>\p{Script=Han}{2,30}?(?<end>代表团|中央委员会|中央|委员会|联合会|工商联|总工会|妇联|残联|科协|侨联|台联|青联|文联|作协|学社|同盟|界别|界|联组|小组|协会|学会|研究会))[：:]$/u;
/** Bodies whose kind is not in doubt: the eight parties, 全国工商联, the people's organizations, 界别 and the CPPCC's special committees. */
const KNOWN_GROUP = /^(?:(?:中国国民党革命委员会|中国民主同盟|中国民主建国会|中国民主促进会|中国农工民主党|中国致公党|九三学社|台湾民主自治同盟)(?:中央委员会|中央)?|(?:民革|民盟|民建|民进|农工党|致公党|台盟|九三学社)中央|全国工商联|中华全国工商业联合会|中华全国总工会|全国总工会|共青团中央|全国妇联|中华全国妇女联合会|中国科协|中国残联|全国侨联|全国台联|全国青联|中国文联|中国作协|全国政协\p{Script=Han}{2,16}委员会|\p{Script=Han}{1,8}界(?:别)?)$/u;

/**
 * The salutation: 李素萍代表： → [{李素萍, 代表}]; 李素萍、王芳代表： and 李素萍代表、王芳代表： →
 * two recipients; 陈某等代表： → the lead deputy; 河北代表团： → a delegation; 中国民主同盟中央委员会：
 * → a party (党派团体), with `inferred` set when the body is not one of KNOWN_GROUP.
 */
export function parseSalutation(text: string): { recipients: Recipient[]; inferred?: string } | undefined {
  const compact = text.replace(/\s+/g, "");
  const group = GROUP.exec(compact)?.groups;
  if (group) {
    const role = group.end === "代表团" ? "代表团" : "党派团体";
    const inferred = role === "党派团体" && !KNOWN_GROUP.test(group.name!) ? `recipient “${group.name}” read as a party or organization (党派团体) from the shape of its name: check the salutation` : undefined;
    return { recipients: [{ name: group.name!, role }], ...(inferred ? { inferred } : {}) };
  }
  const match = PERSONS.exec(compact);
  if (!match?.groups) return undefined;
  const role = match.groups.role as Recipient["role"];
  const names = match.groups
    .names!.split(/[、，,和及]/u)
    .map((name) => name.replace(ROLE_AT_END, "").replace(/等(?:\d+|[一二三四五六七八九十]+)?(?:位|名)?$/u, "").trim())
    .filter(Boolean);
  if (!names.length || names.some((name) => !/^[\p{Script=Han}·•]{2,12}$/u.test(name))) return undefined;
  return { recipients: names.map((name) => ({ name, role })) };
}
