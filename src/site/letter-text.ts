/** The wording of a reply that the site renders from metadata: heading, salutation, references, citation. Pure. */
import type { Letter } from "../model/letter.ts";
import { replyTitle, shortReference } from "../model/titles.ts";

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
  return `${letter.issuer}. ${replyTitle(letter)}: ${letter.docNumber}[EB/OL]. (${letter.date}). ${absoluteUrl}.`;
}

/** 2020年10月 */
export function chineseMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split("-").map(Number);
  return `${year}年${month}月`;
}
