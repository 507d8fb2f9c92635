/**
 * Folios (page numbers) that PDF copying leaves in the text: —2—, — 2 —, - 3 -, 一4一
 * (a dash read as 一), a number alone on a line, or a bare digit spliced into a word
 * where it continues the page sequence (民政2部门, 公4开, 3三、, （主动公开）6). Pure.
 */
import { contextAt, lineAt, type Change } from "./changes.ts";

interface Candidate {
  start: number;
  end: number;
  page: number;
  /** Strong: shaped like a folio on its own (dashes, a line of its own). Weak: a bare spliced digit. */
  strong: boolean;
}

const DASH = "[-—–－一_~]";
const SPACE = "[ \\t\\u3000]";
const DIGITS = "[0-9０-９]{1,3}";

/** Measure words and signs that make a bare number part of the wording (2个省份, 10年, 50%). */
const UNIT_AFTER = new Set([..."年月日号时分秒个人名位家所件项条款章节次届期批种类元角万亿千百十岁天周倍米吨克升度点多余户座台辆张只头套份场轮级版例床册篇省市县区国%‰.．:：/"]);
/** Characters before a number that make it part of the wording (第3, 约5, 超50). */
const WORD_BEFORE = new Set([..."第约近超达共逾计年月日至到前后余多增减降升第.．-+/"]);
const CLOSERS = new Set([..."）)》」』】”’"]);

const toNumber = (digits: string): number =>
  Number(digits.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

function isHan(char: string | undefined): boolean {
  return char !== undefined && /\p{Script=Han}/u.test(char);
}

function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  const taken = (start: number, end: number) => candidates.some((c) => start < c.end && end > c.start);

  const wholeLine = new RegExp(`^${SPACE}*${DASH}*${SPACE}*(${DIGITS})${SPACE}*${DASH}*${SPACE}*$`, "gm");
  for (const m of text.matchAll(wholeLine)) {
    candidates.push({ start: m.index, end: m.index + m[0].length, page: toNumber(m[1]!), strong: true });
  }
  const pageOf = new RegExp(`^${SPACE}*第${SPACE}*(${DIGITS})${SPACE}*页(?:${SPACE}*[，,]?${SPACE}*共${SPACE}*${DIGITS}${SPACE}*页)?${SPACE}*$`, "gm");
  for (const m of text.matchAll(pageOf)) {
    candidates.push({ start: m.index, end: m.index + m[0].length, page: toNumber(m[1]!), strong: true });
  }
  const dashed = new RegExp(`(?:[-—–－]|一)${SPACE}?(${DIGITS})${SPACE}?(?:[-—–－]|一)`, "g");
  for (const m of text.matchAll(dashed)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/[0-9]/.test(text[start - 1] ?? "") || /[0-9]/.test(text[end] ?? "")) continue;
    if (!taken(start, end)) candidates.push({ start, end, page: toNumber(m[1]!), strong: true });
  }
  for (const m of text.matchAll(/[0-9０-９]{1,3}/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const before = text[start - 1];
    const after = text[end];
    if (before !== undefined && /[0-9０-９A-Za-z]/.test(before)) continue;
    if (after !== undefined && /[0-9０-９A-Za-z]/.test(after)) continue;
    const beforeOk = before === undefined || before === "\n" || (isHan(before) && !WORD_BEFORE.has(before)) || CLOSERS.has(before);
    const afterOk = after === undefined || after === "\n" || (isHan(after) && !UNIT_AFTER.has(after));
    if (beforeOk && afterOk) candidates.push({ start, end, page: toNumber(m[0]), strong: false });
  }
  return candidates.sort((a, b) => a.start - b.start);
}

/**
 * The folios are the longest run of candidates whose numbers go up by one in reading
 * order (ties: the run with more strong candidates). A bare digit counts only inside
 * such a run of two or more; a dashed folio counts on its own.
 */
function chooseFolios(candidates: Candidate[]): Candidate[] {
  const best: { length: number; strong: number; previous: number }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const here = candidates[i]!;
    let entry = { length: 1, strong: here.strong ? 1 : 0, previous: -1 };
    for (let j = 0; j < i; j++) {
      const there = candidates[j]!;
      const chain = best[j]!;
      if (there.page !== here.page - 1) continue;
      const length = chain.length + 1;
      const strong = chain.strong + (here.strong ? 1 : 0);
      if (length > entry.length || (length === entry.length && strong > entry.strong)) entry = { length, strong, previous: j };
    }
    best.push(entry);
  }
  let end = -1;
  best.forEach((entry, i) => {
    const current = end < 0 ? undefined : best[end]!;
    if (!current || entry.length > current.length || (entry.length === current.length && entry.strong > current.strong)) end = i;
  });
  const chosen = new Set<number>();
  if (end >= 0 && best[end]!.length >= 2) {
    for (let i = end; i >= 0; i = best[i]!.previous) chosen.add(i);
  }
  candidates.forEach((candidate, i) => {
    if (candidate.strong) chosen.add(i);
  });
  return [...chosen].sort((a, b) => a - b).map((i) => candidates[i]!);
}

export function removeFolios(text: string): { text: string; changes: Change[] } {
  const folios = chooseFolios(findCandidates(text));
  const changes: Change[] = folios.map((folio) => ({
    kind: "folio",
    line: lineAt(text, folio.start),
    note: `removed folio ${folio.page} ${contextAt(text, folio.start, folio.end)}`,
    removed: text.slice(folio.start, folio.end),
  }));
  let result = text;
  for (const folio of [...folios].reverse()) result = result.slice(0, folio.start) + result.slice(folio.end);
  return { text: result, changes };
}
