/**
 * How a reply names itself, in the wording of the official documents (the forms are in
 * vocabulary.ts). Pure.
 *
 *   NPC:   国家医疗保障局对十三届全国人大三次会议第2152号建议的答复
 *   CPPCC: 国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函
 */
import type { LetterData } from "./letter.ts";
import { ASSEMBLIES, isGroupRole } from "./vocabulary.ts";

type TitleFields = Pick<LetterData, "kind" | "issuer" | "assembly" | "term" | "meeting" | "proposalNumber" | "category">;

/** The session as the replies write it: 十三届全国人大三次会议, 政协十三届全国委员会第五次会议. */
export function formalSessionName(letter: Pick<LetterData, "assembly" | "term" | "meeting">): string {
  return ASSEMBLIES[letter.assembly].formalSession(letter.term, letter.meeting);
}

/** 第2152号建议, 第01983号（社会管理类184号）提案. */
export function proposalReference(letter: Pick<LetterData, "assembly" | "proposalNumber" | "category">): string {
  return ASSEMBLIES[letter.assembly].reference(letter.proposalNumber, letter.category);
}

/** The full title of the reply, as printed at its head; a summary's: 关于…第1234号建议答复的摘要. */
export function replyTitle(letter: TitleFields): string {
  if (letter.kind === "summary") return `关于${formalSessionName(letter)}${proposalReference(letter)}答复的摘要`;
  return ASSEMBLIES[letter.assembly].replyTitle(letter.issuer, formalSessionName(letter), proposalReference(letter));
}

/** A short label for running heads and lists: 第2152号建议, 第01983号提案. */
export function shortReference(letter: Pick<LetterData, "assembly" | "proposalNumber">): string {
  return ASSEMBLIES[letter.assembly].reference(letter.proposalNumber);
}

/** 李素萍 (代表) → 李素萍代表; a body is named by itself: 河北代表团, 中国民主同盟中央委员会. */
export function recipientLabel(recipient: LetterData["recipients"][number]): string {
  return isGroupRole(recipient.role) ? recipient.name : `${recipient.name}${recipient.role}`;
}

/**
 * 李素萍代表： — several signatories share one role: 张三、李四代表：; a body: 河北代表团：.
 * Empty when there is no one to address (a summary).
 */
export function salutation(letter: Pick<LetterData, "recipients">): string {
  if (!letter.recipients.length) return "";
  const roles = [...new Set(letter.recipients.map((r) => r.role))];
  if (roles.length === 1 && !isGroupRole(roles[0]!)) return `${letter.recipients.map((r) => r.name).join("、")}${roles[0]}：`;
  return `${letter.recipients.map(recipientLabel).join("、")}：`;
}
