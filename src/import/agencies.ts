/**
 * The agencies a reply says it consulted (经商X、Y, 会同X, 商X同意, 征求X意见), read from its
 * opening, as printed; names the agencies catalogue does not know get a review line. Pure.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";

/** Words with 和 that are not agencies but stand in their names: 中华人民共和国国务院新闻办公室. */
const WORDS_WITH_HE = ["中华人民共和国"];

/** How an agency's name ends: 财政部, 国家卫生健康委, 税务总局, 海关总署, 国务院办公厅, 中国人民银行… */
const AGENCY_END = /(?:部|委|局|署|办|院|会|行|厅|室|司|社|中心|政府|公司|集团)$/u;

/** The phrases that introduce the consulted agencies; `list` is the run of names. */
const INTRODUCERS: RegExp[] = [
  /征求了?(?<list>[^，。,；;：:！？]+?)的?意见/gu,
  /(?:经商|商请|会同)(?<list>[^，。,；;：:！？]+?)(?:同意|(?=[，。,；;：:！？]|$))/gu,
  /(?<![经协磋洽会通])商(?![请务])(?<list>[^，。,；;：:！？]+?)同意/gu,
];

/** Words after the names in a run (会同财政部认真研究, 经商教育部等部门): cut off. */
const TAIL = /(?:等(?:有关|相关)?(?:部门|单位)?|认真|进行|共同|联合|研究(?!中心|院|所)|办理|答复|对您|就您|现将|现).*$/u;

/** 会同有关部门: no agency named. */
const GENERIC = /^(?:有关|相关|各)?(?:部门|单位|方面)$/u;

/**
 * 经商国家卫生健康委、全国总工会，现答复如下 → [国家卫生健康委, 全国总工会]. Names split on 、，及
 * and on 和 where 和 joins two names that each end like an agency (财政部和民政部), never inside
 * a catalogue name with 和 (住房和城乡建设部). What cannot be told apart stays whole, with a line in `review`.
 */
export function consultedAgencies(opening: string, review: string[], agencies: AgencyCatalogue): string[] {
  const received = opening.indexOf("收悉");
  const text = received >= 0 ? opening.slice(received + 2) : opening;
  const runs: { at: number; end: number; list: string }[] = [];
  for (const pattern of INTRODUCERS) {
    for (const match of text.matchAll(pattern)) runs.push({ at: match.index, end: match.index + match[0].length, list: match.groups!.list! });
  }
  runs.sort((a, b) => a.at - b.at);
  const found: string[] = [];
  let covered = -1;
  for (const run of runs) {
    if (run.at < covered) continue;
    covered = run.end;
    const list = run.list.replace(TAIL, "");
    for (const part of list.split(/以及|[、，,及]/u)) {
      if (GENERIC.test(part.trim())) continue;
      for (const name of splitOnHe(part.trim(), review, agencies)) {
        if (agencies.find(name)) {
          // A catalogue name stands, however it ends (全国妇联, 中国残联).
        } else if (!AGENCY_END.test(name)) review.push(`consulted agency “${name}” does not end like an agency name (部, 委, 局, 署, 办, 院, 会, 行…): check the opening`);
        else if (!review.some((line) => line.includes(`“${name}”`))) review.push(`consulted agency “${name}” is not in the agencies catalogue (_data/issuers.json): check the name, or add it there with its short forms`);
        if (!found.includes(name)) found.push(name);
      }
    }
  }
  return found.filter(Boolean);
}

/** 财政部和民政部 → two names; 住房和城乡建设部 stays whole; 科技和金融局 stays whole, with a review line. */
function splitOnHe(part: string, review: string[], agencies: AgencyCatalogue): string[] {
  if (!part) return [];
  const protectedAt = new Set<number>();
  for (const name of [...agencies.namesWithHe(), ...WORDS_WITH_HE]) {
    for (let i = part.indexOf(name); i >= 0; i = part.indexOf(name, i + 1)) {
      for (let j = i; j < i + name.length; j++) protectedAt.add(j);
    }
  }
  const cuts: number[] = [];
  for (let i = 0; i < part.length; i++) if (part[i] === "和" && !protectedAt.has(i)) cuts.push(i);
  if (!cuts.length) return [part];
  const pieces: string[] = [];
  let start = 0;
  for (const cut of [...cuts, part.length]) {
    pieces.push(part.slice(start, cut));
    start = cut + 1;
  }
  if (pieces.every((piece) => piece && AGENCY_END.test(piece))) return pieces;
  review.push(`consulted agency “${part}”: its 和 may join two agencies or be part of one name; check it (names with 和 come from the agencies catalogue, _data/issuers.json)`);
  return [part];
}
