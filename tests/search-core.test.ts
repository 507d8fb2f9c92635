/**
 * The search core (src/search/core.ts), without Pagefind or a browser: normalization, the
 * index words, the query plan, the routing directory's encoding and hash, excerpts, and — the
 * heart — that the index words plus the positional join find exactly the substrings, by
 * Pagefind's characters and by the directory's pairs and narrow words alike. That is checked
 * with an in-memory stand-in for both word → locations indexes, built from the same content
 * string and directory words, against literal expectations worked out by hand and against plain
 * substring search with the folding rules stated apart from core.ts (tests/helpers/reader-text.ts).
 */
import { describe, expect, it } from "vitest";
import {
  buildExcerpt, characterWord, codeOf, containsQuery, coveringParts, decodeParts, directoryWords, encodeParts, findOccurrences, formatShard, indexContent,
  isSeparator, joinPositional, normalizeQuery, normalizeText, pairWord, parseShard, partsWithAll, planWords, queryPlan, searchableParagraphs, shardOf,
} from "../src/search/core.ts";
import { loadArchive } from "../src/archive.ts";
import { letterRecord } from "../src/search/records.ts";
import { writeFixtureArchive } from "./helpers/fixture-archive.ts";
import { readerFold } from "./helpers/reader-text.ts";

/** Word → (record → locations), locations counted as Pagefind counts them: one per whitespace-separated word. */
function memoryIndex(records: string[][]) {
  const index = new Map<string, Map<number, number[]>>();
  const add = (id: number, word: string, location: number) => {
    let postings = index.get(word);
    if (!postings) index.set(word, (postings = new Map()));
    const locations = postings.get(id) ?? [];
    locations.push(location);
    postings.set(id, locations);
  };
  records.forEach((paragraphs, id) => {
    indexContent(paragraphs).split(" ").forEach((word, location) => {
      if (/[a-z0-9]/.test(word)) add(id, word, location); // separators occupy a location but are not indexed
    });
    for (const [word, location] of directoryWords(paragraphs)) add(id, word, location);
  });
  return index;
}

type Found = { id: number; count: number }[];

/**
 * The matches of a query through the directory: a cover by the words whose postings may be
 * used (`usable`, default all); undefined when they do not cover it.
 */
function search(index: ReturnType<typeof memoryIndex>, ids: number[], query: string, usable: (word: string) => boolean = () => true): Found | undefined {
  const plan = queryPlan(normalizeQuery(query));
  if (plan.kind === "none") return [];
  const parts = coveringParts(plan, usable);
  if (!parts) return undefined;
  return join(index, ids, parts);
}

/** The matches of a query through Pagefind's words: its characters. */
function searchCharacters(index: ReturnType<typeof memoryIndex>, ids: number[], query: string): Found {
  const plan = queryPlan(normalizeQuery(query));
  return plan.kind === "none" ? [] : join(index, ids, plan.characters);
}

function join(index: ReturnType<typeof memoryIndex>, ids: number[], parts: { word: string; offset: number }[]): Found {
  return joinPositional(parts, parts.map((part) => index.get(part.word) ?? new Map<number, number[]>()), ids);
}

const RECORDS = [
  ["国家医疗保障局对十三届全国人大三次会议第2152号建议的答复", "医保函〔2020〕135号", "统筹发挥基本医保、补充医保和医疗救助三重保障作用。"],
  ["今年１月，全国人大常委会将《医疗保障法》列入2021年立法工作计划。", "医保函[2021]194号"],
  ["医疗救", "助为托底"],
  ["ABC医疗，救助abc 12152号", "救助医疗救助救助医疗救助"],
  ["第01983号（社会管理类184号）提案", "2152"],
];

// Code points in base 36, worked out by hand: 医 U+533B = 21307 = 16·36² + 15·36 + 31 → "gfv".
const 医 = "gfv", 疗 = "n87", 救 = "k0h", 助 = "gbt", 国 = "h6l", 家 = "i46", 保 = "frx", 障 = "tr0", 局 = "i80";

describe("normalization", () => {
  it("folds full-width forms, 〔〕 and case, one code point for one", () => {
    expect(normalizeText("１月［２０２０］〔x〕ＡＢｃ")).toBe("1月[2020][x]abc");
    expect(normalizeText("医保函〔2020〕135号")).toBe("医保函[2020]135号");
    expect(normalizeQuery("  医保函［2020］135号 \n")).toBe("医保函[2020]135号");
    expect(normalizeQuery("中共中央\u3000\u3000国务院")).toBe("中共中央 国务院");
  });

  it("keeps paragraphs apart and collapses white space within them", () => {
    expect(searchableParagraphs(["a  b\nc", "", "  d "])).toEqual(["a b", "c", "d"]);
  });
});

describe("index words", () => {
  it("codes a character in three base-36 digits below 45360 (\"z00\"), else z and four: prefix-free", () => {
    expect(codeOf(0x533b)).toBe(医);
    expect(codeOf(0x31)).toBe("01d");
    expect(codeOf(45359)).toBe("yzz"); // 34·36² + 35·36 + 35
    expect(codeOf(45360)).toBe("z0z00");
    expect(codeOf(0x20000)).toBe("z2t4w"); // 𠀀 = 131072 = 2·36³ + 29·36² + 4·36 + 32
    expect(characterWord(0x533b)).toBe(`c${医}`);
    expect(pairWord([0x533b, 0x7597])).toBe(`p${医}${疗}`);
  });

  it("gives Pagefind each paragraph's characters after two separators", () => {
    expect(indexContent(["医疗救", "助医"])).toBe(`- - c${医} c${疗} c${救} - - c${助} c${医}`);
    expect(indexContent(["医疗救", "助医"]).split(" ").filter((word) => !isSeparator(word))).toEqual([`c${医}`, `c${疗}`, `c${救}`, `c${助}`, `c${医}`]);
  });

  it("gives the directory the pairs, at their first character's location", () => {
    // 医 at 2, 疗 at 3, 救 at 4; two separators; 助 at 7, 医 at 8.
    expect(directoryWords(["医疗救", "助医"])).toEqual([[`p${医}${疗}`, 2], [`p${疗}${救}`, 3], [`p${助}${医}`, 7]]);
  });
});

describe("query plans", () => {
  it("lists the characters for Pagefind and a cover of pairs for the directory", () => {
    expect(queryPlan("")).toEqual({ kind: "none" });
    const one = [{ word: `c${医}`, offset: 0 }];
    expect(queryPlan("医")).toEqual({ kind: "positional", length: 1, characters: one, cover: one, narrow: [] });
    expect(queryPlan("医疗")).toEqual({
      kind: "positional", length: 2, characters: [{ word: `c${医}`, offset: 0 }, { word: `c${疗}`, offset: 1 }], cover: [{ word: `p${医}${疗}`, offset: 0 }], narrow: [],
    });
    expect(queryPlan("国家医疗保障局")).toMatchObject({
      kind: "positional",
      length: 7,
      characters: [国, 家, 医, 疗, 保, 障, 局].map((code, offset) => ({ word: `c${code}`, offset })),
      cover: [
        { word: `p${国}${家}`, offset: 0 }, { word: `p${医}${疗}`, offset: 2 }, { word: `p${保}${障}`, offset: 4 }, { word: `p${障}${局}`, offset: 5 },
      ],
      narrow: [],
    });
  });

  it("adds the narrow words of a number: every trigram with two ASCII letters, digits or 文号 brackets", () => {
    // 4 = U+0034 → "01g", 9 → "01l", 0 → "01c" (base 36).
    const [d4, d9, d0] = ["01g", "01l", "01c"];
    const hao = codeOf("号".codePointAt(0)!);
    expect(queryPlan("490号")).toMatchObject({
      kind: "positional",
      length: 4,
      cover: [{ word: `p${d4}${d9}`, offset: 0 }, { word: `p${d0}${hao}`, offset: 2 }],
      narrow: [{ word: `t${d4}${d9}${d0}`, offset: 0 }, { word: `t${d9}${d0}${hao}`, offset: 1 }],
    });
    // 第490号建议: two separators, then 第 at location 2; the narrow words after the pairs.
    const di = codeOf("第".codePointAt(0)!);
    expect(directoryWords(["第490号建议"]).filter(([word]) => word.startsWith("t"))).toEqual([[`t${di}${d4}${d9}`, 2], [`t${d4}${d9}${d0}`, 3], [`t${d9}${d0}${hao}`, 4]]);
    // A 文号's brackets count: ]8号 and 3]8 are narrow, 8号 alone is not; every one is in the plan.
    const [lb, rb, d2, d3, d8] = ["02j", "02l", "01e", "01f", "01k"];
    const yi = codeOf("议".codePointAt(0)!);
    expect(queryPlan("教建议〔2023〕8号")).toMatchObject({
      narrow: [
        { word: `t${yi}${lb}${d2}`, offset: 2 }, { word: `t${lb}${d2}${d0}`, offset: 3 }, { word: `t${d2}${d0}${d2}`, offset: 4 },
        { word: `t${d0}${d2}${d3}`, offset: 5 }, { word: `t${d2}${d3}${rb}`, offset: 6 }, { word: `t${d3}${rb}${d8}`, offset: 7 },
        { word: `t${rb}${d8}${hao}`, offset: 8 },
      ],
    });
    expect(directoryWords(["8号"])).toEqual([[`p${d8}${hao}`, 2]]);
    expect(planWords(queryPlan("490号"))).toEqual([`p${d4}${d9}`, `p${d0}${hao}`, `t${d4}${d9}${d0}`, `t${d9}${d0}${hao}`]);
  });

  it("lists each word a plan looks up in the directory once", () => {
    expect(planWords(queryPlan("医疗救助医疗"))).toEqual([`p${医}${疗}`, `p${救}${助}`]);
    expect(planWords(queryPlan("医疗医疗医"))).toEqual([`p${医}${疗}`, `p${疗}${医}`]);
    expect(planWords(queryPlan("医"))).toEqual([`c${医}`]);
    expect(planWords(queryPlan(""))).toEqual([]);
  });
});

describe("exactness against substring search", () => {
  const index = memoryIndex(RECORDS);
  const ids = RECORDS.map((_, i) => i);
  /** Plain substring search, with the folding stated apart from core.ts. */
  const truth = (query: string) => {
    const q = readerFold(query).trim();
    return q ? ids.filter((id) => RECORDS[id]!.some((p) => readerFold(p).includes(q))) : [];
  };

  // Record ids worked out by reading RECORDS.
  const hand: [string, number[]][] = [
    ["医疗救助", [0, 3]], ["医疗", [0, 1, 2, 3]], ["医", [0, 1, 2, 3]], ["救助", [0, 3]], ["2152号", [0, 3]], ["2152", [0, 3, 4]],
    ["152", [0, 3, 4]], ["01983号", [4]], ["1983", [4]], ["医保函〔2020〕135号", [0]], ["医保函[2020]135号", [0]],
    ["医保函［2020］135号", [0]], ["1月", [1]], ["１月", [1]], ["abc", [3]], ["ABC", [3]], ["c医疗", [3]], ["医疗，救助", [3]],
    ["助为托底", [2]], ["医疗救助为托底", []], ["救助救助医疗", [3]], ["救助医疗救助救助", [3]],
    ["十三届全国人大三次会议第2152号建议", [0]], ["不存在的词", []], ["号", [0, 1, 3, 4]], ["（社会管理类184号）", [4]],
    // 医疗救 and 助为托底 are two paragraphs of record 2: no match across their boundary.
    ["医疗救助为", []], ["救助为", []],
  ];
  it.each(hand)("%s", (query, expected) => {
    expect(search(index, ids, query)!.map((m) => m.id)).toEqual(expected);
    expect(searchCharacters(index, ids, query).map((m) => m.id)).toEqual(expected);
    expect(ids.filter((id) => RECORDS[id]!.some((p) => containsQuery(p, query)))).toEqual(expected);
  });

  it("counts the occurrences in each record", () => {
    // Record 3's second paragraph, 救助医疗救助救助医疗救助, holds 医疗救助 twice.
    expect(search(index, ids, "医疗救助")).toEqual([{ id: 0, count: 1 }, { id: 3, count: 2 }]);
    expect(search(index, ids, "救助救助")).toEqual([{ id: 3, count: 1 }]);
    expect(searchCharacters(index, ids, "医疗救助")).toEqual([{ id: 0, count: 1 }, { id: 3, count: 2 }]);
    // 号: twice in record 0 (2152号, 135号), once in 1, once in 3, twice in 4.
    expect(searchCharacters(index, ids, "号")).toEqual([{ id: 0, count: 2 }, { id: 1, count: 1 }, { id: 3, count: 1 }, { id: 4, count: 2 }]);
    expect(search(index, ids, "号")).toEqual(searchCharacters(index, ids, "号"));
  });

  it("agrees when the narrow words stand in for pairs whose postings are not at hand", () => {
    for (const query of ["2152号", "2152", "01983号", "医保函[2020]135号", "2021年立法", "abc", "c医疗"]) {
      const plan = queryPlan(normalizeQuery(query));
      if (plan.kind !== "positional") throw new Error(query);
      // The first pair's postings missing: a cover needs the narrow words.
      const withoutFirstPair = (word: string) => word !== plan.cover[0]!.word;
      const found = search(index, ids, query, withoutFirstPair);
      if (plan.narrow.some((part) => part.offset === 0)) expect(found?.map((m) => m.id), query).toEqual(truth(query));
      else expect(found, query).toBeUndefined();
    }
    // Nothing but narrow words at hand: a number is still found exactly.
    expect(search(index, ids, "2152号", (word) => word.startsWith("t"))?.map((m) => m.id)).toEqual([0, 3]);
    expect(search(index, ids, "医疗", (word) => word.startsWith("t"))).toBeUndefined();
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
      expect(search(index, ids, query)!.map((m) => m.id), query).toEqual(expected);
      expect(searchCharacters(index, ids, query).map((m) => m.id), query).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(1500);
  });
});

describe("excerpts", () => {
  it("marks every occurrence in the window and says how many there are", () => {
    const excerpt = buildExcerpt(["前文。救助医疗救助救助医疗救助。后文"], normalizeQuery("医疗救助"), 4)!;
    expect(excerpt.occurrences).toBe(2);
    expect(excerpt.segments).toEqual([
      { text: "…", match: false }, { text: "文。救助", match: false }, { text: "医疗救助", match: true }, { text: "救助", match: false },
      { text: "医疗救助", match: true }, { text: "。后", match: false }, { text: "…", match: false },
    ]);
  });

  it("highlights the original characters of a folded match", () => {
    const excerpt = buildExcerpt(["依据医保函〔2020〕135号文件"], normalizeQuery("医保函[2020]135号"))!;
    expect(excerpt.segments.find((s) => s.match)?.text).toBe("医保函〔2020〕135号");
    expect(findOccurrences("aXa", "a")).toEqual([0, 2]);
    expect(findOccurrences("啊啊啊", "啊啊")).toEqual([0, 1]);
    expect(buildExcerpt(["无关"], "医疗")).toBeUndefined();
  });
});

describe("the routing directory", () => {
  it("writes part lists as ranges and reads them back", () => {
    expect(encodeParts([0, 1, 2, 5, 7, 8])).toBe("0-2,5,7-8");
    expect(decodeParts("0-2,5,7-8")).toEqual([0, 1, 2, 5, 7, 8]);
    const rare = new Map([[3, "zxx_1:4,9;zxx_2:7"]]);
    expect(formatShard([["pb", { parts: [3], inline: rare }], ["pa", { parts: [0, 1, 2], inline: new Map() }]])).toBe("pa\t0-2\npb\t3\t3=zxx_1:4,9;zxx_2:7");
    expect([...parseShard("pa\t0-2\npb\t3\t3=zxx_1:4,9;zxx_2:7")]).toEqual([
      ["pa", { parts: [0, 1, 2], inline: new Map() }],
      ["pb", { parts: [3], inline: new Map([[3, new Map([["zxx_1", [4, 9]], ["zxx_2", [7]]])]]) }],
    ]);
  });

  it("sends a query only to parts holding all its words", () => {
    expect(partsWithAll([[0, 1, 2, 5], [1, 5, 9]])).toEqual([1, 5]);
    expect(partsWithAll([[0, 1], []])).toEqual([]);
    expect(partsWithAll([])).toEqual([]);
  });

  it("hashes words to shards with 32-bit FNV-1a", () => {
    // The FNV reference test vectors: FNV-1a("") = 0x811c9dc5, ("a") = 0xe40c292c, ("foobar") = 0xbf9cf968.
    expect(shardOf("", 2 ** 32)).toBe(0x811c9dc5);
    expect(shardOf("a", 2 ** 32)).toBe(0xe40c292c);
    expect(shardOf("foobar", 2 ** 32)).toBe(0xbf9cf968);
    // 0x811c9dc5 = 2166136261 = 4230734·512 + 453.
    expect(shardOf("", 512)).toBe(453);
    // FNV-1a("s" + 医 + 疗) = 0x613af48a; mod 512 = 0x08a = 138.
    expect(shardOf(`s${医}${疗}`, 512)).toBe(138);
  });
});

describe("a 文号 printed with 第", () => {
  it("is found by its form without 第 too, as the letter's details give it", () => {
    const letter = loadArchive(writeFixtureArchive()).letters.find((l) => l.docNumber === "教建议〔2023〕第215号")!;
    const record = letterRecord(letter);
    expect(record.paragraphs).toContain("教建议〔2023〕第215号（又作教建议〔2023〕215号）");
    expect(record.paragraphs.some((p) => containsQuery(p, "教建议[2023]215号"))).toBe(true);
    expect(record.paragraphs.some((p) => containsQuery(p, "教建议〔2023〕第215号"))).toBe(true);
  });
});
