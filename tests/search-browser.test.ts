/**
 * Search end to end: the project's own letters/ built with `scripts/build.ts`, indexed by
 * indexSite (the real Pagefind binary, in parts of two records so that every query crosses
 * parts), served on 127.0.0.1 and searched through /search/ in headless Chromium. Results are
 * compared with what a reader's Ctrl+F finds on the built letter and document pages
 * (tests/helpers/reader-text.ts, which also says which region of a page that is), never with the indexer's
 * input: hand-picked queries and 300 random substrings of the pages; filters are checked
 * against what the pages' record details say. Also: URL state, sorting, the no-JavaScript
 * message, lazy loading, a screenshot with highlights, and, over a synthetic archive of 150
 * letters (its pages built too), the "more" button, the parts a search opens and 60 random
 * substrings. That the indexed text is the pages' text, block for block, is checked in
 * search-engine.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "puppeteer";
import { HtmlValidate } from "html-validate";
import { loadCatalogue } from "../src/archive.ts";
import { generateCorpus, writeCorpus } from "../src/bench/corpus.ts";
import { launchChromium } from "../src/chromium.ts";
import { readCardRow, type CardRow } from "../src/search/formats.ts";
import { indexSite } from "../src/search/index.ts";
import { readPages, readerContains, readerOccurrences, readerPageUrls, sampleQueries, typedLength, type ReaderPage } from "./helpers/reader-text.ts";
import { serveStatic, type StaticServer } from "../src/search/static-server.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

/** Text on the pages that the index once lacked: the disclosure line, the document's byline and its truncation notices. */
const ONCE_UNINDEXED = ["主动公开", "（主动公开）", "国务院 · 2020年3月5日", "原文至此中断", "本档案所据原文不完整"];

const work = mkdtempSync(join(tmpdir(), "fuwen-search-browser-"));
const out = join(work, "site");
/** Screenshots stay after the run, for a person to look at. */
export const SCREENSHOT_DIR = join(tmpdir(), "fuwen-search-screenshots");

let server: StaticServer;
let browser: Browser;
let page: Page;
/** Every letter and document page of the built site, as a reader sees it. */
let pages: Map<string, ReaderPage>;
let urls: string[];

function buildPages(outDir: string, archive?: string): void {
  const args = ["--import", "tsx", "scripts/build.ts", "--out", outDir, "--skip", "search,pdf", ...(archive ? ["--archive", archive] : [])];
  const build = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
}

beforeAll(async () => {
  // The pages alone; the search step is run here with small parts, so every query crosses parts.
  buildPages(out);
  await indexSite({ root: PROJECT_ROOT, siteDir: out, quiet: true, partSize: 2 });
  server = await serveStatic(out);
  browser = await launchChromium();
  urls = readerPageUrls(out);
  pages = await readPages(browser, server.url, urls);
  page = await browser.newPage();
  await page.goto(`${server.url}/search/?all=1`);
  await page.waitForSelector('#results[aria-busy="false"]');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** What a page's record details say: the facts the filters select on. */
function facts(read: ReaderPage, url: string) {
  const { details } = read;
  const isDocument = url.startsWith("/documents/");
  const shownDate = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(isDocument ? details["日期"]! : details["答复日期"]!)!;
  return {
    type: isDocument ? "相关文件" : details["类型与编号"]!.split(" ")[0]!,
    session: details["会议"] ?? "",
    agencies: (details["会商部门"] ?? "").split("、").filter((name) => name && name !== "无"),
    issuer: details["发文机关"] ?? "",
    year: url.split("/")[2]!,
    date: `${shownDate[1]}-${shownDate[2]!.padStart(2, "0")}-${shownDate[3]!.padStart(2, "0")}`,
  };
}

/** The pages where Ctrl+F finds the query (and that the filter keeps), sorted. */
function truth(query: string, keep: (fact: ReturnType<typeof facts>) => boolean = () => true): string[] {
  return urls.filter((url) => keep(facts(pages.get(url)!, url)) && readerContains(pages.get(url)!.paragraphs, query));
}

/** Submits a query on an open search page, as a reader would, and returns the result links. */
async function searchOnPage(query: string, on: Page = page): Promise<string[]> {
  const hrefs = await on.evaluate(async (q) => {
    const input = document.getElementById("search-input") as HTMLInputElement;
    const list = document.getElementById("results")!;
    input.value = q;
    (document.getElementById("search-form") as HTMLFormElement).requestSubmit();
    if (list.getAttribute("aria-busy") !== "true") throw new Error("aria-busy was not set while searching");
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (list.getAttribute("aria-busy") === "false") {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(list, { attributes: true });
    });
    return [...list.querySelectorAll("li a[href]")].map((a) => new URL((a as HTMLAnchorElement).href).pathname);
  }, query);
  return hrefs.sort();
}

async function openSearch(p: Page, query: string): Promise<string[]> {
  await p.goto(`${server.url}/search/?${query}`);
  await p.waitForSelector('#results[aria-busy="false"]');
  return (await p.$$eval("#results li a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).sort();
}

describe("the archive under test", () => {
  it("has letters, a related document, and parts", () => {
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(urls.some((url) => url.startsWith("/documents/"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "search", "manifest.json"), "utf8"));
    // Parts of about two (at most four), cut where the records choose (index.ts partition).
    expect(manifest.parts.length).toBeGreaterThanOrEqual(2);
    for (const part of manifest.parts as { records: number }[]) expect(part.records).toBeLessThanOrEqual(4);
  });

  it("writes the same index twice (deterministic output)", async () => {
    const again = join(work, "again");
    mkdirSync(again);
    await indexSite({ root: PROJECT_ROOT, siteDir: again, quiet: true, partSize: 2 });
    const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length)).sort();
    const ours = files(out).filter((f) => /^\/(pagefind|search\/(text|dir|cards|manifest|app))/.test(f));
    expect(ours).toContain("/search/app.js");
    expect(files(again)).toEqual(ours);
    for (const file of ours) expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
  });
});

describe("Ctrl+F parity in Chromium", () => {
  const hand = [
    "医疗救助", "跨省通办", "2152号", "2152", "第2152号建议", "医保函〔2020〕135号", "医保函[2020]135号", "医保函［2020］135号",
    "医保函〔2023〕90号", "１月", "1月", "01983号", "1983", "184号", "社会管理类184号", "医疗", "医", "助", "〔", "号",
    "救助为托底", "医疗救助为托底", "国家医疗保障局", "中共中央 国务院", "中共中央国务院", "职工医保", "参保", "城乡居民医保",
    "因病致困", "“因病致困”", "2020年10月27日", "十三届全国人大三次会议", "李素萍代表", "80%", "0.9%", "95%以上",
    "不存在的说法", "医疗救助医疗救助", "，", "。", "的",
  ];
  it.each(hand)("%s", async (query) => {
    expect(await searchOnPage(query)).toEqual(truth(query));
  });
  it.each(ONCE_UNINDEXED)("%s", async (query) => {
    expect(await searchOnPage(query)).toEqual(truth(query));
  });

  it("agrees with Ctrl+F on 300 random substrings of the pages", async () => {
    const queries = sampleQueries(urls.map((url) => pages.get(url)!.paragraphs), 300, 20201027, typedLength);
    let multi = 0;
    const disagreements: { query: string; found: string[]; expected: string[] }[] = [];
    for (const query of queries) {
      const expected = truth(query);
      if (expected.length > 1) multi++;
      const found = await searchOnPage(query);
      if (JSON.stringify(found) !== JSON.stringify(expected)) disagreements.push({ query, found, expected });
    }
    expect(disagreements).toEqual([]);
    expect(queries.length).toBeGreaterThan(280);
    expect(multi).toBeGreaterThan(50);
  });

  it("runs the search in ?q= on load, in every typed form of a 文号", async () => {
    const fresh = await browser.newPage();
    for (const query of ["医保函〔2020〕135号", "医保函[2020]135号", "医保函［2020］135号", "１月", "2152号"]) {
      expect(await openSearch(fresh, `q=${encodeURIComponent(query)}`), query).toEqual(truth(query));
      expect(truth(query).length).toBeGreaterThan(0);
    }
    await fresh.close();
  });
});

describe("the search page", () => {
  it("is valid HTML (html-validate, recommended rules)", async () => {
    const report = await new HtmlValidate({ extends: ["html-validate:recommended"] })
      .validateString(readFileSync(join(out, "search", "index.html"), "utf8"), "search/index.html");
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it("filters by type, session, year, issuer and agency, and keeps them in the URL", async () => {
    const p = await browser.newPage();
    const all = truth("医疗救助");
    const proposals = await openSearch(p, `q=${encodeURIComponent("医疗救助")}&type=${encodeURIComponent("提案")}`);
    expect(proposals).toEqual(truth("医疗救助", (fact) => fact.type === "提案"));
    expect(proposals.length).toBeGreaterThan(0);
    expect(await p.$eval('select[name="type"]', (s) => (s as HTMLSelectElement).value)).toBe("提案");

    const year2021 = await openSearch(p, `q=${encodeURIComponent("医疗救助")}&year=2021`);
    expect(year2021).toEqual(truth("医疗救助", (fact) => fact.year === "2021"));
    expect(year2021.length).toBeGreaterThan(0);

    // The letters print 全国总工会; pages and filter name the agency officially.
    const agency = await openSearch(p, `q=${encodeURIComponent("医疗")}&agency=${encodeURIComponent("中华全国总工会")}`);
    expect(agency).toEqual(truth("医疗", (fact) => fact.agencies.includes("中华全国总工会")));
    expect(agency.length).toBeGreaterThan(0);

    const issuer = await openSearch(p, `q=${encodeURIComponent("医疗救助")}&issuer=${encodeURIComponent("国家医疗保障局")}`);
    expect(issuer).toEqual(truth("医疗救助", (fact) => fact.issuer === "国家医疗保障局"));
    expect(issuer.length).toBeGreaterThan(0);

    const session = "十三届全国人大四次会议";
    expect(await openSearch(p, `q=${encodeURIComponent("医保")}&session=${encodeURIComponent(session)}`))
      .toEqual(truth("医保", (fact) => fact.session === session));

    // Choosing a filter updates the address and the results; Back restores both.
    await openSearch(p, `q=${encodeURIComponent("医疗救助")}`);
    await p.select('select[name="type"]', "建议");
    await p.waitForFunction(() => new URL(location.href).searchParams.get("type") === "建议");
    await p.waitForSelector('#results[aria-busy="false"]');
    const suggestions = (await p.$$eval("#results li a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).sort();
    expect(suggestions).toEqual(truth("医疗救助", (fact) => fact.type === "建议"));
    await p.goBack();
    await p.waitForFunction(() => !new URL(location.href).searchParams.has("type"));
    await p.waitForSelector('#results[aria-busy="false"]');
    expect(await p.$$eval("#results li", (li) => li.length)).toBe(all.length);
    expect(await p.$eval('select[name="type"]', (s) => (s as HTMLSelectElement).value)).toBe("");
    await p.close();
  });

  it("sorts by date, newest first, or by relevance", async () => {
    const p = await browser.newPage();
    await p.goto(`${server.url}/search/?q=${encodeURIComponent("医疗救助")}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    const dates = await p.$$eval("#results .result-meta", (ms) => ms.map((m) => /(\d{4})年(\d+)月(\d+)日/.exec(m.textContent!)!.slice(1).map(Number)));
    const keys = dates.map(([y, m, d]) => y! * 10000 + m! * 100 + d!);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    const byRelevance = await openSearch(p, `q=${encodeURIComponent("医疗救助")}&sort=relevance`);
    expect(byRelevance).toEqual(truth("医疗救助"));
    // In the order listed, the number of places Ctrl+F highlights never grows.
    const listed = await p.$$eval("#results li a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const counts = listed.map((url) => readerOccurrences(pages.get(url)!.paragraphs, "医疗救助"));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(counts).size).toBeGreaterThan(1);
    expect(await p.$eval('select[name="sort"]', (s) => (s as HTMLSelectElement).value)).toBe("relevance");
    await p.close();
  });

  it("loads Pagefind only once the reader types, and no search script elsewhere", async () => {
    const p = await browser.newPage();
    const requests: string[] = [];
    p.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await p.goto(`${server.url}/search/`, { waitUntil: "networkidle0" });
    expect(requests.some((r) => r.includes("pagefind"))).toBe(false);
    await p.type("#search-input", "医保");
    await p.waitForSelector("#results li");
    expect(requests.some((r) => r.endsWith("/pagefind.js"))).toBe(true);

    await p.close();

    // A fresh tab: requests the search page still had in flight are not the letter page's.
    const letter = await browser.newPage();
    const letterRequests: string[] = [];
    letter.on("request", (request) => letterRequests.push(new URL(request.url()).pathname));
    await letter.goto(`${server.url}/letters/2020/ybh-2020-135/`, { waitUntil: "networkidle0" });
    expect(letterRequests.some((r) => r.includes("pagefind") || r.startsWith("/search/"))).toBe(false);
    // Only the schema.org description, which is data.
    expect(await letter.evaluate(() => [...document.scripts].filter((s) => s.type !== "application/ld+json").length)).toBe(0);
    await letter.close();
  });

  it("says plainly without JavaScript that search needs it, and links to the browse pages", async () => {
    const p = await browser.newPage();
    await p.setJavaScriptEnabled(false);
    await p.goto(`${server.url}/search/?q=${encodeURIComponent("医疗救助")}`);
    const text = await p.evaluate(() => document.querySelector("main")!.innerText);
    expect(text).toContain("全文搜索需要浏览器启用 JavaScript");
    const links = await p.$$eval("main .search-nojs a[href]", (as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["/sessions/", "/people/", "/timeline/"]));
    for (const link of links) expect(existsSync(join(out, link!.replace(/^\//, ""), link!.endsWith("/") ? "index.html" : ""))).toBe(true);
    await p.close();
  });

  it("shows readable excerpts with the match highlighted (screenshot)", async () => {
    const p = await browser.newPage();
    await p.setViewport({ width: 1280, height: 1000 });
    await openSearch(p, `q=${encodeURIComponent("医保函[2020]135号")}`);
    await openSearch(p, `q=${encodeURIComponent("医疗救助")}`);
    await p.waitForFunction(() => [...document.querySelectorAll("#results li")].every((li) => li.querySelector(".result-excerpt mark")));
    const items = await p.$$eval("#results li", (lis) => lis.map((li) => ({
      title: li.querySelector("a")!.textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
      excerpt: li.querySelector(".result-excerpt")!.textContent!,
    })));
    expect(items.length).toBe(truth("医疗救助").length);
    for (const item of items) {
      expect(item.title!.length).toBeGreaterThan(4);
      expect(item.marks.every((m) => m === "医疗救助")).toBe(true);
      expect(item.excerpt).not.toMatch(/\b[sp][0-9a-z]{6,}\b/);
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await p.screenshot({ path: join(SCREENSHOT_DIR, "results-1280.png"), fullPage: true });
    await p.setViewport({ width: 360, height: 800 });
    await p.screenshot({ path: join(SCREENSHOT_DIR, "results-360.png") });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p.close();
  });
});

describe("more than a page of results, over several parts", () => {
  const corpusSite = join(work, "corpus-site");
  let corpusPages: Map<string, ReaderPage>;
  let corpusServer: StaticServer;

  beforeAll(async () => {
    const archive = join(work, "corpus");
    writeCorpus(archive, generateCorpus(150, loadCatalogue(PROJECT_ROOT)), join(PROJECT_ROOT, "_data"));
    buildPages(corpusSite, archive);
    await indexSite({ root: archive, siteDir: corpusSite, quiet: true, partSize: 40 });
    corpusServer = await serveStatic(corpusSite);
    corpusPages = await readPages(browser, corpusServer.url, readerPageUrls(corpusSite));
  });
  afterAll(async () => {
    await corpusServer?.close();
  });

  /** Pages where Ctrl+F finds the query, newest first by the date they show. */
  const expected = (query: string) =>
    [...corpusPages].filter(([, read]) => readerContains(read.paragraphs, query))
      .map(([url, read]) => ({ url, date: facts(read, url).date }))
      .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.url < b.url ? -1 : 1))
      .map((entry) => entry.url);
  const dateOf = (url: string) => facts(corpusPages.get(url)!, url).date;
  const expectNewestFirst = (urls: string[]) => {
    const dates = urls.map(dateOf);
    expect(dates).toEqual([...dates].sort().reverse());
  };
  const listed = (p: Page) => p.$$eval("#results li a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

  it("lists 20, newest first, then a hundred more for each “more”; ?all=1 lists all at once", async () => {
    const query = "医疗保障";
    const all = expected(query);
    expect(all.length).toBeGreaterThan(100);
    const p = await browser.newPage();
    await p.goto(`${corpusServer.url}/search/?q=${encodeURIComponent(query)}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    const first = await listed(p);
    expect(first.length).toBe(20);
    expectNewestFirst(first);
    // The first twenty are the newest twenty (ties on a date may come in either order).
    expect(dateOf(first[19]!) >= dateOf(all[20]!)).toBe(true);
    for (const shown of [120, 220].map((n) => Math.min(n, all.length))) {
      if (shown === (await listed(p)).length) break;
      expect(await p.$eval("#search-more", (b) => (b as HTMLButtonElement).hidden)).toBe(false);
      // A DOM click: excerpts filling in above the button as it scrolls into view move it under the mouse.
      await p.$eval("#search-more", (button) => (button as HTMLButtonElement).click());
      await p.waitForFunction(
        (n) => document.querySelectorAll("#results li").length === n && document.getElementById("results")!.getAttribute("aria-busy") === "false",
        { timeout: 20_000 }, shown,
      ).catch(async (error) => {
        throw new Error(`${error}: ${await p.$eval("#search-status", (e) => e.textContent)} ${await p.$$eval("#results li", (l) => l.length)} of ${shown}`);
      });
    }
    const everything = await listed(p);
    expectNewestFirst(everything);
    expect([...everything].sort()).toEqual([...all].sort());
    expect(await p.$eval("#search-more", (b) => (b as HTMLButtonElement).hidden)).toBe(true);

    await p.goto(`${corpusServer.url}/search/?q=${encodeURIComponent(query)}&all=1`);
    await p.waitForSelector('#results[aria-busy="false"]');
    expect((await listed(p)).sort()).toEqual([...all].sort());
    await p.close();
  });

  it("finds a rare name from the routing directory alone, and opens only the parts that hold a query's words", async () => {
    const p = await browser.newPage();
    const pagefindRequests: string[] = [];
    p.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/pagefind/")) pagefindRequests.push(new URL(request.url()).pathname);
    });
    // A name is rare in every part that holds it: its postings are in the directory, so Pagefind is never loaded.
    const name = [...corpusPages.values()].map((read) => read.paragraphs.find((line) => /^\p{Script=Han}{3}(代表|委员)：$/u.test(line))).find(Boolean)!.slice(0, 3);
    await p.goto(`${corpusServer.url}/search/?all=1&q=${encodeURIComponent(name)}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    expect(expected(name).length).toBeGreaterThan(0);
    expect((await listed(p)).sort()).toEqual(expected(name).sort());
    expect(pagefindRequests).toEqual([]);

    // A common term is searched by Pagefind, in the parts the directory names only: every part that holds a match.
    const manifest = JSON.parse(readFileSync(join(corpusSite, "search", "manifest.json"), "utf8")) as { parts: unknown[] };
    const partOf = new Map(manifest.parts.flatMap((_, n) => {
      const dir = join(corpusSite, "search", "cards", String(n));
      return readdirSync(dir).flatMap((file) => {
        const rows = JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString("utf8")) as CardRow[];
        return rows.map((row) => [readCardRow(row).url, String(n)] as const);
      });
    }));
    expect(partOf.size).toBe(corpusPages.size);
    const common = "医疗保障";
    await p.goto(`${corpusServer.url}/search/?all=1&q=${encodeURIComponent(common)}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    expect((await listed(p)).sort()).toEqual(expected(common).sort());
    const metas = new Set(pagefindRequests.filter((path) => path.endsWith(".pf_meta")).map((path) => path.split("/")[2]!));
    expect([...metas].sort()).toEqual([...new Set(expected(common).map((url) => partOf.get(url)!))].sort());

    pagefindRequests.length = 0;
    await p.goto(`${corpusServer.url}/search/?q=${encodeURIComponent("没有这样的话")}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    expect(await listed(p)).toEqual([]);
    expect(pagefindRequests).toEqual([]);
    expect(await p.$eval("#search-status", (e) => e.textContent)).toContain("没有找到");
    await p.close();
  });

  it("filters by issuer among twenty, keeps it in the URL, and names the issuer in each result", async () => {
    const p = await browser.newPage();
    const query = "医疗保障";
    await p.goto(`${corpusServer.url}/search/?all=1&q=${encodeURIComponent(query)}`);
    await p.waitForSelector('#results[aria-busy="false"]');
    const choices = await p.$$eval('select[name="issuer"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    const issuers = new Set([...corpusPages].map(([url, read]) => facts(read, url).issuer));
    expect(issuers.size).toBe(20);
    expect(choices).toHaveLength(21);
    expect(new Set(choices.slice(1))).toEqual(issuers);
    // The catalogue's order: the State Council's departments before its administrations, people's organizations last.
    expect(choices.indexOf("国家发展和改革委员会")).toBeLessThan(choices.indexOf("国家医疗保障局"));
    expect(choices.slice(-2)).toEqual(["中华全国总工会", "中国残疾人联合会"]);

    for (const issuer of ["教育部", "国家医疗保障局", "中国残疾人联合会"]) {
      const wanted = expected(query).filter((url) => facts(corpusPages.get(url)!, url).issuer === issuer);
      expect(wanted.length, issuer).toBeGreaterThan(0);
      await p.select('select[name="issuer"]', issuer);
      await p.waitForFunction((name) => new URL(location.href).searchParams.get("issuer") === name, {}, issuer);
      await p.waitForSelector('#results[aria-busy="false"]');
      expect((await listed(p)).sort(), issuer).toEqual([...wanted].sort());
      const metas = await p.$$eval("#results .result-meta", (ms) => ms.map((m) => m.textContent ?? ""));
      for (const meta of metas) expect(meta.startsWith(`${issuer} · `), meta).toBe(true);
    }
    await p.close();
  });

  it("agrees with Ctrl+F on 60 random substrings of the synthetic letters", async () => {
    const p = await browser.newPage();
    await p.goto(`${corpusServer.url}/search/?all=1`);
    await p.waitForSelector('#results[aria-busy="false"]');
    const texts = [...corpusPages.values()].map((page) => page.paragraphs);
    for (const query of sampleQueries(texts, 60, 99, (rand) => 2 + Math.floor(rand() * 10))) {
      expect(await searchOnPage(query, p), query).toEqual(expected(query).sort());
    }
    await p.close();
  });
});
