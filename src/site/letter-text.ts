/** The wording of a reply that the site renders from metadata: heading, salutation, references, citation. Pure. */
import type { Letter } from "../model/letter.ts";
import { formatChineseDate } from "../model/chinese.ts";

/** 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复 */
export function letterHeading(letter: Letter): string {
  const category = letter.category ? `（${letter.category}）` : "";
  return `${letter.issuer}对${letter.session}第${letter.proposalNumber}号${category}${letter.proposalType}的答复`;
}

/** 李素萍代表： — several signatories share one role: 张三、李四代表： */
export function salutation(letter: Letter): string {
  const roles = [...new Set(letter.recipients.map((r) => r.role))];
  if (roles.length === 1) return `${letter.recipients.map((r) => r.name).join("、")}${roles[0]}：`;
  return `${letter.recipients.map((r) => `${r.name}${r.role}`).join("、")}：`;
}

/** 第2152号建议 */
export function shortReference(letter: Letter): string {
  return `第${letter.proposalNumber}号${letter.proposalType}`;
}

/** 十三届全国人大三次会议第2152号建议 */
export function fullReference(letter: Letter): string {
  return `${letter.session}${shortReference(letter)}`;
}

export function recipientNames(letter: Letter): string {
  return letter.recipients.map((r) => r.name).join("、");
}

/**
 * GB/T 7714-2015 reference for an online official document. The access date ([引用日期])
 * belongs to the reader, not the build, so it is left for them to add.
 */
export function gbtCitation(letter: Letter, absoluteUrl: string): string {
  return `${letter.issuer}. ${letterHeading(letter)}: ${letter.docNumber}[EB/OL]. (${letter.date}). ${absoluteUrl}.`;
}

export function chineseDate(isoDate: string): string {
  return formatChineseDate(isoDate);
}

/** 2020年10月 */
export function chineseMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split("-").map(Number);
  return `${year}年${month}月`;
}
