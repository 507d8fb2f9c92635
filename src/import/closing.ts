/**
 * A reply's closing, read into metadata: the signature and the date (on lines of their own,
 * or glued to the courtesy line: …的关心和支持。　　某某部　　2022年6月30日), a disclosure note
 * before or after them, and the 版记 after the date (抄送, 联系人/联系电话/联系单位, the 印发 line).
 * Pure.
 */
import type { Contact } from "../model/letter.ts";
import { parseChineseNumber, toAsciiDigits } from "../model/chinese.ts";
import { DISCLOSURE } from "./header.ts";

/** 2022年6月30日, 2022 年 6 月 30 日, 二〇二二年六月三十日 (OCR reads 〇 as ○ or Ｏ). */
export const CHINESE_DATE =
  /([0-9０-９]{4}|[〇○Ｏ零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日/gu;

/** A CHINESE_DATE match → 2022-06-30, or undefined when it is not a calendar date. */
export function isoDateOf(match: RegExpExecArray | RegExpMatchArray): string | undefined {
  const [year, month, day] = [match[1], match[2], match[3]].map((part) => parseChineseNumber(toAsciiDigits(part ?? "").replace(/[○Ｏ]/gu, "〇")));
  if (!year || !month || !day || month > 12 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export interface Closing {
  /** Offset in the text where the closing starts (the signature, a disclosure line above it, or the date): the body ends here. */
  start: number;
  signature?: string;
  date: string;
  /** The date as printed, when it is in Chinese numerals (the report asks to check the reading). */
  numeralDate?: string;
  disclosure?: string;
  cc?: string[];
  contact?: Contact;
  /** What each 版记 line became, for the report. */
  endnotes: string[];
  /** Lines after the date that are none of the above: kept out of the body and listed for review. */
  leftover: string[];
}

const SENTENCE_END = /[。！？!?]/u;
const SIGNATURE_MAX = 40;

/** A 版记 line: 抄送, 联系人/电话/单位, 印发, a disclosure note, 附件. */
const ENDNOTE = /^(?:抄\s*送|抄\s*报|联\s*系|电\s*话|附\s*件|\S*印发$)/u;

/**
 * The closing is the last date that stands as a closing: at the end of its line (or before a
 * disclosure note), with only a short signature or a finished sentence before it on the line,
 * and only 版记 lines after it. A date inside the wording (自2023年6月1日起施行。) is not one.
 */
export function parseClosing(text: string, bodyStart: number): Closing | undefined {
  const dates = [...text.slice(bodyStart).matchAll(CHINESE_DATE)].reverse();
  for (const match of dates) {
    const closing = closingAt(text, bodyStart, bodyStart + match.index!, match);
    if (closing) return closing;
  }
  return undefined;
}

function closingAt(text: string, bodyStart: number, dateStart: number, match: RegExpMatchArray): Closing | undefined {
  const date = isoDateOf(match);
  if (!date) return undefined;
  const dateEnd = dateStart + match[0].length;
  const lineEnd = text.indexOf("\n", dateEnd) < 0 ? text.length : text.indexOf("\n", dateEnd);
  const restOfLine = text.slice(dateEnd, lineEnd);
  const disclosureAfter = DISCLOSURE.exec(restOfLine);
  if (restOfLine.replace(DISCLOSURE, "").trim()) return undefined;
  if (/^\s*印发/u.test(restOfLine)) return undefined;

  const after = text.slice(lineEnd).split("\n").map((line) => line.trim()).filter(Boolean);
  if (after.some((line) => !ENDNOTE.test(line) && !DISCLOSURE.test(line) && (SENTENCE_END.test(line) || [...line].length > SIGNATURE_MAX))) return undefined;

  const lineStart = text.lastIndexOf("\n", dateStart - 1) + 1;
  const before = text.slice(lineStart, dateStart);
  let start = lineStart;
  let signature: string | undefined;
  if (before.trim()) {
    const lastEnd = Math.max(...[...before.matchAll(/[。！？!?]/gu)].map((m) => m.index!));
    if (lastEnd >= 0 && Number.isFinite(lastEnd)) {
      // Glued closing: the courtesy sentence stays in the body, what follows it is the signature.
      start = lineStart + lastEnd + 1;
      signature = before.slice(lastEnd + 1).trim() || undefined;
    } else if ([...before.trim()].length <= SIGNATURE_MAX) {
      signature = before.trim();
    } else {
      start = dateStart;
    }
  } else {
    const previous = previousLine(text, bodyStart, lineStart);
    const tail = previous && /[。！？!?](?<tail>[^。！？!?：:（）()]{2,40})$/u.exec(previous.text)?.groups?.tail;
    if (previous && !/[。！？：:]/u.test(previous.text) && !DISCLOSURE.test(previous.text) && [...previous.text].length <= SIGNATURE_MAX) {
      signature = previous.text;
      start = previous.start;
    } else if (previous && tail?.trim()) {
      // The signature glued to the courtesy line above the date: …的关心和支持。某某部
      signature = tail.trim();
      start = text.lastIndexOf(tail, lineStart);
    }
  }
  if (signature && [...signature].length > SIGNATURE_MAX) return undefined;

  // A disclosure note on the line above the signature (（此件主动公开）\n某某部\n2022年6月30日), or
  // at the end of the courtesy line (…的关心和支持。（此件主动公开）).
  let disclosure = disclosureAfter?.[1];
  const above = previousLine(text, bodyStart, start);
  const noteAbove = above && new RegExp(`${DISCLOSURE.source}\\s*$`, "u").exec(above.text);
  if (above && noteAbove) {
    disclosure ??= noteAbove[1];
    start = text.lastIndexOf(noteAbove[0], start);
  }

  const closing: Closing = { start, date, endnotes: [], leftover: [] };
  if (signature) closing.signature = compactSpaced(signature);
  if (/[〇○Ｏ零一二三四五六七八九十]/u.test(match[0])) closing.numeralDate = match[0];
  readEndnotes(after, closing);
  disclosure ??= closing.disclosure;
  if (disclosure) closing.disclosure = disclosure;
  return closing;
}

function previousLine(text: string, bodyStart: number, before: number): { text: string; start: number } | undefined {
  const head = text.slice(bodyStart, before).replace(/\s+$/u, "");
  if (!head) return undefined;
  const start = head.lastIndexOf("\n") + 1;
  return { text: head.slice(start).trim(), start: bodyStart + start };
}

/** 国 家 发 展 和 改 革 委 员 会 (OCR) → 国家发展和改革委员会; 财政部　教育部 (two signers) stays. */
export function compactSpaced(text: string): string {
  const tokens = text.trim().split(/[\s\u3000]+/u);
  return tokens.every((t) => [...t].length === 1) ? tokens.join("") : tokens.join(" ");
}

/** The 版记: 抄送 (its list may run on to the next lines), 联系人/电话/单位, disclosure, the 印发 line. */
function readEndnotes(lines: string[], closing: Closing): void {
  const contact: Contact = {};
  let lastKey: "cc" | undefined;
  for (const line of lines) {
    const cc = /^抄\s*[送报][：:]\s*(?<list>.*)$/u.exec(line);
    if (cc) {
      closing.cc = splitList(cc.groups!.list!);
      closing.endnotes.push(`抄送 (cc): ${closing.cc.join("、")}`);
      lastKey = "cc";
      continue;
    }
    const note = DISCLOSURE.exec(line);
    if (note && !line.replace(DISCLOSURE, "").trim()) {
      closing.disclosure = note[1];
      closing.endnotes.push(`disclosure: ${note[1]}`);
      continue;
    }
    if (/^联\s*系|^电\s*话/u.test(line)) {
      const name = /联系人(?:及电话)?[：:]\s*(?<v>[\p{Script=Han}·]{2,8})/u.exec(line)?.groups?.v;
      const phone = /(?:电话|联系方式)[：:]?\s*(?<v>[0-9０-９（）()\-－—\s]{7,}[0-9０-９])/u.exec(line)?.groups?.v ?? /[，,]\s*(?<v>[0-9０-９（）()\-－—]{7,})$/u.exec(line)?.groups?.v;
      const unit = /联系单位[：:]\s*(?<v>[^\s，,；;]+)/u.exec(line)?.groups?.v;
      if (name) contact.name = name;
      if (phone) contact.phone = toAsciiDigits(phone).replace(/\s+/gu, "");
      if (unit) contact.unit = unit;
      closing.endnotes.push(`contact: ${line}`);
      lastKey = undefined;
      continue;
    }
    if (/印发$/u.test(line)) {
      closing.endnotes.push(`印发 line (the printing office's line of the 版记): ${line}`);
      lastKey = undefined;
      continue;
    }
    if (lastKey === "cc" && !/[：:]/u.test(line)) {
      closing.cc!.push(...splitList(line));
      continue;
    }
    closing.leftover.push(line);
  }
  if (Object.keys(contact).length) closing.contact = contact;
}

function splitList(list: string): string[] {
  return list.replace(/[。.]$/u, "").split(/[、，,；;]/u).map((s) => s.trim()).filter(Boolean);
}
