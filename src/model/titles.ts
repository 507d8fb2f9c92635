/**
 * How a reply names itself, in the wording of the official documents. Pure.
 *
 *   NPC:   国家医疗保障局对十三届全国人大三次会议第2152号建议的答复
 *   CPPCC: 国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函
 */
import type { LetterData } from "./letter.ts";

type TitleFields = Pick<LetterData, "issuer" | "assembly" | "term" | "meeting" | "proposalNumber" | "category">;

const DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 5 → 五, 13 → 十三, 20 → 二十, 24 → 二十四: how terms and meetings are counted (1–99). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`not a count from 1 to 99: ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? "" : tens === 1 ? "十" : `${DIGITS[tens]}十`;
  return tensPart + (ones ? DIGITS[ones] : "");
}

/** The session as the replies write it: 十三届全国人大三次会议, 政协十三届全国委员会第五次会议. */
export function formalSessionName(letter: Pick<LetterData, "assembly" | "term" | "meeting">): string {
  const term = chineseCount(letter.term);
  const meeting = chineseCount(letter.meeting);
  return letter.assembly === "npc" ? `${term}届全国人大${meeting}次会议` : `政协${term}届全国委员会第${meeting}次会议`;
}

/** 第2152号建议, 第01983号（社会管理类184号）提案. */
export function proposalReference(letter: Pick<LetterData, "assembly" | "proposalNumber" | "category">): string {
  if (letter.assembly === "npc") return `第${letter.proposalNumber}号建议`;
  const category = letter.category ? `（${letter.category}）` : "";
  return `第${letter.proposalNumber}号${category}提案`;
}

/** The full title of the reply, as printed at its head. */
export function replyTitle(letter: TitleFields): string {
  const session = formalSessionName(letter);
  const reference = proposalReference(letter);
  return letter.assembly === "npc"
    ? `${letter.issuer}对${session}${reference}的答复`
    : `${letter.issuer}关于${session}${reference}答复的函`;
}

/** A short label for running heads and lists: 第2152号建议, 第01983号提案. */
export function shortReference(letter: Pick<LetterData, "assembly" | "proposalNumber">): string {
  return `第${letter.proposalNumber}号${letter.assembly === "npc" ? "建议" : "提案"}`;
}

/** 李素萍代表： — several signatories share one role: 张三、李四代表： */
export function salutation(letter: Pick<LetterData, "recipients">): string {
  const roles = [...new Set(letter.recipients.map((r) => r.role))];
  if (roles.length === 1) return `${letter.recipients.map((r) => r.name).join("、")}${roles[0]}：`;
  return `${letter.recipients.map((r) => `${r.name}${r.role}`).join("、")}：`;
}
