/**
 * The search core (src/search/core.js), without Pagefind or a browser: normalization, the
 * query plan, and — the heart — that the index words plus the positional join find exactly
 * the substrings, checked against plain substring search with an in-memory stand-in for
 * Pagefind's word → locations index built from the same content string.
 */
import { describe, expect, it } from "vitest";
import {
  buildExcerpt, containsQuery, contentWords, decodeParts, encodeParts, findOccurrences, formatShard, indexContent, joinPositional,
  normalizeQuery, normalizeText, parseShard, partsWithAll, planWords, queryPlan, searchableParagraphs, shardOf,
} from "../src/search/core.js";
import { bodyLines } from "../src/search/records.ts";

/** Word → (record → locations), locations counted as Pagefind counts them: one per whitespace-separated word. */
function memoryIndex(records: string[][]) {
  const index = new Map<string, Map<number, number[]>>();
  records.forEach((paragraphs, id) => {
    indexContent(paragraphs).split(" ").forEach((word, location) => {
      if (!/[a-z0-9]/.test(word)) return; // separators occupy a location but are not indexed
      let postings = index.get(word);
      if (!postings) index.set(word, (postings = new Map()));
      const locations = postings.get(id) ?? [];
      locations.push(location);
      postings.set(id, locations);
    });
  });
  return index;
}

function search(index: ReturnType<typeof memoryIndex>, ids: number[], query: string): number[] {
  const plan = queryPlan(normalizeQuery(query));
  if (plan.kind === "none") return [];
  if (plan.kind === "set") return [...(index.get(plan.word)?.keys() ?? [])].sort((a, b) => a - b);
  const lists = plan.parts.map((part) => index.get(part.word) ?? new Map<number, number[]>());
  return joinPositional(plan.parts, lists, ids).map((m) => m.id);
}

const RECORDS = [
  ["国家医疗保障局对十三届全国人大三次会议第2152号建议的答复", "医保函〔2020〕135号", "统筹发挥基本医保、补充医保和医疗救助三重保障作用。"],
  ["今年１月，全国人大常委会将《医疗保障法》列入2021年立法工作计划。", "医保函[2021]194号"],
  ["医疗救", "助为托底"],
  ["ABC医疗，救助abc 12152号", "救助医疗救助救助医疗救助"],
  ["第01983号（社会管理类184号）提案", "2152"],
];

describe("normalization", () => {
  it("folds full-width forms, 〔〕 and case, one code point for one", () => {
    expect(normalizeText("１月［２０２０］〔x〕ＡＢｃ")).toBe("1月[2020][x]abc");
    expect([...normalizeText("医保函〔2020〕135号")].length).toBe([..."医保函〔2020〕135号"].length);
    expect(normalizeQuery("  医保函［2020］135号 \n")).toBe("医保函[2020]135号");
    expect(normalizeQuery("中共中央\u3000\u3000国务院")).toBe("中共中央 国务院");
  });

  it("keeps paragraphs apart and collapses white space within them", () => {
    expect(searchableParagraphs(["a  b\nc", "", "  d "])).toEqual(["a b", "c", "d"]);
  });

  it("reads Markdown bodies as the page shows them", () => {
    expect(bodyLines("## 一、关于**医疗**救助\n\n第一段\n续行")).toEqual(["一、关于医疗救助", "第一段续行"]);
  });
});

describe("query plans", () => {
  it("uses set words for one or two characters and positional trigrams beyond", () => {
    expect(queryPlan("")).toEqual({ kind: "none" });
    expect(queryPlan("医").kind).toBe("set");
    expect(queryPlan("医疗").kind).toBe("set");
    const plan = queryPlan("国家医疗保障局");
    expect(plan.kind).toBe("positional");
    if (plan.kind === "positional") expect(plan.parts.map((p) => p.offset)).toEqual([0, 3, 4]);
  });
});

describe("exactness against substring search", () => {
  const index = memoryIndex(RECORDS);
  const ids = RECORDS.map((_, i) => i);
  const truth = (query: string) => ids.filter((id) => RECORDS[id]!.some((p) => containsQuery(p, query)));

  const hand = [
    "医疗救助", "医疗", "医", "救助", "2152号", "2152", "152", "01983号", "1983", "医保函〔2020〕135号", "医保函[2020]135号",
    "医保函［2020］135号", "1月", "１月", "abc", "ABC", "c医疗", "医疗，救助", "助为托底", "医疗救助为托底", "救助救助医疗",
    "救助医疗救助救助", "十三届全国人大三次会议第2152号建议", "不存在的词", "号", "（社会管理类184号）",
  ];
  it.each(hand)("%s", (query) => {
    expect(search(index, ids, query)).toEqual(truth(query));
  });

  it("agrees on 2,000 random substrings, some spanning paragraph ends", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    let nonEmpty = 0;
    for (let i = 0; i < 2000; i++) {
      const record = RECORDS[Math.floor(rand() * RECORDS.length)]!;
      const text = [...record.join("\n")];
      const start = Math.floor(rand() * text.length);
      const query = text.slice(start, start + 1 + Math.floor(rand() * 9)).join("").replace(/\n/g, "");
      const expected = truth(query);
      if (expected.length) nonEmpty++;
      expect(search(index, ids, query), query).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(1500);
  });

  it("does not match across a paragraph boundary", () => {
    expect(truth("医疗救助为")).not.toContain(2);
    expect(search(index, ids, "医疗救助为")).not.toContain(2);
  });
});

describe("excerpts", () => {
  it("marks every occurrence in the window and says how many there are", () => {
    const excerpt = buildExcerpt(["前文。救助医疗救助救助医疗救助。后文"], normalizeQuery("医疗救助"), 4)!;
    expect(excerpt.occurrences).toBe(2);
    expect(excerpt.segments.filter((s) => s.match).map((s) => s.text)).toEqual(["医疗救助", "医疗救助"]);
    expect(excerpt.segments.map((s) => s.text).join("")).toBe("…文。救助医疗救助救助医疗救助。后…");
  });

  it("highlights the original characters of a folded match", () => {
    const excerpt = buildExcerpt(["依据医保函〔2020〕135号文件"], normalizeQuery("医保函[2020]135号"))!;
    expect(excerpt.segments.find((s) => s.match)?.text).toBe("医保函〔2020〕135号");
    expect(findOccurrences("aXa", "a")).toEqual([0, 2]);
  });
});

describe("the routing directory", () => {
  it("writes part lists as ranges and reads them back", () => {
    expect(encodeParts([0, 1, 2, 5, 7, 8])).toBe("0-2,5,7-8");
    expect(decodeParts("0-2,5,7-8")).toEqual([0, 1, 2, 5, 7, 8]);
    const shard = parseShard(formatShard([["pb", [3]], ["pa", [0, 1, 2]]]));
    expect([...shard]).toEqual([["pa", [0, 1, 2]], ["pb", [3]]]);
  });

  it("sends a query only to parts holding all its words", () => {
    expect(partsWithAll([[0, 1, 2, 5], [1, 5, 9]])).toEqual([1, 5]);
    expect(partsWithAll([[0, 1], []])).toEqual([]);
  });

  it("hashes words to shards the same way everywhere", () => {
    expect(shardOf("pgfvn87k0h", 512)).toBe(shardOf("pgfvn87k0h", 512));
    const counts = new Array(8).fill(0);
    for (const word of contentWords(indexContent(RECORDS.flat()))) counts[shardOf(word, 8)]++;
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it("lists every word a plan looks up, and each is a word of a record that matches", () => {
    const words = contentWords(indexContent(RECORDS[0]!));
    for (const query of ["医", "医疗", "医疗救助", "医保函[2020]135号"]) {
      const plan = queryPlan(normalizeQuery(query));
      expect(planWords(plan).length).toBeGreaterThan(0);
      for (const word of planWords(plan)) expect(words.has(word), `${query} ${word}`).toBe(true);
    }
  });
});
