/**
 * How the outputs name a letter where the resolved model leaves the wording to them: its
 * identifier when it has no 文号, its kind, the heading over its recipients, its contact and
 * its place among the replies to one suggestion. Read by the pages, the data files, search and
 * the print edition alike. Pure.
 */
import { chineseCount } from "./chinese.ts";
import { formatChineseDate } from "./dates.ts";
import { docNumberKey } from "./ids.ts";
import type { Contact, Letter } from "./letter.ts";

/** 医保函〔2020〕135号; a summary without one: 十四届全国人大一次会议第1234号建议, which no other reply of that issuer shares. */
export function letterIdentifier(letter: Pick<Letter, "docNumber" | "fullReference">): string {
  return letter.docNumber || letter.fullReference;
}

/**
 * The 文号 as the letter's details give it: one printed with 第 also in the form without it, so
 * a reader who types either finds it (教建议〔2022〕第317号（又作教建议〔2022〕317号）).
 */
export function docNumberEntry(docNumber: string): string {
  const key = docNumberKey(docNumber);
  return key === docNumber ? docNumber : `${docNumber}（又作${key}）`;
}

/** A 册 of a split year's volume: 第一册, 第二册 … */
export function partLabel(number: number): string {
  return `第${chineseCount(number)}册`;
}

export const KIND_LABELS = { reply: "答复", summary: "答复摘要" } as const;

/**
 * The heading over a letter's recipients: the roles they hold, in the order they sign
 * (代表, 代表团, 委员, 党派团体; 代表、代表团 when a delegation and a deputy sign one). Empty
 * when the letter names none (a summary may not).
 */
export function recipientsHeading(recipients: Letter["recipients"]): string {
  return [...new Set(recipients.map((r) => r.role))].join("、");
}

/** The contact as published: the phone only where the site settings say so. Undefined when nothing is left. */
export function publishedContact(contact: Contact | undefined, publishPhone: boolean): Contact | undefined {
  if (!contact) return undefined;
  const { phone, ...rest } = contact;
  const published = publishPhone && phone ? { ...rest, phone } : rest;
  return Object.keys(published).length ? published : undefined;
}

/** The contact line of the 版记: 联系人：张明，联系单位：…，联系电话：…. */
export function contactLine(contact: Contact): string {
  return [
    contact.name && `联系人：${contact.name}`,
    contact.unit && `联系单位：${contact.unit}`,
    contact.phone && `联系电话：${contact.phone}`,
  ].filter(Boolean).join("，");
}

/** What identifies one reply among several to the same suggestion: 国家卫生健康委员会答复（国卫提函〔2023〕45号）. */
export function otherReplyLabel(letter: Pick<Letter, "issuer" | "kind" | "docNumber" | "date">, issuer = letter.issuer): string {
  return `${issuer}${KIND_LABELS[letter.kind]}（${letter.docNumber || formatChineseDate(letter.date)}）`;
}

/** 同一建议的其他答复, 同一提案的其他答复. */
export function otherRepliesHeading(letter: Pick<Letter, "proposalType">): string {
  return `同一${letter.proposalType}的其他答复`;
}

/**
 * Letters that answer one suggestion or proposal (one session, one number): a lead unit's
 * reply and the co-handling units', or a summary beside the full reply. Only groups of two or
 * more, each in the order given.
 */
export function repliesToOneProposal<T extends { letter: Pick<Letter, "sessionEntry" | "proposalNumber"> }>(items: readonly T[]): Map<T, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.letter.sessionEntry.id}#${item.letter.proposalNumber}`;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const others = new Map<T, T[]>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    for (const item of list) others.set(item, list.filter((other) => other !== item));
  }
  return others;
}

/**
 * The name an edition or page gives the issuers of its letters: the one body when there is one,
 * else the archive's collective name from the site settings (国家部委).
 */
export function issuersName(issuers: readonly string[], collective: string): string {
  const distinct = [...new Set(issuers)];
  return distinct.length === 1 ? distinct[0]! : collective;
}
