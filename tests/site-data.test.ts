import { describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { serializeLetterFile } from "../src/model/letter-file.ts";
import { validateArchive, type ValidationMemo } from "../src/model/validate.ts";
import { changedPages, PageKeys } from "../src/site/page-store.ts";
import { buildSiteData, type SiteListingPage } from "../src/site/site-data.ts";
import { normalizePrefix } from "../src/settings.ts";
import { paginateGroups } from "../src/site/listing.ts";
import { pageBatches } from "../src/site/batches.ts";
import { CitationLinker } from "../src/model/citations.ts";
import { gbtCitation } from "../src/site/citation.ts";
import { nameInitial } from "../src/model/order.ts";
import { readSiteSettings } from "../src/settings.ts";
import { replyTitle, salutation } from "../src/model/titles.ts";
import { atomFeed, lettersCsv, lettersJson, sitemaps, SITEMAP_LIMIT } from "../src/site/exports.ts";
import { fillMonths, monthlyChart } from "../src/site/chart.ts";
import { findBrokenLinks } from "../src/site/link-check.ts";
import { ALL_FIXTURE_LETTERS, FIXTURE_DOCUMENT, PROJECT_ROOT, letterPath } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const archive = validateArchive(
  [
    ...ALL_FIXTURE_LETTERS.map(({ data, body }) => ({ file: letterPath(data), text: serializeLetterFile(data as never, body) })),
    { file: "letters/documents/2020/doc.md", text: serializeLetterFile(FIXTURE_DOCUMENT.data as never, FIXTURE_DOCUMENT.body) },
  ],
  catalogue,
);
const settings = { ...readSiteSettings(PROJECT_ROOT), title: "复文", url: "https://example.org/", pathPrefix: "/" };
const site = buildSiteData(archive.letters, archive.documents, catalogue, settings, { agencies });
const pageOf = (id: string) => {
  const page = site.letters.find((l) => l.letter.id === id);
  if (!page) throw new Error(`no letter ${id}`);
  return page;
};
const labels = (page: SiteListingPage) => page.groups.flatMap((g) => g.entries.map((e) => (e.kind === "link" ? e.label : e.page.letter.id)));
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
      "国家医疗保障局. 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复：医保函〔2020〕135号[A/OL]. 2020-10-27. https://example.org/letters/2020/ybh-2020-135/.",
    );
  });
});

describe("site data", () => {
  it("gives each letter an ASCII URL from its year and id", () => {
    expect(site.letters.map((l) => l.url).sort()).toEqual([
      "/letters/2020/ybh-2020-135/", "/letters/2020/ybh-2020-201/", "/letters/2021/ybh-2021-194/",
      "/letters/2022/ybh-2022-132/", "/letters/2023/cjh-2023-41/", "/letters/2023/gjfzhggwyh-zy-npc-14-1-5012/",
      "/letters/2023/htf-2023-57/", "/letters/2023/jbjy-2023-88/", "/letters/2023/jjy-2023-215/",
      "/letters/2023/ybh-2023-90/", "/letters/2023/zgh-2023-19/",
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
    // Two issuers answered 第3176号建议: the neighbour names its issuer.
    expect(pageOf("jjy-2023-215").previous).toEqual({ url: "/letters/2023/cjh-2023-41/", label: "第3176号建议（财政部）" });
    expect(pageOf("gjfzhggwyh-zy-npc-14-1-5012").previous).toEqual({ url: "/letters/2023/jjy-2023-215/", label: "第3176号建议（教育部）" });
  });

  it("lists sessions in catalogue order and a session's replies by number", () => {
    const sessions = listing("/sessions/").groups.flatMap((g) => g.entries.map((e) => (e.kind === "link" ? e.label : "")));
    const order = catalogue.sessions.map((s) => s.name);
    // The catalogue lists NPC sessions before CPPCC ones within a year's pair.
    expect(sessions).toEqual(["十三届全国人大三次会议", "十三届全国人大四次会议", "全国政协十三届五次会议", "十四届全国人大一次会议", "全国政协十四届一次会议"]);
    const npc133 = listing("/sessions/npc-13-3/").groups[0]!.entries.map((e) => (e.kind === "letter" ? e.page.letter.proposalNumber : ""));
    expect(npc133).toEqual(["2152", "3001"]);
  });

  it("groups the timeline by month, oldest first, with a month table pointing at anchors", () => {
    const timeline = listing("/timeline/");
    expect(timeline.groups.map((g) => g.heading)).toEqual(["2020年10月", "2020年11月", "2021年9月", "2022年7月", "2023年6月", "2023年7月", "2023年8月", "2023年9月"]);
    const row2020 = timeline.monthTable!.find((r) => r.year === 2020)!;
    expect(row2020.cells[9]).toEqual({ month: 10, count: 1, url: "/timeline/#m-2020-10" });
    expect(row2020.total).toBe(2);
    expect(timeline.chart).toContain("<svg");
  });

  it("orders people by pinyin and groups them by initial", () => {
    const people = listing("/people/");
    expect(people.groups.map((g) => g.heading)).toEqual(["C", "H", "L", "Q", "S", "T", "W", "Z"]);
    expect(labels(people)).toEqual([
      "程晓岚", "韩静怡", "李素萍", "刘文贤", "青海代表团", "单宏宇", "单磊", "谭祖安", "王芳", "张海军", "中国民主促进会中央委员会", "周立群",
    ]);
    expect(people.summary).toBe("10位全国人大代表和全国政协委员，2个代表团和党派团体，按名称拼音排列。");
    // A body is named by itself, a person with the role.
    expect(listing("/people/qing-hai-dai-biao-tuan/").title).toBe("青海代表团");
    expect(listing("/people/li-su-ping/").title).toBe("李素萍代表");
    expect(nameInitial("单磊")).toBe("S");
    expect(nameInitial("曾")).toBe("Z");
  });

  it("finds cited related documents and lists who cites them", () => {
    const first = site.letters.find((l) => l.letter.id === "ybh-2020-135")!;
    expect(first.cites).toEqual([{ url: site.documents[0]!.url, label: FIXTURE_DOCUMENT.data.title }]);
    expect(site.documents[0]!.citedBy.map((c) => c.url)).toEqual([first.url]);
  });

  it("counts replies by year and assembly, and by issuer, for the home page", () => {
    expect(site.home.totals).toMatchObject({ npc: 8, cppcc: 3, total: 11, sessions: 5, people: 10, bodies: 2, issuers: 7 });
    expect(site.home.counts.find((c) => c.year === 2020)).toMatchObject({ npc: 2, cppcc: 0, total: 2 });
    expect(site.home.counts.find((c) => c.year === 2023)).toMatchObject({ npc: 5, cppcc: 2, total: 7 });
    expect(site.home.latest.map((e) => (e.kind === "letter" ? e.page.letter.date : ""))).toEqual([
      "2023-09-05", "2023-08-23", "2023-08-18", "2023-08-02", "2023-07-20", "2023-07-12", "2023-06-30", "2022-07-26", "2021-09-16", "2020-11-03",
    ]);
    // In the catalogue's order: State Council departments (its own sequence), then the administrations, then people's organizations.
    expect(site.home.issuers.map((c) => [c.label, c.npc, c.cppcc, c.url])).toEqual([
      ["国家发展和改革委员会", 1, 0, "/issuers/guo-jia-fa-zhan-he-gai-ge-wei-yuan-hui/"],
      ["教育部", 1, 0, "/issuers/jiao-yu-bu/"],
      ["财政部", 1, 0, "/issuers/cai-zheng-bu/"],
      ["生态环境部", 0, 1, "/issuers/sheng-tai-huan-jing-bu/"],
      ["交通运输部", 1, 0, "/issuers/jiao-tong-yun-shu-bu/"],
      ["国家医疗保障局", 4, 1, "/issuers/guo-jia-yi-liao-bao-zhang-ju/"],
      ["中华全国总工会", 0, 1, "/issuers/zhong-hua-quan-guo-zong-gong-hui/"],
    ]);
    expect(site.home.showIssuer).toBe(true);
  });

  it("applies the path prefix to absolute URLs", () => {
    const prefixed = buildSiteData(archive.letters, archive.documents, catalogue, { ...settings, pathPrefix: "archive" });
    expect(normalizePrefix("archive")).toBe("/archive/");
    expect(prefixed.baseUrl).toBe("https://example.org/archive");
    expect(prefixed.letters[0]!.absoluteUrl).toMatch(/^https:\/\/example\.org\/archive\/letters\//);
  });
});

describe("issuers and every kind of letter", () => {
  it("browses by issuer: an overview grouped by the catalogue's kinds, and each issuer's replies by session", () => {
    const overview = listing("/issuers/");
    expect(overview.summary).toBe("7个发文机关的11件答复，按国务院机构序列排列。");
    expect(overview.groups.map((g) => [g.heading, g.entries.length])).toEqual([["国务院组成部门", 5], ["国务院直属机构", 1], ["人民团体", 1]]);
    const ybj = listing("/issuers/guo-jia-yi-liao-bao-zhang-ju/");
    expect(ybj.title).toBe("国家医疗保障局的答复");
    expect(ybj.groups.map((g) => g.heading)).toEqual(["十三届全国人大三次会议", "十三届全国人大四次会议", "全国政协十三届五次会议", "十四届全国人大一次会议"]);
    expect(ybj.showIssuer).toBe(false);
    expect(listing("/timeline/").showIssuer).toBe(true);
    expect(listing("/sessions/npc-14-1/").showIssuer).toBe(true);
  });

  it("files consulted agencies under their official names, whatever form the letter prints", () => {
    // 交通运输部 writes 国家发展改革委; the summary's issuer is 国家发展和改革委员会: one body, one slug.
    expect(pageOf("jbjy-2023-88").consulted).toEqual([
      { url: "/agencies/guo-jia-fa-zhan-he-gai-ge-wei-yuan-hui/", label: "国家发展和改革委员会" },
      { url: "/agencies/cai-zheng-bu/", label: "财政部" },
    ]);
    expect(pageOf("ybh-2020-135").consulted.map((a) => a.label)).toEqual(["国家卫生健康委员会", "中华全国总工会"]);
    expect(labels(listing("/agencies/guo-jia-fa-zhan-he-gai-ge-wei-yuan-hui/"))).toEqual(["jbjy-2023-88"]);
    expect(labels(listing("/issuers/guo-jia-fa-zhan-he-gai-ge-wei-yuan-hui/"))).toEqual(["gjfzhggwyh-zy-npc-14-1-5012"]);
  });

  it("names each kind of recipient under its own heading", () => {
    expect(pageOf("jbjy-2023-88").recipientsHeading).toBe("代表团");
    expect(pageOf("htf-2023-57").recipientsHeading).toBe("党派团体");
    expect(pageOf("zgh-2023-19").recipientsHeading).toBe("委员");
    expect(pageOf("jjy-2023-215").recipients.map((r) => r.label)).toEqual(["周立群", "程晓岚", "单宏宇"]);
    expect(pageOf("jjy-2023-215").names).toBe("周立群、程晓岚、单宏宇");
  });

  it("identifies a summary without 文号 by its full reference, and cites it by its heading", () => {
    const summary = pageOf("gjfzhggwyh-zy-npc-14-1-5012");
    expect(summary.kindLabel).toBe("答复摘要");
    expect(summary.reference).toBe("十四届全国人大一次会议第5012号建议");
    expect(summary.letter.parts.heading).toBe("关于十四届全国人大一次会议第5012号建议答复的摘要");
    expect(summary.recipients).toEqual([]);
    expect(summary.citation).toBe(
      "国家发展和改革委员会. 关于十四届全国人大一次会议第5012号建议答复的摘要[A/OL]. 2023-09-05. https://example.org/letters/2023/gjfzhggwyh-zy-npc-14-1-5012/.",
    );
    expect(pageOf("ybh-2023-90").kindLabel).toBe("答复");
  });

  it("links the replies to one suggestion to each other, and no others", () => {
    expect(pageOf("jjy-2023-215").otherReplies).toEqual({
      heading: "同一建议的其他答复",
      links: [{ id: "cjh-2023-41", url: "/letters/2023/cjh-2023-41/", label: "财政部答复（财教函〔2023〕41号）" }],
    });
    expect(pageOf("cjh-2023-41").otherReplies?.links.map((l) => l.url)).toEqual(["/letters/2023/jjy-2023-215/"]);
    const linked = site.letters.filter((p) => p.otherReplies).map((p) => p.letter.id).sort();
    expect(linked).toEqual(["cjh-2023-41", "jjy-2023-215"]);
  });

  it("publishes the contact's phone only when the settings say so", () => {
    expect(settings.publishContactPhone).toBe(false);
    expect(pageOf("jjy-2023-215").contact).toEqual({ name: "郑明远", unit: "教育部教师工作司" });
    const withPhone = buildSiteData(archive.letters, archive.documents, catalogue, { ...settings, publishContactPhone: true }, { agencies });
    expect(withPhone.letters.find((p) => p.letter.id === "jjy-2023-215")!.contact).toEqual({ name: "郑明远", phone: "010-55550123", unit: "教育部教师工作司" });
    expect(pageOf("ybh-2020-135").contact).toBeUndefined();
  });

  it("shows no issuer in rows when the archive has only one", () => {
    const one = archive.letters.filter((l) => l.issuer === "国家医疗保障局");
    const single = buildSiteData(one, [], catalogue, settings, { agencies });
    expect(single.home.showIssuer).toBe(false);
    expect(single.listings.every((l) => !l.showIssuer)).toBe(true);
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
    expect(csv.startsWith("\uFEFFid,url,kind,docNumber")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(site.letters.length + 2);
    expect(lines.at(-1)).toBe("");
    expect(csv).toContain("王芳;单磊");
    const header = lines[0]!.split(",");
    const row = (id: string) => Object.fromEntries(lines.find((l) => l.startsWith(`${id},`))!.split(",").map((v, i) => [header[i], v]));
    expect(row("jjy-2023-215")).toMatchObject({
      kind: "reply", cc: "全国人大常委会办公厅联络局;国务院办公厅督查室", contactName: "郑明远", contactUnit: "教育部教师工作司", contactPhone: "",
    });
    expect(row("gjfzhggwyh-zy-npc-14-1-5012")).toMatchObject({ kind: "summary", docNumber: "", recipients: "", roles: "" });
    expect(csv).not.toContain("010-55550123");
  });
  it("writes JSON with every letter and its metadata", () => {
    const json = JSON.parse(lettersJson(site));
    expect(json.count).toBe(11);
    const record = (id: string) => json.letters.find((l: { id: string }) => l.id === id);
    expect(record("ybh-2022-132")).toMatchObject({ kind: "reply", proposalNumber: "01983", category: "社会管理类184号", sessionId: "cppcc-13-5", cc: [], contact: null });
    expect(record("jjy-2023-215")).toMatchObject({
      cc: ["全国人大常委会办公厅联络局", "国务院办公厅督查室"], contact: { name: "郑明远", unit: "教育部教师工作司" }, otherReplies: ["cjh-2023-41"],
    });
    expect(record("gjfzhggwyh-zy-npc-14-1-5012")).toMatchObject({ kind: "summary", docNumber: null, reference: "十四届全国人大一次会议第5012号建议", recipients: [] });
    expect(record("jbjy-2023-88")).toMatchObject({ issuerName: "交通运输部", recipients: [{ name: "青海代表团", role: "代表团" }] });
    expect(lettersJson(site)).not.toContain("010-55550123");
  });
  it("dates the Atom feed by the newest reply in Beijing time, never the build time", () => {
    const feed = atomFeed(site);
    expect(feed).toContain("<updated>2023-09-05T00:00:00+08:00</updated>");
    expect(feed.match(/<entry>/g)).toHaveLength(11);
    expect(feed).toContain('<category term="summary" label="答复摘要"/><summary>关于十四届全国人大一次会议第5012号建议答复的摘要（十四届全国人大一次会议第5012号建议），2023年9月5日。</summary>');
    expect(feed).toContain("2023年7月12日。抄送：全国人大常委会办公厅联络局，国务院办公厅督查室。联系人：郑明远，联系单位：教育部教师工作司。</summary>");
    expect(feed).not.toContain("undefined");
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
    const withEditions = buildSiteData(archive.letters, archive.documents, catalogue, settings, {
      editions: [{ file: "compendium.pdf", bytes: 3_355_443 }, { file: "compendium-2020.pdf", bytes: 23_400_000 }],
    });
    expect(withEditions.home.editions).toEqual([{ url: "/compendium.pdf", label: "全部答复合订本", size: "3.4 MB", records: { marc: "/records/compendium.marc.xml", dc: "/records/compendium.dc.xml" } }]);
    const year = (url: string) => withEditions.listings.find((l) => l.url === url)!;
    expect(year("/years/2020/").editions).toEqual([{ url: "/compendium-2020.pdf", label: "2020年答复合订本", size: "23 MB", records: { marc: "/records/compendium-2020.marc.xml", dc: "/records/compendium-2020.dc.xml" } }]);
    expect(year("/sessions/npc-13-3/").editions?.map((e) => e.url)).toEqual(["/compendium-2020.pdf"]);
    expect(year("/years/2021/").editions).toEqual([]);
    expect(site.home.editions).toEqual([]);
  });

  it("links a split year's 册 in order, and the year volumes from the home page when there is no whole-archive edition", () => {
    const split = buildSiteData(archive.letters, archive.documents, catalogue, settings, {
      editions: [{ file: "compendium-2020-1.pdf", bytes: 2_000_000 }, { file: "compendium-2020-2.pdf", bytes: 1_000_000 }, { file: "compendium-2021.pdf", bytes: 500_000 }],
    });
    const year = (url: string) => split.listings.find((l) => l.url === url)!;
    expect(year("/years/2020/").editions?.map(({ url, label, size }) => ({ url, label, size }))).toEqual([
      { url: "/compendium-2020-1.pdf", label: "2020年答复合订本 第一册", size: "2.0 MB" },
      { url: "/compendium-2020-2.pdf", label: "2020年答复合订本 第二册", size: "1.0 MB" },
    ]);
    expect(split.home.editions.map((e) => e.label)).toEqual(["2020年答复合订本 第一册", "2020年答复合订本 第二册", "2021年答复合订本"]);
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

describe("pageBatches", () => {
  const families = { documents: ["d1", "d2"], listings: ["g1", "g2", "g3"], letters: ["l1", "l2", "l3", "l4", "l5"] };

  it("shares every page out once, in order, the single pages to the first run", () => {
    const batches = pageBatches(families, 4);
    expect(batches.map((b) => [b.singles, [...b.documents, ...b.listings, ...b.letters]])).toEqual([
      [true, ["d1", "d2", "g1", "g2"]],
      [false, ["g3", "l1", "l2", "l3"]],
      [false, ["l4", "l5"]],
    ]);
  });

  it("is one run while the pages fit, and one run for an empty archive", () => {
    expect(pageBatches(families, 10)).toEqual([{ singles: true, ...families }]);
    expect(pageBatches({ documents: [], listings: [], letters: [] }, 10)).toEqual([{ singles: true, documents: [], listings: [], letters: [] }]);
  });
});

describe("rebuilding after an edit (the dev server)", () => {
  const read = () => ALL_FIXTURE_LETTERS.map(({ data, body }) => ({ file: letterPath(data), text: serializeLetterFile(data as never, body) }));
  const reword = (files: { file: string; text: string }[], n: number) =>
    files.map((f, i) => (i === n ? { ...f, text: f.text.replace("。", "，另行函复。") } : f));

  it("validates from memory only what is unchanged, with the results of a fresh read", () => {
    const memo: ValidationMemo = new Map();
    const first = read();
    expect(validateArchive(first, catalogue, memo)).toEqual(validateArchive(first, catalogue));
    // One letter reworded, one made unreadable, one deleted.
    const edited = reword(first, 0).map((f, i) => (i === 1 ? { ...f, text: "这封信没有前言。" } : f)).slice(0, -1);
    const again = validateArchive(edited, catalogue, memo);
    expect(again).toEqual(validateArchive(edited, catalogue));
    expect(again.problems.map((p) => p.file)).toEqual([edited[1]!.file]);
    expect(again.letters.find((l) => l.file === edited[0]!.file)?.parts.body).toContain("另行函复");
    expect([...memo.keys()].sort()).toEqual(edited.map((f) => f.file).sort());
  });

  it("renders again only the pages whose content changed, and names the pages gone", () => {
    const siteOf = (files: { file: string; text: string }[]) => {
      const { letters, documents } = validateArchive(files, catalogue);
      return buildSiteData(letters, documents, catalogue, settings, { agencies });
    };
    const rendered = new Map<string, string>();
    const before = siteOf(read());
    const first = changedPages(before, new PageKeys("shared"), rendered);
    expect(first.fresh.letters.length + first.fresh.listings.length).toBe(before.letters.length + before.listings.length);
    expect(changedPages(before, new PageKeys("shared"), rendered).fresh.letters).toEqual([]);

    const edited = reword(read(), 3);
    const after = siteOf(edited);
    const { fresh, gone } = changedPages(after, new PageKeys("shared"), rendered);
    const editedUrl = after.letters.find((p) => p.letter.file === edited[3]!.file)!.url;
    expect(fresh.letters.map((p) => p.url)).toEqual([editedUrl]);
    expect(gone).toEqual([]);

    const fewer = siteOf(read().slice(1));
    const removed = before.letters.find((p) => p.letter.file === read()[0]!.file)!.url;
    expect(changedPages(fewer, new PageKeys("shared"), rendered).gone).toContain(removed);
    // Something else shared by all pages (the settings, the templates) renders every page again.
    expect(changedPages(fewer, new PageKeys("other"), rendered).fresh.letters.length).toBe(fewer.letters.length);
  });
});
