/**
 * The search engine (src/search/engine.ts) in Node, against a real index: the project's own
 * letters/ built with `scripts/build.ts` (pages only), indexed by indexSite with the real
 * Pagefind in parts of two records, served on 127.0.0.1 by static-server.ts, and searched
 * with Node's fetch and the real pagefind.js — no stand-in for Pagefind. Pagefind's runtime
 * needs fetch, WebAssembly, DecompressionStream and Intl.Segmenter, which Node 20 has; it
 * reads window/document only when they exist (to use a worker and the page's lang), so no
 * globals are supplied. Node cannot import() an http: URL, so pagefind.js is imported from
 * the file the server serves.
 *
 * The truth is what a reader's Ctrl+F finds on the same built pages (tests/helpers/reader-text.ts: the
 * pages read once in Chromium before the searches), never the indexer's input.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/chromium.ts";
import { formatChineseDate } from "../src/model/dates.ts";
import { SearchEngine, type EngineIO, type FetchResponse, type Filters, type PagefindModule } from "../src/search/engine.ts";
import { TEXT_BLOCK, type Manifest } from "../src/search/formats.ts";
import { bundleSearchPage, indexSite, partition } from "../src/search/index.ts";
import type { SearchRecord } from "../src/search/records.ts";
import { readPages, readerContains, readerFold, readerOccurrences, readerPageUrls, sampleQueries, typedLength } from "./helpers/reader-text.ts";
import { serveStatic, type StaticServer } from "../src/search/static-server.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

/** Text on the pages that the index once lacked: the disclosure line, the document's byline and its truncation notices. */
const ONCE_UNINDEXED = ["主动公开", "（主动公开）", "国务院 · 2020年3月5日", "原文至此中断", "本档案所据原文不完整"];

const work = mkdtempSync(join(tmpdir(), "fuwen-search-engine-"));
const out = join(work, "site");
/** The same site indexed with no postings in the directory: Pagefind answers every search. */
const outPagefindOnly = join(work, "site-pagefind-only");
const PART_SIZE = 2;
/** The same site with postings in the directory only for words in one place of a part (narrow words: four). */
const outFewPostings = join(work, "site-few-postings");

let server: StaticServer;
let serverPagefindOnly: StaticServer;
let serverFewPostings: StaticServer;
let manifest: Manifest;
/** Every letter and document page of the built site: URL → what Ctrl+F finds there. */
const pages = new Map<string, string[]>();
let urls: string[];

beforeAll(async () => {
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out", out, "--skip", "search,pdf"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
  await indexSite({ root: PROJECT_ROOT, siteDir: out, quiet: true, partSize: PART_SIZE, cache: false });
  manifest = JSON.parse(readFileSync(join(out, "search", "manifest.json"), "utf8")) as Manifest;
  server = await serveStatic(out);
  cpSync(out, outPagefindOnly, { recursive: true });
  await indexSite({ root: PROJECT_ROOT, siteDir: outPagefindOnly, quiet: true, partSize: PART_SIZE, cache: false, inlineLocations: 0 });
  serverPagefindOnly = await serveStatic(outPagefindOnly);
  cpSync(out, outFewPostings, { recursive: true });
  await indexSite({ root: PROJECT_ROOT, siteDir: outFewPostings, quiet: true, partSize: PART_SIZE, cache: false, inlineLocations: 1 });
  serverFewPostings = await serveStatic(outFewPostings);
  urls = readerPageUrls(out);
  const browser = await launchChromium();
  try {
    for (const [url, read] of await readPages(browser, server.url, urls)) pages.set(url, read.paragraphs);
  } finally {
    await browser.close();
  }
});

afterAll(async () => {
  await server?.close();
  await serverPagefindOnly?.close();
  await serverFewPostings?.close();
  rmSync(work, { recursive: true, force: true });
});

/**
 * Counts what the engine asks for: its own fetches, and Pagefind searches per part (the real
 * Pagefind underneath). pagefindOnly: the index without postings in the directory.
 */
function nodeIO({ pagefindOnly = false, fewPostings = false } = {}, log = { fetched: [] as string[], searches: [] as number[] }): EngineIO & { log: typeof log } {
  const site = pagefindOnly ? outPagefindOnly : fewPostings ? outFewPostings : out;
  return {
    log,
    siteRoot: new URL(`${(pagefindOnly ? serverPagefindOnly : fewPostings ? serverFewPostings : server).url}/`),
    fetch: (url) => {
      log.fetched.push(url.pathname);
      return fetch(url);
    },
    importPagefind: async (url) => {
      const pagefind = (await import(pathToFileURL(join(site, url.pathname)).href)) as PagefindModule;
      return {
        createInstance: (options) => {
          const instance = pagefind.createInstance(options);
          const part = Number(/\/pagefind\/(\d+)\/$/.exec(options.basePath)![1]);
          return {
            search: (term, searchOptions) => {
              log.searches.push(part);
              return instance.search(term, searchOptions);
            },
          };
        },
      };
    },
  };
}

const yearOf = (url: string) => url.split("/")[2]!;

/** Pages whose region holds the query. */
function truth(query: string, filter: (url: string) => boolean = () => true): string[] {
  return urls.filter((url) => filter(url) && readerContains(pages.get(url)!, query));
}

/** All results of a query, as page URLs, in the engine's order. */
async function resultUrls(engine: SearchEngine, query: string, filters: Filters = {}): Promise<string[]> {
  const search = await engine.search(query, filters);
  await search.collect(Infinity);
  return (await engine.cardsFor(search.ordered("date"))).map((card) => card.rawUrl);
}

/** Both directions, each named in a failure: pages that hold the query but were not found, and found pages that do not hold it. */
function expectExact(query: string, found: string[], expected: string[]): void {
  expect(new Set(found).size, `${query}: a page listed twice`).toBe(found.length);
  expect({ query, missed: expected.filter((url) => !found.includes(url)), wrong: found.filter((url) => !expected.includes(url)) })
    .toEqual({ query, missed: [], wrong: [] });
}

describe("the index under test", () => {
  it("covers every letter and document page, in parts of two, newest first", () => {
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(urls.some((url) => url.startsWith("/documents/"))).toBe(true);
    expect(manifest.parts.reduce((sum, part) => sum + part.records, 0)).toBe(urls.length);
    expect(manifest.parts.length).toBeGreaterThanOrEqual(2);
    for (const part of manifest.parts) expect(part.records).toBeLessThanOrEqual(2 * PART_SIZE);
    for (const [n, part] of manifest.parts.entries()) {
      expect(part.path).toBe(`pagefind/${n}/`);
      expect(part.newest >= part.oldest).toBe(true);
      if (n > 0) expect(manifest.parts[n - 1]!.oldest >= part.newest).toBe(true);
    }
  });

  it("cuts parts where the records choose, so a record added or deleted changes its own part and at most one beside it", () => {
    const record = (i: number) => ({ key: `letters/2020/x-${i}`, date: `2020-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}` }) as SearchRecord;
    const records = Array.from({ length: 5000 }, (_, i) => record(i));
    const keysOf = (parts: SearchRecord[][]) => parts.map((part) => part.map((r) => r.key).join(" "));
    const before = partition(records, 100);
    const sizes = before.map((part) => part.length);
    // Every part but the newest, which is still filling.
    expect(Math.min(...sizes.slice(1))).toBeGreaterThanOrEqual(50);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(5000 / before.length).toBeGreaterThan(70);
    expect(5000 / before.length).toBeLessThan(130);
    for (const changed of [[...records, record(5001)], records.filter((_, i) => i !== 2500)]) {
      const after = keysOf(partition(changed, 100));
      const same = keysOf(before).filter((part) => after.includes(part)).length;
      expect(same).toBeGreaterThanOrEqual(before.length - 2);
    }
  });

  it("indexes again from its cache: the same bytes as a fresh index, no part indexed twice", async () => {
    const cache = join(work, "search-cache");
    const [a, b] = [join(work, "index-a"), join(work, "index-b")];
    const first = await indexSite({ root: PROJECT_ROOT, siteDir: a, quiet: true, partSize: PART_SIZE, cache });
    const second = await indexSite({ root: PROJECT_ROOT, siteDir: b, quiet: true, partSize: PART_SIZE, cache });
    expect([first.cachedParts, second.cachedParts]).toEqual([0, manifest.parts.length]);
    const tree = (root: string) => ["pagefind", "search"].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)))
      .map((file) => [relative(root, file), readFileSync(file).toString("base64")]).sort();
    expect(tree(b)).toEqual(tree(a));
    // The fresh index of the built site, without the search page Eleventy wrote beside it.
    expect(tree(a)).toEqual(tree(out).filter(([file]) => file !== "search/index.html"));
  });

  it("refuses an index of another format", async () => {
    const io = nodeIO();
    const engine = new SearchEngine({
      ...io,
      fetch: async (url): Promise<FetchResponse> => {
        const response = await io.fetch(url);
        if (!url.pathname.endsWith("/manifest.json")) return response;
        const old = JSON.parse(new TextDecoder().decode(await response.arrayBuffer())) as Manifest;
        const bytes = new TextEncoder().encode(JSON.stringify({ ...old, format: old.format + 1 }));
        return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer };
      },
    });
    await expect(engine.search("医疗")).rejects.toThrow(/another version/);
  });
});

describe("the indexed text is the text on the pages", () => {
  // Both conditions together are Ctrl+F parity for every query: a block of the page that no
  // indexed paragraph contains whole has substrings search cannot find, and an indexed
  // paragraph that is in no block of the page has substrings search finds but Ctrl+F does not.
  it("every block a reader can find on a page is in one indexed paragraph, and every indexed paragraph is in one block", async () => {
    const engine = new SearchEngine(nodeIO());
    const within = (part: string, whole: string) => readerFold(whole).includes(readerFold(part));
    const differences: { url: string; notIndexed: string[]; notOnPage: string[] }[] = [];
    // Every text block of every part, read whole: each record's paragraphs as indexed.
    const texts = new Map<string, string[]>();
    for (const [n, part] of manifest.parts.entries()) {
      for (let t = 0; t * TEXT_BLOCK < part.records; t++) for (const [url, paragraphs] of await engine.textBlock(n, t)) texts.set(url, paragraphs);
    }
    expect([...texts.keys()].sort()).toEqual([...urls].sort());
    for (const url of urls) {
      const shown = pages.get(url)!;
      const indexed = texts.get(url)!;
      const notIndexed = shown.filter((block) => !indexed.some((paragraph) => within(block, paragraph)));
      const notOnPage = indexed.filter((paragraph) => !shown.some((block) => within(paragraph, block)));
      if (notIndexed.length || notOnPage.length) differences.push({ url, notIndexed, notOnPage });
    }
    expect(differences).toEqual([]);
  });
});

describe.each([
  ["rare words' postings in the directory", false],
  ["Pagefind alone", true],
])("exact results in Node, %s", (_, pagefindOnly) => {
  let engine: SearchEngine;
  beforeAll(() => {
    engine = new SearchEngine(nodeIO({ pagefindOnly }));
  });

  const hand = [
    "医疗救助", "跨省通办", "2152号", "2152", "第2152号建议", "医保函〔2020〕135号", "医保函[2020]135号", "医保函［2020］135号",
    "１月", "1月", "01983号", "1983", "社会管理类184号", "医", "助", "〔", "号", "救助为托底", "国家医疗保障局",
    "中共中央 国务院", "中共中央国务院", "“因病致困”", "2020年10月27日", "李素萍代表", "80%", "95%以上", "不存在的说法",
    "医疗救助医疗救助", "，", "的", "关于在深化医改中加大困难职工帮扶力度的建议",
  ];
  it.each(hand)("%s", async (query) => {
    expectExact(query, await resultUrls(engine, query), truth(query));
  });
  it.each(ONCE_UNINDEXED)("%s", async (query) => {
    expectExact(query, await resultUrls(engine, query), truth(query));
  });

  it("finds hand-checked pages", async () => {
    // Literal expectations, read off the letters: only the 2020 reply is to suggestion 2152.
    expect((await resultUrls(engine, "第2152号建议")).sort()).toEqual(["/letters/2020/ybh-2020-135/"]);
    expect((await resultUrls(engine, "医保函[2021]194号")).sort()).toEqual(["/letters/2021/ybh-2021-194/"]);
    expect(await resultUrls(engine, "不存在的说法")).toEqual([]);
  });

  it("agrees with Ctrl+F on 300 random substrings of the pages", async () => {
    const queries = sampleQueries(urls.map((url) => pages.get(url)!), 300, 20201027, typedLength);
    let multi = 0;
    const disagreements: { query: string; missed: string[]; wrong: string[] }[] = [];
    for (const query of queries) {
      const expected = truth(query);
      const found = await resultUrls(engine, query);
      if (expected.length > 1) multi++;
      const missed = expected.filter((url) => !found.includes(url));
      const wrong = found.filter((url) => !expected.includes(url));
      if (missed.length || wrong.length) disagreements.push({ query, missed, wrong });
    }
    // All disagreements at once, so that a failure shows which text is affected.
    expect(disagreements).toEqual([]);
    expect(queries.length).toBeGreaterThan(280);
    expect(multi).toBeGreaterThan(50);
  });

  it("lists newest first and ranks by occurrences", async () => {
    const query = "医疗救助";
    const search = await engine.search(query);
    await search.collect(Infinity);
    const byDate = await engine.cardsFor(search.ordered("date"));
    const dates = byDate.map((card) => card.meta.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const byRelevance = search.ordered("relevance");
    const cards = await engine.cardsFor(byRelevance);
    // Each count is the number of places Ctrl+F highlights on the page.
    const counts = cards.map((card) => readerOccurrences(pages.get(card.rawUrl)!, query));
    expect(byRelevance.map((match) => match.count)).toEqual(counts);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(counts).size).toBeGreaterThan(2);
    // Equal counts keep the date order.
    for (let i = 1; i < cards.length; i++) if (counts[i] === counts[i - 1]) expect(cards[i - 1]!.meta.date >= cards[i]!.meta.date).toBe(true);
  });
});

describe("parts", () => {
  it("collects newest first, stops once it has more than asked for, and resumes without searching a part twice", async () => {
    // Without postings, so that Pagefind answers in every part and its lookups can be counted.
    const io = nodeIO({ pagefindOnly: true });
    const engine = new SearchEngine(io);
    const query = "国家医疗保障局";
    const everywhere = truth(query);
    expect(everywhere.length).toBe(urls.length);
    const search = await engine.search(query);
    expect(search.parts.map((part) => part.n)).toEqual(manifest.parts.map((_, n) => n));

    // Every record matches, so collecting more than n matches takes the newest parts whose records add up to more than n.
    const partsFor = (n: number) => {
      let k = 0;
      for (let sum = 0; sum <= n; k++) sum += manifest.parts[k]!.records;
      return k;
    };
    const partOfEachMatch = (k: number) => manifest.parts.slice(0, k).flatMap((part, n) => Array<number>(part.records).fill(n));
    await search.collect(0);
    expect(search.searched).toBe(1);
    expect(search.complete).toBe(false);
    expect(search.matches.map((m) => m.part)).toEqual(partOfEachMatch(1));

    await search.collect(2);
    expect(search.searched).toBe(partsFor(2));
    expect(search.searched).toBeLessThan(manifest.parts.length);
    expect(search.matches.map((m) => m.part)).toEqual(partOfEachMatch(partsFor(2)));

    // Two calls at once run one after the other: the second finds nothing left to do.
    await Promise.all([search.collect(Infinity), search.collect(Infinity)]);
    expect(search.complete).toBe(true);
    const cards = await engine.cardsFor(search.matches);
    expectExact(query, cards.map((card) => card.rawUrl), everywhere);
    // A query of seven distinct characters is seven lookups per part, one a character.
    expect(io.log.searches).toEqual(manifest.parts.flatMap((_, n) => Array<number>(7).fill(n)));
    expect(await engine.search(query)).toBe(search);
  });

  it("opens only the parts the routing directory lists for every word", async () => {
    const io = nodeIO();
    const engine = new SearchEngine(io);
    // Two characters are one pair: the parts holding it are the parts with matches.
    const query = "素萍";
    const search = await engine.search(query);
    await search.collect(Infinity);
    const found = search.matches.map((m) => m.part);
    expect(found.length).toBe(truth(query).length);
    expect(search.parts.map((part) => part.n)).toEqual([...new Set(found)]);
    expect(search.parts.length).toBeLessThan(manifest.parts.length);
    // The name is rare in every part that holds it: its postings come from the directory, and Pagefind is not opened.
    expect(io.log.searches).toEqual([]);
    expect(io.log.fetched.filter((path) => path.startsWith("/pagefind/"))).toEqual([]);
    // Without postings in the directory, Pagefind searches exactly those parts, for each of the two characters.
    const pagefindIO = nodeIO({ pagefindOnly: true });
    const alone = await new SearchEngine(pagefindIO).search(query);
    await alone.collect(Infinity);
    expect(alone.matches).toEqual(search.matches);
    expect(pagefindIO.log.searches).toEqual([...new Set(found)].flatMap((n) => [n, n]));

    const none = await engine.search("没有这样的话");
    await none.collect(Infinity);
    expect(none.parts).toEqual([]);
    expect(none.matches).toEqual([]);
    expect(io.log.fetched.filter((path) => path.startsWith("/search/dir/")).length).toBeGreaterThan(0);
  });

  it("checks the records' texts where some words of a query are rare and others common (a 文号, a name before its role), without Pagefind", async () => {
    const io = nodeIO({ fewPostings: true });
    const engine = new SearchEngine(io);
    for (const query of ["医保函[2020]135号", "医保函〔2020〕135号", "2152号", "第2152号建议", "李素萍代表", "谭祖安代表"]) {
      const search = await engine.search(query);
      await search.collect(Infinity);
      const cards = await engine.cardsFor(search.matches);
      expectExact(query, cards.map((card) => card.rawUrl), truth(query));
      // Occurrences as the page shows them, counted in the texts.
      for (const [i, card] of cards.entries()) expect(search.matches[i]!.count, `${query} ${card.rawUrl}`).toBe(readerOccurrences(pages.get(card.rawUrl)!, query));
    }
    expect(io.log.searches).toEqual([]);
    expect(io.log.fetched.filter((path) => path.startsWith("/pagefind/"))).toEqual([]);
    // Common pairs without narrow words still go to Pagefind.
    const common = await engine.search("医疗保障");
    await common.collect(Infinity);
    expectExact("医疗保障", (await engine.cardsFor(common.matches)).map((card) => card.rawUrl), truth("医疗保障"));
    expect(io.log.searches.length).toBeGreaterThan(0);
  });

  it("filters by year, leaving out the parts whose dates exclude it", async () => {
    const io = nodeIO();
    const engine = new SearchEngine(io);
    for (const year of ["2020", "2021", "2022", "2023"]) {
      const filters = { year };
      const search = await engine.search("医疗", filters);
      // The parts kept are those whose date range includes the year, read off the manifest.
      const inRange = manifest.parts.flatMap((part, n) => (part.oldest.slice(0, 4) <= year && year <= part.newest.slice(0, 4) ? [n] : []));
      expect(search.parts.map((part) => part.n), year).toEqual(inRange);
      expect(inRange.length).toBeLessThan(manifest.parts.length);
      expectExact(`医疗 in ${year}`, await resultUrls(engine, "医疗", filters), truth("医疗", (url) => yearOf(url) === year));
    }
    const searched = new Set(io.log.searches);
    expect(searched.size).toBe(manifest.parts.length);
  });

  it("filters by type", async () => {
    const engine = new SearchEngine(nodeIO());
    const proposals = await resultUrls(engine, "医疗救助", { type: "提案" });
    expect(proposals).toEqual(["/letters/2022/ybh-2022-132/"]);
    const documents = await resultUrls(engine, "医疗救助", { type: "相关文件" });
    expect(documents).toEqual(urls.filter((url) => url.startsWith("/documents/")));
  });
});

describe("cards and texts", () => {
  it("reads each result's card from the bucket of its id, fetching each bucket once, and what a card shows is on its page", async () => {
    const io = nodeIO();
    const engine = new SearchEngine(io);
    const search = await engine.search("的");
    await search.collect(Infinity);
    const cards = await engine.cardsFor(search.matches);
    expect(cards.map((card) => card.rawUrl).sort()).toEqual(truth("的").sort());
    const buckets = io.log.fetched.filter((path) => path.startsWith("/search/cards/"));
    expect(new Set(buckets).size).toBe(buckets.length);
    expect(buckets.length).toBeLessThanOrEqual(manifest.parts.reduce((sum, part) => sum + part.cards, 0));
    for (const card of cards) {
      const text = pages.get(card.rawUrl)!;
      expect(card.url).toBe(card.rawUrl);
      for (const shown of [card.meta.title, card.meta.ref, formatChineseDate(card.meta.date)]) {
        expect(readerContains(text, shown), `${card.rawUrl}: ${shown}`).toBe(true);
      }
    }
  });

  it("loads a record's text block and cuts an excerpt around the match", async () => {
    const io = nodeIO();
    const engine = new SearchEngine(io);
    const url = "/letters/2022/ybh-2022-132/";
    const search = await engine.search("因病致困");
    await search.collect(Infinity);
    const card = (await engine.cardsFor(search.matches)).find((c) => c.rawUrl === url)!;
    io.log.fetched.length = 0;
    const excerpt = (await engine.excerpt(card, "因病致困"))!;
    expect(io.log.fetched).toEqual([`/search/text/${card.part}/${card.block}.gz`]);
    expect(excerpt.segments.filter((s) => s.match).map((s) => s.text)).toEqual(["因病致困"]);
    const shown = excerpt.segments.map((s) => s.text).join("").replace(/^…|…$/g, "");
    expect(pages.get(url)!.some((paragraph) => paragraph.includes(shown))).toBe(true);
    expect(await engine.excerpt(card, "不存在的说法")).toBeUndefined();
    expect(io.log.fetched.length).toBe(1);
  });
});

describe("the search page's bundle", () => {
  it("is the engine and page from src, without luxon or Pagefind, the same bytes on every build", async () => {
    const bundle = await bundleSearchPage();
    expect(Buffer.from(bundle.code).equals(readFileSync(join(out, "search", "app.js")))).toBe(true);
    expect(Buffer.from((await bundleSearchPage()).code).equals(Buffer.from(bundle.code))).toBe(true);
    const included = Object.entries(bundle.inputs).filter(([, bytes]) => bytes > 0).map(([path]) => path).sort();
    expect(included).toEqual(["../model/dates.ts", "core.ts", "engine.ts", "formats.ts", "page.ts"]);
    const code = Buffer.from(bundle.code).toString("utf8");
    expect(code).not.toMatch(/pagefind_version|luxon|DateTime/);
    expect(code).toMatch(/\bimport\(/);
  });
});
