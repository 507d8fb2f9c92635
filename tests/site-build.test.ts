/**
 * Integration: `npm run build` (scripts/build.ts) on the fixture archive and on the project's
 * own letters/, checking the output as a whole: page types, links, escaping, budgets,
 * validity, determinism, atomic failure and the path prefix.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HtmlValidate } from "html-validate";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-csl";
import { findBrokenLinks } from "../src/site/link-check.ts";
import { PROJECT_ROOT, writeFixtureArchive } from "./helpers/fixture-archive.ts";

const work = mkdtempSync(join(tmpdir(), "fuwen-site-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds the pages only: the search index and the PDF editions have their own tests, and the full build is tested once below. */
export function runBuild(archive: string, out: string, ...extra: string[]) {
  return runFullBuild(archive, out, "--skip", "search,pdf", ...extra);
}

function runFullBuild(archive: string, out: string, ...extra: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out, ...extra], {
    cwd: PROJECT_ROOT, encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readSite(dir: string) {
  const files = new Set<string>();
  const pages = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = join(entry.parentPath, entry.name).slice(dir.length + 1);
    files.add(rel);
    if (rel.endsWith(".html")) pages.set(rel, readFileSync(join(dir, rel), "utf8"));
  }
  return { files, pages };
}

function digest(dir: string): Map<string, string> {
  const { files } = readSite(dir);
  return new Map([...files].sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));
}

/** The search page and its assets belong to the search step (issue 4), whose tests check them. */
const OWNED_BY_SEARCH = (href: string) => /^\/(?:fuwen\/)?(?:search\/.+|pagefind\/)/.test(href);
const brokenLinks = (pages: Map<string, string>, files: Set<string>, prefix = "/") =>
  findBrokenLinks(pages, files, prefix).filter((b) => !OWNED_BY_SEARCH(b.href));

const gz = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;

describe("the fixture archive", () => {
  const archive = join(work, "archive");
  const out = join(work, "site");
  let site: ReturnType<typeof readSite>;

  beforeAll(() => {
    writeFixtureArchive(archive);
    const result = runBuild(archive, out);
    expect(result.status).toBe(0);
    site = readSite(out);
  });

  it("has every page type and data file", () => {
    for (const file of [
      "index.html", "404.html", "search/index.html", "data/index.html", "timeline/index.html",
      "sessions/index.html", "sessions/npc-13-3/index.html", "sessions/cppcc-13-5/index.html",
      "years/index.html", "years/2020/index.html", "types/index.html", "types/jianyi/index.html", "types/tian/index.html",
      "agencies/index.html", "agencies/min-zheng-bu/index.html", "people/index.html", "people/li-su-ping/index.html",
      "issuers/index.html", "issuers/jiao-yu-bu/index.html", "issuers/guo-jia-yi-liao-bao-zhang-ju/index.html",
      "people/qing-hai-dai-biao-tuan/index.html", "letters/2023/gjfzhggwyh-zy-npc-14-1-5012/index.html",
      "documents/index.html", "documents/2020/2020-03-05-zgzygwygyshylbzz/index.html",
      "letters/2020/ybh-2020-135/index.html", "letters/2022/ybh-2022-132/index.html",
      "letters.json", "letters.csv", "feed.xml", "sitemap.xml", "robots.txt",
    ]) expect(site.files, file).toContain(file);
    expect(site.pages.size).toBeGreaterThan(30);
  });

  it("has no broken internal links", () => {
    expect(brokenLinks(site.pages, site.files)).toEqual([]);
  });

  it("has no JavaScript, no web fonts and no external stylesheets on any page", () => {
    for (const [file, html] of site.pages) {
      // The search page alone may use JavaScript (issue 4); it is checked by the search tests.
      // JSON-LD descriptions are data, not scripts.
      const code = html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, "");
      if (file !== "search/index.html") expect(code, file).not.toMatch(/<script|rel="stylesheet"/);
      expect(html, file).not.toMatch(/@font-face/);
      // No PDF edition in this build: no link to one.
      expect(html, file).not.toMatch(/fuwen:edition|compendium/);
      expect(html, file).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    }
  });

  it("lays out a letter like the reply, with its metadata panel and citation", () => {
    const page = site.pages.get("letters/2020/ybh-2020-135/index.html")!;
    const html = page.split("<main")[1]!;
    const order = ["国家医疗保障局对十三届全国人大三次会议第2152号建议的答复", "医保函〔2020〕135号", "李素萍代表：", "您提出的", "<h2>一、关于减轻职工医疗费用负担</h2>", "感谢您对", '<div class="sign"><p>国家医疗保障局</p><p>2020年10月27日</p></div>'];
    const positions = order.map((text) => html.indexOf(text));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(html).toContain('href="/sessions/npc-13-3/"');
    expect(html).toContain('href="/people/li-su-ping/"');
    // The letter prints 全国总工会; the agency is filed under its official name.
    expect(html).toContain('<a href="/agencies/zhong-hua-quan-guo-zong-gong-hui/">中华全国总工会</a>');
    expect(html).toContain('<dt>发文机关</dt><dd><a href="/issuers/guo-jia-yi-liao-bao-zhang-ju/">国家医疗保障局</a></dd>');
    expect(html).toContain("<dt>代表</dt>");
    expect(html).toContain('《<a href="/documents/2020/2020-03-05-zgzygwygyshylbzz/">中共中央 国务院关于深化医疗保障制度改革的意见</a>》');
    expect(html).toContain('rel="next"');
    expect(page).toContain('<meta name="citation_date" content="2020/10/27">');
    expect(html).toContain("国家医疗保障局. 国家医疗保障局对十三届全国人大三次会议第2152号建议的答复：医保函〔2020〕135号[A/OL]. 2020-10-27. https://example.org/letters/2020/ybh-2020-135/.");
  });

  it("offers each letter's citation as RIS and CSL-JSON that a reference manager reads, and describes it in schema.org JSON-LD", async () => {
    const page = site.pages.get("letters/2020/ybh-2020-135/index.html")!;
    const download = (extension: string) => {
      const m = new RegExp(`<a href="data:([^;]+);charset=utf-8,([^"]*)" download="ybh-2020-135\\.${extension}"`).exec(page);
      expect(m, extension).not.toBeNull();
      return { type: m![1], text: decodeURIComponent(m![2]!.replace(/&amp;/g, "&")) };
    };
    const ris = download("ris");
    expect(ris.type).toBe("application/x-research-info-systems");
    expect(ris.text).toMatch(/^TY {2}- PCOMM\r\n[^]*\r\nER {2}- \r\n$/);
    const csl = download("json");
    for (const text of [ris.text, csl.text]) {
      const [item] = (await Cite.async(text)).data as Record<string, unknown>[];
      expect(item).toMatchObject({
        type: "personal_communication",
        title: "国家医疗保障局对十三届全国人大三次会议第2152号建议的答复",
        number: "医保函〔2020〕135号",
        issued: { "date-parts": [[2020, 10, 27]] },
        URL: "https://example.org/letters/2020/ybh-2020-135/",
        language: "zh-CN",
      });
      expect(JSON.stringify(item!.author)).toContain("国家医疗保障局");
      expect(JSON.stringify(item!.recipient)).toContain("李素萍");
    }
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)![1]!) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Message",
      url: "https://example.org/letters/2020/ybh-2020-135/",
      dateSent: "2020-10-27",
      sender: { "@type": "GovernmentOrganization", name: "国家医疗保障局" },
      recipient: [{ "@type": "Person", name: "李素萍", jobTitle: "全国人大代表" }],
      isPartOf: { "@type": "Collection", url: "https://example.org/" },
    });
    // Zotero's Embedded Metadata translator: citation_title, citation_author, citation_date and
    // the canonical URL fill the item; DC.type (read with the schema.DC link) names its type.
    for (const tag of ['<meta name="citation_title" content="国家医疗保障局对十三届全国人大三次会议第2152号建议的答复">', '<meta name="citation_author" content="国家医疗保障局">',
      '<meta name="citation_date" content="2020/10/27">', '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">', '<meta name="DC.type" content="letter">',
      '<link rel="canonical" href="https://example.org/letters/2020/ybh-2020-135/">']) expect(page).toContain(tag);
    // A delegation is an organization.
    const delegation = site.pages.get("letters/2023/jtysb-2023-88/index.html") ?? [...site.pages.entries()].find(([, html]) => html.includes('"name":"青海代表团"'))?.[1];
    expect(delegation).toContain('{"@type":"Organization","name":"青海代表团"}');
  });

  it("exports the whole archive as CSL-JSON, one item per letter", async () => {
    const items = (await Cite.async(readFileSync(join(out, "letters.csl.json"), "utf8"))).data;
    const letters = (JSON.parse(readFileSync(join(out, "letters.json"), "utf8")) as { letters: { id: string }[] }).letters;
    expect(items.map((i) => i.id)).toEqual(letters.map((l) => l.id));
    expect(items.every((i) => i.type === "personal_communication" && typeof i.URL === "string")).toBe(true);
  });

  it("names every kind of recipient and letter in the metadata panel", () => {
    const panel = (id: string) => {
      const html = site.pages.get(`letters/${id}/index.html`)!;
      return Object.fromEntries([...html.matchAll(/<dt>([^<]+)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, "")]));
    };
    expect(panel("2023/jbjy-2023-88")).toMatchObject({ 文件: "答复", 发文机关: "交通运输部", 代表团: "青海代表团", 会商部门: "国家发展和改革委员会、财政部" });
    expect(panel("2023/htf-2023-57")).toMatchObject({ 党派团体: "中国民主促进会中央委员会", 提案类别: "资源环境类096号", 公开方式: "主动公开" });
    expect(panel("2023/jjy-2023-215")).toMatchObject({
      代表: "周立群、程晓岚、单宏宇", 发文字号: "教建议〔2023〕第215号（又作教建议〔2023〕215号）",
      抄送: "全国人大常委会办公厅联络局、国务院办公厅督查室", 联系人: "郑明远", 联系单位: "教育部教师工作司",
      同一建议的其他答复: "财政部答复（财教函〔2023〕41号）",
    });
    expect(panel("2023/cjh-2023-41")).toMatchObject({ 同一建议的其他答复: "教育部答复（教建议〔2023〕第215号）" });
    for (const [file, html] of site.pages) {
      expect(html, file).not.toContain("undefined");
      // The phone is not published under the default settings.
      expect(html, file).not.toContain("010-55550123");
    }
    const jyb = site.pages.get("letters/2023/jjy-2023-215/index.html")!;
    expect(jyb).toContain('<p class="to">周立群、程晓岚、单宏宇代表：</p>');
    expect(jyb).toContain('<p class="pub">（主动公开）</p><p class="pub">抄送：全国人大常委会办公厅联络局，国务院办公厅督查室</p>');
  });

  it("prints a summary without 文号 or salutation, and identifies it by the suggestion it answers", () => {
    const page = site.pages.get("letters/2023/gjfzhggwyh-zy-npc-14-1-5012/index.html")!;
    const main = page.split("<main")[1]!;
    expect(main).toContain('<h1 id="h">关于十四届全国人大一次会议第5012号建议答复的摘要</h1>\n<p>该建议提出');
    expect(main).not.toMatch(/class="(no|to)"/);
    // No signature or date block: a published summary has none of its own; the date is in the details.
    expect(main).not.toContain('class="sign"');
    expect(main).toContain("<dt>答复日期</dt>");
    expect(main).not.toContain("<dt>发文字号</dt>");
    expect(main).not.toContain("<dt>代表</dt>");
    expect(main).toContain("<dt>文件</dt><dd>答复摘要</dd>");
    expect(page).toContain("<title>关于完善县域商业体系建设的建议 · 十四届全国人大一次会议第5012号建议 · 复文</title>");
    expect(page).toContain('<meta name="DC.identifier" content="十四届全国人大一次会议第5012号建议">');
    expect(page).toContain('<meta name="citation_technical_report_number" content="十四届全国人大一次会议第5012号建议">');
    expect(page).toContain('<meta name="description" content="关于十四届全国人大一次会议第5012号建议答复的摘要（十四届全国人大一次会议第5012号建议）：关于完善县域商业体系建设的建议">');
  });

  it("browses by issuer, and names the issuer in the rows of other listings", () => {
    const overview = site.pages.get("issuers/index.html")!;
    const names = [...overview.matchAll(/<a href="\/issuers\/[a-z-]+\/">([^<]+)<\/a> <span class="n">(\d+)件<\/span>/g)].map((m) => `${m[1]}${m[2]}`);
    expect(names).toEqual(["国家发展和改革委员会1", "教育部1", "财政部1", "生态环境部1", "交通运输部1", "国家医疗保障局5", "中华全国总工会1"]);
    expect([...overview.matchAll(/<h2 id="k\d">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(["国务院组成部门", "国务院直属机构", "人民团体"]);
    const session = site.pages.get("sessions/npc-14-1/index.html")!;
    expect(session).toContain("<span class=\"m\">教育部 · 第3176号建议 · 周立群、程晓岚、单宏宇 · 2023年7月12日</span>");
    expect(session).toContain("<span class=\"m\">国家发展和改革委员会 · 第5012号建议（答复摘要） · 2023年9月5日</span>");
    // On an issuer's own page its name would repeat on every row.
    expect(site.pages.get("issuers/jiao-yu-bu/index.html")).toContain("<span class=\"m\">第3176号建议 · 周立群、程晓岚、单宏宇 · 2023年7月12日</span>");
    const home = site.pages.get("index.html")!;
    expect(home).toContain('<th scope="row"><a href="/issuers/guo-jia-yi-liao-bao-zhang-ju/">国家医疗保障局</a></th><td>4</td><td>1</td><td>5</td>');
    expect(home).toContain("本档案现收录7个发文机关的答复11件");
    expect(home).toContain("涉及5次会议、10位代表委员和2个代表团、党派团体。");
  });

  it("shows template syntax and HTML in a letter as text", () => {
    const html = site.pages.get("letters/2020/ybh-2020-201/index.html")!;
    expect(html).toContain("{{ site.title }}");
    expect(html).toContain("{% if true %}标记{% endif %}");
    expect(html).toContain("{{ 7 * 7 }}");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("关于规范{{ 模板 }}与&lt;b&gt;标记&lt;/b&gt;文本的建议");
  });

  it("lists a session's replies by number and the timeline by date", () => {
    const session = site.pages.get("sessions/npc-13-3/index.html")!;
    expect(session.indexOf("第2152号建议")).toBeLessThan(session.indexOf("第3001号建议"));
    const timeline = site.pages.get("timeline/index.html")!;
    const months = [...timeline.matchAll(/<h2 id="m-[\d-]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(months).toEqual(["2020年10月", "2020年11月", "2021年9月", "2022年7月", "2023年6月", "2023年7月", "2023年8月", "2023年9月"]);
  });

  it("keeps letter chrome under 4 KB and index pages under 60 KB, gzipped", () => {
    for (const [file, html] of site.pages) {
      if (file.startsWith("letters/")) {
        // Everything but the letter's text: from the salutation (or, without one, the heading) to the signature.
        const chrome = html.replace(/(<(?:p class="to"|h1 id="h")>[^]*?<\/div>)/, "");
        expect(chrome.length, file).toBeLessThan(html.length);
        expect(gz(chrome), file).toBeLessThanOrEqual(4096);
      } else {
        expect(gz(html), file).toBeLessThanOrEqual(60 * 1024);
      }
    }
  });

  it("validates with html-validate's recommended rules", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    const errors: string[] = [];
    for (const [file, html] of site.pages) {
      if (file === "search/index.html") continue;
      const report = await validator.validateString(html, file);
      for (const result of report.results) for (const m of result.messages) errors.push(`${file}:${m.line}: ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it("writes the data exports", () => {
    const csv = readFileSync(join(out, "letters.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")).toHaveLength(11 + 2);
    expect(JSON.parse(readFileSync(join(out, "letters.json"), "utf8")).count).toBe(11);
    expect(readFileSync(join(out, "robots.txt"), "utf8")).toContain("Sitemap: https://example.org/sitemap.xml");
    const sitemap = readFileSync(join(out, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("<loc>https://example.org/letters/2020/ybh-2020-135/</loc>");
  });

  it("builds byte-identical output twice, also when Eleventy renders the pages in several runs", () => {
    // A copy without .cache/: the pages are rendered again, not kept from the first build.
    const copy = join(work, "archive-copy");
    cpSync(archive, copy, { recursive: true, filter: (source) => !source.includes(".cache") });
    const again = join(work, "site-again");
    const result = runBuild(copy, again, "--pages-per-run", "7");
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/eleventy: run 1 of [5-9]/);
    expect(digest(again)).toEqual(digest(out));
  });

  it("stops on an invalid letter with the check message and leaves the site as it was", () => {
    const before = digest(out);
    const broken = join(work, "broken");
    cpSync(archive, broken, { recursive: true });
    const file = join(broken, "letters/2021/ybh-2021-194.md");
    writeFileSync(file, readFileSync(file, "utf8").replace('date: "2021-09-16"', 'date: "2021-02-30"'));
    const result = runBuild(broken, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/letters\/2021\/ybh-2021-194\.md:\d+: date: is not a calendar date/);
    expect(result.stderr).toContain("is unchanged");
    expect(digest(out)).toEqual(before);
    expect(readdirSync(work).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("honours a path prefix in every link", () => {
    const prefixed = join(work, "site-prefixed");
    expect(runBuild(archive, prefixed, "--path-prefix", "/fuwen/").status).toBe(0);
    const { pages, files } = readSite(prefixed);
    expect(brokenLinks(pages, files, "/fuwen/")).toEqual([]);
    for (const [file, html] of pages) {
      for (const m of html.matchAll(/\shref="(\/[^"]*)"/g)) expect(m[1], file).toMatch(/^\/fuwen\//);
    }
    expect(pages.get("letters/2020/ybh-2020-135/index.html")).toContain("https://example.org/fuwen/letters/2020/ybh-2020-135/");
  });
});

describe("the project's letters/, built by every step", () => {
  const out = join(work, "real");
  let site: ReturnType<typeof readSite>;
  beforeAll(() => {
    const result = runFullBuild(".", out, "--bag");
    expect(result.status, result.stderr).toBe(0);
    site = readSite(out);
  });

  it("lists every download in SHA256SUMS, which sha256sum -c verifies", () => {
    const listed = readFileSync(join(out, "SHA256SUMS"), "utf8").trim().split("\n").map((line) => line.split("  ")[1]);
    for (const file of ["compendium.pdf", "compendium-2020.pdf", "compendium-2023.pdf", "letters.json", "letters.csv", "letters.csl.json", "feed.xml"]) expect(listed, file).toContain(file);
    expect(listed.some((f) => f?.endsWith(".html"))).toBe(false);
    expect(execFileSync("sha256sum", ["-c", "--strict", "SHA256SUMS"], { cwd: out, encoding: "utf8" })).toMatch(/compendium\.pdf: OK/);
  });

  it("writes the site as a BagIt bag that verifies, and finds one flipped byte", () => {
    const bag = `${out}.bag`;
    expect(readFileSync(join(bag, "bagit.txt"), "utf8")).toBe("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    const info = readFileSync(join(bag, "bag-info.txt"), "utf8");
    const payload = readdirSync(join(bag, "data"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const bytes = payload.reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
    expect(info).toContain(`Payload-Oxum: ${bytes}.${payload.length}`);
    expect(payload.length).toBe(site.files.size);
    // Checked by sha256sum, not by the code that wrote it, then by npm run verify-bag.
    execFileSync("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], { cwd: bag });
    execFileSync("sha256sum", ["-c", "--strict", "--quiet", "tagmanifest-sha256.txt"], { cwd: bag });
    const verify = (dir: string) => spawnSync(process.execPath, ["--import", "tsx", "scripts/verify-bag.ts", dir], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(verify(bag).status).toBe(0);
    // A copy (the bag's files are hard links to the site's), one byte of one PDF flipped.
    const copy = join(work, "bag-copy");
    cpSync(bag, copy, { recursive: true });
    const pdf = join(copy, "data", "compendium-2021.pdf");
    const data = readFileSync(pdf);
    const middle = Math.floor(data.length / 2);
    data[middle] = data[middle]! ^ 0x01;
    writeFileSync(pdf, data);
    const flipped = verify(copy);
    expect(flipped.status).toBe(1);
    expect(flipped.stderr).toContain("data/compendium-2021.pdf: its SHA-256 is not the one in manifest-sha256.txt");
    expect(() => execFileSync("sha256sum", ["-c", "--quiet", "manifest-sha256.txt"], { cwd: copy, stdio: "pipe" })).toThrow();
  });

  it("puts the four seed replies under their sessions, in the timeline and the browse pages", () => {
    const seeds = [
      { id: "2020/ybh-2020-135", session: "npc-13-3", person: "li-su-ping" },
      { id: "2021/ybh-2021-194", session: "npc-13-4", person: "tan-zu-an" },
      { id: "2022/ybh-2022-132", session: "cppcc-13-5", person: "liu-wen-xian" },
      { id: "2023/ybh-2023-90", session: "npc-14-1", person: "zhang-hai-jun" },
    ];
    const timeline = site.pages.get("timeline/index.html")!;
    for (const seed of seeds) {
      const href = `href="/letters/${seed.id}/"`;
      expect(site.pages.get(`letters/${seed.id}/index.html`), seed.id).toBeDefined();
      expect(site.pages.get(`sessions/${seed.session}/index.html`), seed.id).toContain(href);
      expect(site.pages.get(`people/${seed.person}/index.html`), seed.id).toContain(href);
      expect(site.pages.get(`years/${seed.id.slice(0, 4)}/index.html`), seed.id).toContain(href);
      expect(timeline).toContain(href);
      expect(site.pages.get(`sessions/${seed.session}/index.html`), seed.id).toMatch(/<a href="\/compendium(-\d{4})?\.pdf">[^<]+<\/a>（PDF，\d+(\.\d)? MB）/);
    }
    expect(findBrokenLinks(site.pages, site.files, "/")).toEqual([]);
  });

  it("holds the search index and the PDF editions the pages link to, with their sizes", () => {
    for (const file of ["compendium.pdf", "compendium-2020.pdf", "compendium-2021.pdf", "compendium-2022.pdf", "compendium-2023.pdf", "search/index.html"]) {
      expect(site.files.has(file), file).toBe(true);
    }
    expect([...site.files].some((f) => f.startsWith("pagefind/"))).toBe(true);
    const size = statSync(join(out, "compendium.pdf")).size;
    expect(site.pages.get("index.html")).toContain(`<a href="/compendium.pdf">`);
    // The size shown is the file's, in decimal megabytes to one place (rounded, so within 0.05 MB).
    const shown = /<a href="\/compendium\.pdf">[^<]+<\/a>（PDF，(\d+(?:\.\d)?) MB）/.exec(site.pages.get("index.html") ?? "");
    expect(Math.abs(Number(shown?.[1]) - size / 1_000_000)).toBeLessThanOrEqual(0.05);
    // Each edition's catalogue records are linked beside it.
    expect(site.pages.get("index.html")).toContain('<a href="/records/compendium.marc.xml">MARCXML</a> · <a href="/records/compendium.dc.xml">DC</a>');
    expect(site.files.has("records/compendium-2021.marc.xml")).toBe(true);
  });
});
