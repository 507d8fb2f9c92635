import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/archive.ts";
import { serializeLetterFile } from "../src/model/letter-file.ts";
import { validateArchive } from "../src/model/validate.ts";
import { buildSiteData, normalizePrefix, type SiteListingPage } from "../src/site/site-data.ts";
import { paginateGroups } from "../src/site/listing.ts";
import { CitationLinker } from "../src/site/citations.ts";
import { gbtCitation } from "../src/site/citation.ts";
import { nameInitial } from "../src/model/order.ts";
import { readSiteSettings } from "../src/settings.ts";
import { replyTitle, salutation } from "../src/model/titles.ts";
import { atomFeed, lettersCsv, lettersJson, sitemaps, SITEMAP_LIMIT } from "../src/site/exports.ts";
import { fillMonths, monthlyChart } from "../src/site/chart.ts";
import { findBrokenLinks } from "../src/site/link-check.ts";
import { FIXTURE_DOCUMENT, FIXTURE_LETTERS, PROJECT_ROOT, letterPath } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const archive = validateArchive(
  [
    ...FIXTURE_LETTERS.map(({ data, body }) => ({ file: letterPath(data), text: serializeLetterFile(data as never, body) })),
    { file: "letters/documents/2020/doc.md", text: serializeLetterFile(FIXTURE_DOCUMENT.data as never, FIXTURE_DOCUMENT.body) },
  ],
  catalogue,
);
const settings = { ...readSiteSettings(PROJECT_ROOT), title: "复文", url: "https://example.org/", pathPrefix: "/" };
const site = buildSiteData(archive.letters, archive.documents, catalogue, settings);
const listing = (url: string): SiteListingPage => {
  const page = site.listings.find((l) => l.url === url);
  if (!page) throw new Error(`no listing ${url}`);
  return page;
};

describe("letter wording", () => {
  const byDocNumber = (docNumber: string) => archive.letters.find((l) => l.docNumber === docNumber);
  const first = byDocNumber("医保函〔2020〕135号");
  const cppcc = byDocNumber("医保函〔2022〕132号");
  const twoNames = byDocNumber("医保函〔2020〕201号");
  it("builds the heading, salutation and citation from metadata", () => {
    expect(archive.problems).toEqual([]);
    expect(replyTitle(first!)).toBe("国家医疗保障局对十三届全国人大三次会议第2152号建议的答复");
    expect(replyTitle(cppcc!)).toBe("国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函");
    expect(salutation(first!)).toBe("李素萍代表：");
    expect(salutation(twoNames!)).toBe("王芳、单磊代表：");
    expect(gbtCitation(first!, "https://example.org/letters/2020/ybh-2020-135/")).toBe(
      "国家医疗保障局. 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复: 医保函〔2020〕135号[EB/OL]. (2020-10-27). https://example.org/letters/2020/ybh-2020-135/.",
    );
  });
});

describe("site data", () => {
  it("gives each letter an ASCII URL from its year and id", () => {
    expect(site.letters.map((l) => l.url).sort()).toEqual([
      "/letters/2020/ybh-2020-135/", "/letters/2020/ybh-2020-201/", "/letters/2021/ybh-2021-194/",
      "/letters/2022/ybh-2022-132/", "/letters/2023/ybh-2023-90/",
    ]);
    for (const page of site.pageUrls) expect(page).toMatch(/^[\x20-\x7e]+$/);
  });

  it("links previous and next only within a session, in proposal-number order", () => {
    const a = site.letters.find((l) => l.letter.id === "ybh-2020-135")!;
    const b = site.letters.find((l) => l.letter.id === "ybh-2020-201")!;
    expect(a.previous).toBeUndefined();
    expect(a.next).toEqual({ url: b.url, label: "第3001号建议" });
    expect(b.previous).toEqual({ url: a.url, label: "第2152号建议" });
    expect(b.next).toBeUndefined();
    const other = site.letters.find((l) => l.letter.id === "ybh-2021-194")!;
    expect(other.previous).toBeUndefined();
  });

  it("lists sessions in catalogue order and a session's replies by number", () => {
    const sessions = listing("/sessions/").groups.flatMap((g) => g.entries.map((e) => (e.kind === "link" ? e.label : "")));
    const order = catalogue.sessions.map((s) => s.name);
    // The catalogue lists NPC sessions before CPPCC ones within a year's pair.
    expect(sessions).toEqual(["十三届全国人大三次会议", "十三届全国人大四次会议", "全国政协十三届五次会议", "十四届全国人大一次会议"]);
    const npc133 = listing("/sessions/npc-13-3/").groups[0]!.entries.map((e) => (e.kind === "letter" ? e.page.letter.proposalNumber : ""));
    expect(npc133).toEqual(["2152", "3001"]);
  });

  it("groups the timeline by month, oldest first, with a month table pointing at anchors", () => {
    const timeline = listing("/timeline/");
    expect(timeline.groups.map((g) => g.heading)).toEqual(["2020年10月", "2020年11月", "2021年9月", "2022年7月", "2023年8月"]);
    const row2020 = timeline.monthTable!.find((r) => r.year === 2020)!;
    expect(row2020.cells[9]).toEqual({ month: 10, count: 1, url: "/timeline/#m-2020-10" });
    expect(row2020.total).toBe(2);
    expect(timeline.chart).toContain("<svg");
  });

  it("orders people by pinyin and groups them by initial", () => {
    const people = listing("/people/");
    expect(people.groups.map((g) => g.heading)).toEqual(["L", "S", "T", "W", "Z"]);
    expect(people.groups.flatMap((g) => g.entries.map((e) => (e.kind === "link" ? e.label : "")))).toEqual(["李素萍", "刘文贤", "单磊", "谭祖安", "王芳", "张海军"]);
    expect(nameInitial("单磊")).toBe("S");
    expect(nameInitial("曾")).toBe("Z");
  });

  it("finds cited related documents and lists who cites them", () => {
    const first = site.letters.find((l) => l.letter.id === "ybh-2020-135")!;
    expect(first.cites).toEqual([{ url: site.documents[0]!.url, label: FIXTURE_DOCUMENT.data.title }]);
    expect(site.documents[0]!.citedBy.map((c) => c.url)).toEqual([first.url]);
  });

  it("counts replies by year and assembly for the home page", () => {
    expect(site.home.totals).toMatchObject({ npc: 4, cppcc: 1, total: 5, sessions: 4, people: 6 });
    expect(site.home.counts.find((c) => c.year === 2020)).toMatchObject({ npc: 2, cppcc: 0, total: 2 });
    expect(site.home.latest.map((e) => (e.kind === "letter" ? e.page.letter.date : ""))).toEqual(["2023-08-23", "2022-07-26", "2021-09-16", "2020-11-03", "2020-10-27"]);
  });

  it("applies the path prefix to absolute URLs", () => {
    const prefixed = buildSiteData(archive.letters, archive.documents, catalogue, { ...settings, pathPrefix: "archive" });
    expect(normalizePrefix("archive")).toBe("/archive/");
    expect(prefixed.baseUrl).toBe("https://example.org/archive");
    expect(prefixed.letters[0]!.absoluteUrl).toMatch(/^https:\/\/example\.org\/archive\/letters\//);
  });
});

describe("pagination of long listings", () => {
  const groups = [
    { id: "a", heading: "A", entries: [1, 2, 3] },
    { id: "b", heading: "B", entries: [4, 5, 6, 7, 8] },
    { id: "c", heading: "C", entries: [9] },
  ];
  it("splits groups across pages and marks continuations", () => {
    const pages = paginateGroups("/x/", groups, 4);
    expect(pages.map((p) => p.url)).toEqual(["/x/", "/x/p2/", "/x/p3/"]);
    expect(pages.map((p) => p.groups.map((g) => `${g.id}:${g.entries.join("")}`))).toEqual([["a:123", "b:4"], ["b-c:5678"], ["c:9"]]);
    expect(pages[1]!.groups[0]!.continued).toBe(true);
    expect(pages[0]!.groupIndex).toEqual([
      { label: "A", url: "/x/#a", count: 3 },
      { label: "B", url: "/x/#b", count: 5 },
      { label: "C", url: "/x/p3/#c", count: 1 },
    ]);
    expect(pages[1]!.previous).toBe("/x/");
    expect(pages[1]!.next).toBe("/x/p3/");
    expect(pages[2]!.pager.filter((p) => p.current).map((p) => p.label)).toEqual(["3"]);
  });
  it("keeps every entry exactly once", () => {
    const many = [{ id: "all", entries: Array.from({ length: 1001 }, (_, i) => i) }];
    const pages = paginateGroups("/y/", many, 200);
    expect(pages).toHaveLength(6);
    expect(pages.flatMap((p) => p.groups.flatMap((g) => g.entries))).toEqual(many[0]!.entries);
  });
});

describe("citation links", () => {
  const linker = new CitationLinker([{ title: "中共中央 国务院关于深化医疗保障制度改革的意见", url: "/documents/2020/d/" }]);
  it("matches titles with or without the inner space and links inside 《》", () => {
    expect(linker.cited("见《中共中央国务院关于深化医疗保障制度改革的意见》。").map((d) => d.url)).toEqual(["/documents/2020/d/"]);
    expect(linker.cited("《关于健全重特大疾病医疗保险和救助制度的意见》")).toEqual([]);
    expect(linker.link("<p>《中共中央 国务院关于深化医疗保障制度改革的意见》</p>", (u) => `/sub${u}`)).toBe(
      '<p>《<a href="/sub/documents/2020/d/">中共中央 国务院关于深化医疗保障制度改革的意见</a>》</p>',
    );
  });
});

describe("exports", () => {
  it("writes CSV with a BOM, CRLF and quoted fields", () => {
    const csv = lettersCsv(site);
    expect(csv.startsWith("\uFEFFid,url,docNumber")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(site.letters.length + 2);
    expect(lines.at(-1)).toBe("");
    expect(csv).toContain("王芳;单磊");
  });
  it("writes JSON with every letter and its metadata", () => {
    const json = JSON.parse(lettersJson(site));
    expect(json.count).toBe(5);
    expect(json.letters.find((l: { id: string }) => l.id === "ybh-2022-132")).toMatchObject({ proposalNumber: "01983", category: "社会管理类184号", sessionId: "cppcc-13-5" });
  });
  it("dates the Atom feed by the newest reply in Beijing time, never the build time", () => {
    const feed = atomFeed(site);
    expect(feed).toContain("<updated>2023-08-23T00:00:00+08:00</updated>");
    expect(feed.match(/<entry>/g)).toHaveLength(5);
  });
  it("splits the sitemap beyond the protocol's limit", () => {
    const big = { ...site, pageUrls: Array.from({ length: SITEMAP_LIMIT + 1 }, (_, i) => `/p${i}/`) };
    const files = sitemaps(big);
    expect(files.map((f) => f.path)).toEqual(["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
    expect(files[0]!.content).toContain("<sitemapindex");
    expect(sitemaps(site)[0]!.content.match(/<loc>/g)).toHaveLength(site.pageUrls.length);
  });
});

describe("PDF edition links", () => {
  it("links the editions the print step wrote, with their sizes, and no others", () => {
    const withEditions = buildSiteData(archive.letters, archive.documents, catalogue, settings, [
      { file: "compendium.pdf", bytes: 3_355_443 },
      { file: "compendium-2020.pdf", bytes: 23_400_000 },
    ]);
    expect(withEditions.home.edition).toEqual({ url: "/compendium.pdf", label: "全部答复合订本", size: "3.4 MB" });
    const year = (url: string) => withEditions.listings.find((l) => l.url === url)!;
    expect(year("/years/2020/").edition).toEqual({ url: "/compendium-2020.pdf", label: "2020年答复合订本", size: "23 MB" });
    expect(year("/sessions/npc-13-3/").edition?.url).toBe("/compendium-2020.pdf");
    expect(year("/years/2021/").edition).toBeUndefined();
    expect(site.home.edition).toBeUndefined();
  });
});

describe("chart", () => {
  it("fills quiet months with zeros and draws one bar per month with replies", () => {
    const months = fillMonths(new Map([["2020-11", 2], ["2021-02", 1]]));
    expect(months).toEqual([{ month: "2020-11", count: 2 }, { month: "2020-12", count: 0 }, { month: "2021-01", count: 0 }, { month: "2021-02", count: 1 }]);
    const svg = monthlyChart(months, "每月答复件数");
    expect(svg.match(/M\d+ \d+h6/g)).toHaveLength(2);
    expect(svg).toContain("<title id=\"chart-title\">每月答复件数</title>");
  });
});

describe("link checker", () => {
  it("reports missing files and fragments, and ignores other hosts", () => {
    const pages = new Map([
      ["index.html", '<a href="/a/">a</a><a href="/a/#x">x</a><a href="/a/#nope">n</a><a href="/missing/">m</a><a href="https://other.org/">o</a>'],
      ["a/index.html", '<h2 id="x">x</h2><a href="../">up</a>'],
    ]);
    const broken = findBrokenLinks(pages, new Set(pages.keys()));
    expect(broken.map((b) => b.href)).toEqual(["/a/#nope", "/missing/"]);
  });
});
