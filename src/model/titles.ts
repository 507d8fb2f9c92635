/**
 * How a reply names itself, in the wording of the official documents (the forms are in
 * vocabulary.ts). Pure.
 *
 *   NPC:   国家医疗保障局对十三届全国人大三次会议第2152号建议的答复
 *   CPPCC: 国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函
 */
import type { LetterData } from "./letter.ts";
import { ASSEMBLIES } from "./vocabulary.ts";

type TitleFields = Pick<LetterData, "issuer" | "assembly" | "term" | "meeting" | "proposalNumber" | "category">;

/** The session as the replies write it: 十三届全国人大三次会议, 政协十三届全国委员会第五次会议. */
export function formalSessionName(letter: Pick<LetterData, "assembly" | "term" | "meeting">): string {
  return ASSEMBLIES[letter.assembly].formalSession(letter.term, letter.meeting);
}

/** 第2152号建议, 第01983号（社会管理类184号）提案. */
export function proposalReference(letter: Pick<LetterData, "assembly" | "proposalNumber" | "category">): string {
  return ASSEMBLIES[letter.assembly].reference(letter.proposalNumber, letter.category);
}

/** The full title of the reply, as printed at its head. */
export function replyTitle(letter: TitleFields): string {
  return ASSEMBLIES[letter.assembly].replyTitle(letter.issuer, formalSessionName(letter), proposalReference(letter));
}

/** A short label for running heads and lists: 第2152号建议, 第01983号提案. */
export function shortReference(letter: Pick<LetterData, "assembly" | "proposalNumber">): string {
  return ASSEMBLIES[letter.assembly].reference(letter.proposalNumber);
}

/** 李素萍代表： — several signatories share one role: 张三、李四代表： */
export function salutation(letter: Pick<LetterData, "recipients">): string {
  const roles = [...new Set(letter.recipients.map((r) => r.role))];
  if (roles.length === 1) return `${letter.recipients.map((r) => r.name).join("、")}${roles[0]}：`;
  return `${letter.recipients.map((r) => `${r.name}${r.role}`).join("、")}：`;
}
