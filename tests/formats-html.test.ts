/**
 * The web-page reader (src/import/formats/html.ts): replies of examples/genre/ and seed 000,
 * wrapped in the shell of a ministry's site (tests/fixtures/web-pages.ts), come out as text that
 * imports exactly as the plain text does; the 信息公开 table becomes evidence; a list page and an
 * empty page are refused. The plain text is the truth.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import type { Evidence, Extraction } from "../src/import/formats/extracted.ts";
import { readWebPage } from "../src/import/formats/html.ts";
import { importText } from "../src/import/text.ts";
import { parseLetterFile } from "../src/model/letter-file.ts";
import type { LetterData } from "../src/model/letter.ts";
import { html5Page, listPage, mhtml, ministryPage, olderPage, pageBytes, replyLines, SITES, type Item } from "./fixtures/web-pages.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";
import { encodeGb18030 } from "./helpers/gb18030.ts";
import { savedWebPage } from "./helpers/variants.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const SHA = "cd".repeat(32);
const plain = (path: string) => readFileSync(join(PROJECT_ROOT, "examples", path), "utf8");

function imported(text: string, extra: { overrides?: Record<string, unknown>; evidence?: Evidence } = {}) {
  const outcome = importText({ text, source: { file: "reply.html", sha256: SHA }, catalogue, agencies, ...extra });
  if (outcome.kind === "error") throw new Error(outcome.message);
  return { kind: outcome.kind, data: outcome.data, body: outcome.body };
}

function extracted(result: Extraction) {
  if (!result.ok) throw new Error(result.reason);
  expect(result.format).toBe("html");
  expect(result.parts).toHaveLength(1);
  return { ...result.parts[0]!, encoding: result.encoding };
}

function reasonOf(result: Extraction): string {
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.reason;
}

const NHSA_RELATED: Item[] = [
  { title: "国家医疗保障局对十三届全国人大三次会议第2153号建议的答复", docNumber: "医保函〔2020〕136号", date: "2020-11-10" },
  { title: "国家医疗保障局关于政协十三届全国委员会第三次会议第1234号（医疗体育类156号）提案答复的函", docNumber: "医保函〔2020〕140号", date: "2020-11-09" },
  { title: "对十三届全国人大三次会议第3377号建议的答复", date: "2020-11-06" },
];

describe("a reply's page in a ministry's site", () => {
  it("UTF-8, title in the h1 and 文号 above the content box: imports as the plain text does; the 信息公开 table is evidence", () => {
    const text = plain("raw/000_e03f6bac14756b11.txt");
    const lines = replyLines(text);
    expect(lines.slice(0, 4)).toEqual(["国家医疗保障局对十三届全国人大三次会议", "第2152号建议的答复", "医保函〔2020〕135号", "李素萍代表："]);
    const title = lines[0]! + lines[1]!;
    const html = ministryPage({
      site: SITES.nhsa, charset: { name: "utf-8", as: "meta" }, heading: title, docNumberAbove: lines[2], content: lines.slice(3),
      info: { index: "bm99000017/2020-00135", topic: "医疗保障\\建议提案", issuer: "国家医疗保障局", date: "2020年10月27日", title, docNumber: "医保函〔2020〕135号", published: "2020年11月10日" },
      meta: { title, published: "2020-11-10 10:30", source: "国家医疗保障局" },
      published: "2020-11-10 10:30", fontControl: "toolbar",
      prev: NHSA_RELATED[0]!.title, next: "国家医疗保障局对十三届全国人大三次会议第1918号建议的答复", related: NHSA_RELATED,
    });
    const got = extracted(readWebPage(pageBytes(html, "utf-8")));
    expect(got.encoding).toBe("utf-8");
    expect(imported(got.text)).toEqual(imported(text));
    expect(got.text.split("\n\n").slice(0, 3)).toEqual([title, "医保函〔2020〕135号", "李素萍代表："]);
    expect(got.text.split("\n\n").slice(2).join("\n")).toBe(lines.slice(3).join("\n") + "\n");
    expect(got.evidence).toEqual({
      docNumber: "医保函〔2020〕135号", issuer: "国家医疗保障局", date: "2020-10-27",
      title: "国家医疗保障局对十三届全国人大三次会议第2152号建议的答复", published: "2020-11-10",
    } satisfies Evidence);
    expect(got.notes[0]).toMatch(/^web page \(UTF-8\): letter found in div\.TRS_Editor; removed the page shell: navigation, breadcrumb, 信息公开 table, 发布时间\/来源 lines, 字号 control, 分享 links, 打印\/关闭 links, 上一篇\/下一篇, 相关文章 list, footer \(\d+ characters\)$/u);
    expect(got.notes[1]).toBe("header lines taken from above div.TRS_Editor: title (h1.article-title), 文号 (div.wh)");
    for (const shell of ["当前位置", "索引号", "发布时间", "浏览次数", "字号", "分享到", "打印本页", "上一篇", "相关文章", "第2153号", "网站标识码", "ICP备", "您提出的建议已收悉", "\u2003", "&"]) {
      expect(got.text).not.toContain(shell);
    }
  });

  it("GB2312 declared with http-equiv, the whole header in the content box and again in the h1: read as GB18030, the h1 not doubled", () => {
    const text = plain("genre/delegation.txt");
    const lines = replyLines(text);
    const html = ministryPage({
      site: SITES.mot, charset: { name: "gb2312", as: "http-equiv" }, heading: lines[0]!, content: lines,
      info: { index: "bm99000021/2023-00058", topic: "综合运输\\建议提案", issuer: "交通运输部", date: "2023年6月28日", title: lines[0]!, docNumber: "交建议〔2023〕58号", published: "2023年7月20日" },
      published: "2023-07-20", fontControl: "in-content", next: "交通运输部关于十四届全国人大一次会议第3456号建议的答复",
    });
    const bytes = pageBytes(html, "gb2312");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const got = extracted(readWebPage(bytes));
    expect(got.encoding).toBe("gb18030");
    expect(got.notes[0]).toMatch(/^web page \(GB18030, declared gb2312\): letter found in div\.TRS_Editor; removed the page shell: /u);
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    expect(imported(got.text)).toEqual(imported(text));
    expect(got.evidence).toEqual({ docNumber: "交建议〔2023〕58号", issuer: "交通运输部", date: "2023-06-28", title: lines[0], published: "2023-07-20" });
  });

  it("a summary (答复摘要): issuer and 成文日期 only in the 信息公开 table; with that evidence it imports as the plain text with its sidecar", () => {
    const text = plain("genre/summary.txt");
    const lines = replyLines(text);
    const title = "关于十四届全国人大一次会议第4410号建议答复的摘要";
    expect(lines[0]).toBe(title);
    const html = ministryPage({
      site: SITES.nhc, charset: { name: "utf-8", as: "meta" }, heading: title, content: lines.slice(1),
      info: { index: "bm99000032/2023-04410", topic: "卫生健康\\建议提案", issuer: "国家卫生健康委员会", date: "2023年7月10日", title, docNumber: "", published: "2023年8月1日" },
      published: "2023-08-01", fontControl: "toolbar",
      related: [{ title: "关于十四届全国人大一次会议第4411号建议答复的摘要", date: "2023-08-01" }],
    });
    const got = extracted(readWebPage(pageBytes(html, "utf-8")));
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    expect(got.evidence).toEqual({ issuer: "国家卫生健康委员会", date: "2023-07-10", title, published: "2023-08-01" });
    const sidecar = { issuer: "国家卫生健康委员会", date: "2023-07-10" };
    expect(imported(got.text, { evidence: got.evidence })).toEqual(imported(text, { overrides: sidecar }));
    expect(got.text).not.toContain("4411");
  });

  it("a 相关文章 list beside the article (before it in the source) and after it, with other replies' titles and 文号: none reaches the text", () => {
    const text = plain("genre/signed.txt");
    const lines = replyLines(text);
    const others: Item[] = [
      { title: "文化和旅游部关于政协十四届全国委员会第二次会议第02346号（文化宣传类089号）提案答复的函", docNumber: "文旅提字〔2024〕67号", date: "2024-08-12" },
      { title: "关于十四届全国人大二次会议第5120号建议的答复", docNumber: "文旅建字〔2024〕140号", date: "2024-08-09" },
    ];
    for (const relatedPlace of ["sidebar", "after"] as const) {
      const html = ministryPage({
        site: SITES.mct, charset: { name: "utf-8", as: "meta" }, heading: lines[0]!, docNumberAbove: lines[1], content: lines.slice(2),
        published: "2024-08-20", fontControl: "in-content", related: others, relatedPlace,
        prev: others[0]!.title, next: others[1]!.title,
      });
      const got = extracted(readWebPage(pageBytes(html, "utf-8")));
      expect(got.text).toBe(lines.join("\n\n") + "\n");
      expect(imported(got.text)).toEqual(imported(text));
      for (const other of others) {
        expect(got.text).not.toContain(other.title);
        expect(got.text).not.toContain(other.docNumber);
      }
      expect(got.evidence).toEqual({ published: "2024-08-20" });
    }
  });

  it("a party's proposal, 版记 and all, in the content box with its 版头 (federation.txt, glued closings of glued.txt, zhigong.txt)", () => {
    for (const name of ["genre/federation.txt", "genre/glued.txt", "genre/zhigong.txt", "genre/joint.txt"]) {
      const text = plain(name);
      const lines = replyLines(text);
      const html = ministryPage({ site: SITES.moa, charset: { name: "gb2312", as: "meta" }, heading: "建议提案复文", content: lines, published: "2024-07-20", fontControl: "toolbar" });
      const got = extracted(readWebPage(pageBytes(html, "gb2312")));
      expect(got.text, name).toBe(lines.join("\n\n") + "\n");
      expect(imported(got.text), name).toEqual(imported(text));
    }
  });

  it("版头, title and 文号 each above the content box (federation.txt): all three taken, in the page's order", () => {
    const text = plain("genre/federation.txt");
    const lines = replyLines(text);
    expect(lines.slice(0, 3)).toEqual(["市场监管总局", "关于政协十四届全国委员会第一次会议第03311号（经济发展类201号）提案答复的函", "国市监提〔2023〕29号"]);
    const html = ministryPage({
      site: SITES.moa, charset: { name: "utf-8", as: "meta" }, mastheadAbove: lines[0], heading: lines[1]!, docNumberAbove: lines[2], content: lines.slice(3),
      published: "2023-07-20", fontControl: "in-content",
    });
    const got = extracted(readWebPage(pageBytes(html, "utf-8")));
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    expect(got.notes[1]).toBe("header lines taken from above div.TRS_Editor: 版头 (div.article-masthead), title (h1.article-title), 文号 (div.wh)");
    expect(imported(got.text)).toEqual(imported(text));
  });

  it("an older GBK page: layout tables, <font>, <br>-separated lines indented with &nbsp;, the title in a table cell above the content cell", () => {
    const text = plain("genre/code-only.txt");
    const lines = replyLines(text);
    const html = olderPage(SITES.nhsa, lines[1]!, [lines[0]!, ...lines.slice(2)]);
    const got = extracted(readWebPage(encodeGb18030(html)));
    expect(got.encoding).toBe("gb18030");
    expect(got.notes[0]).toMatch(/^web page \(GB18030, declared gbk\): letter found in td#UCAP-CONTENT; removed the page shell: navigation, breadcrumb, 发布时间\/来源 lines, 打印\/关闭 links, footer \(\d+ characters\)$/u);
    expect(got.text).toBe([lines[1], lines[0], ...lines.slice(2)].join("\n\n") + "\n");
    expect(imported(got.text)).toEqual(imported(text));
  });

  it("an HTML5 page without a content box: the article's own paragraphs, the signature and date in a div of their own, <nav> and <footer>", () => {
    const text = plain("genre/zhigong.txt");
    const lines = replyLines(text);
    const got = extracted(readWebPage(Buffer.from(html5Page(SITES.mct, lines[1]!, [lines[0]!, ...lines.slice(2)], 2))));
    expect(got.notes[0]).toMatch(/^web page \(UTF-8\): letter found in article; removed the page shell: navigation, breadcrumb, 发布时间\/来源 lines, 分享 links, 相关文章 list, footer \(\d+ characters\)$/u);
    expect(got.text).toBe([lines[1], lines[0], ...lines.slice(2)].join("\n\n") + "\n");
    expect(imported(got.text)).toEqual(imported(text));
  });

  it("a declaration the bytes contradict: gb2312 declared, UTF-8 bytes (saved again by an editor); utf-8 declared, GBK bytes", () => {
    const text = plain("genre/zhigong.txt");
    const lines = replyLines(text);
    const html = (charset: "utf-8" | "gb2312") => ministryPage({ site: SITES.mct, charset: { name: charset, as: "meta" }, heading: lines[1]!, content: lines, published: "2024-08-01", fontControl: "toolbar" });
    const resaved = readWebPage(pageBytes(html("gb2312"), "utf-8"));
    expect(resaved.ok && resaved.encoding).toBe("utf-8");
    expect(extracted(resaved).notes.at(-1)).toBe("the page declares gb2312 but its bytes are UTF-8 (saved again by a program that kept the old declaration): read as UTF-8");
    const mislabelled = readWebPage(pageBytes(html("utf-8"), "gb2312"));
    expect(mislabelled.ok && mislabelled.encoding).toBe("gb18030");
    expect(extracted(mislabelled).notes.at(-1)).toBe("the page declares utf-8 but its bytes are not UTF-8: read as GB18030");
    for (const result of [resaved, mislabelled]) expect(extracted(result).text).toBe(lines.join("\n\n") + "\n");
  });

  it("the repository's own savedWebPage helper (seed 004 as a GB18030 page) reads to the letter's body", () => {
    const { data, body } = parseLetterFile(readFileSync(join(PROJECT_ROOT, "letters", "2022", "ybh-2022-132.md"), "utf8")) as unknown as { data: LetterData; body: string };
    const got = extracted(readWebPage(encodeGb18030(savedWebPage(data, body, "政协十三届全国委员会第五次会议"))));
    const outcome = imported(got.text);
    expect(outcome.body).toBe(body.trimEnd());
    expect(outcome.data).toMatchObject({ title: data.title, category: "社会管理类184号", issuer: "国家医疗保障局", docNumber: data.docNumber });
  });
});

describe("web archives (MHTML)", () => {
  it("Chrome's: quoted-printable, the charset only in the page's <meta>", () => {
    const text = plain("genre/party.txt");
    const lines = replyLines(text);
    const html = ministryPage({ site: SITES.mee, charset: { name: "utf-8", as: "meta" }, heading: lines[1]!, content: lines, published: "2023-09-01", fontControl: "toolbar" });
    const archive = mhtml(pageBytes(html, "utf-8"), { url: "https://www.mee.gov.cn/xxgk/jytabl/202309/t20230901_1040000.shtml", title: lines[1]!, transfer: "quoted-printable" });
    expect(archive.toString("latin1")).toMatch(/=E7=94=9F/u);
    const got = extracted(readWebPage(archive));
    expect(got.encoding).toBe("utf-8");
    expect(got.notes[0]).toMatch(/^web archive \(MHTML, quoted-printable, UTF-8\): letter found in div\.TRS_Editor; /u);
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    expect(imported(got.text)).toEqual(imported(text));
  });

  it("Internet Explorer's: base64, charset=gb2312 in the part's Content-Type", () => {
    const text = plain("genre/joint.txt");
    const lines = replyLines(text);
    const html = ministryPage({ site: SITES.moa, charset: { name: "gb2312", as: "http-equiv" }, heading: lines[1]!, content: lines, published: "2024-07-20", fontControl: "in-content" });
    const archive = mhtml(pageBytes(html, "gb2312"), { url: "http://www.moa.gov.cn/govpublic/jytabl/202407/t20240720_6400000.htm", title: lines[1]!, transfer: "base64", charset: "gb2312" });
    const got = extracted(readWebPage(archive));
    expect(got.encoding).toBe("gb18030");
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    expect(imported(got.text)).toEqual(imported(text));
  });
});

describe("a page without a reply's opening", () => {
  it("a policy text a letter cites (seed 002) is passed on as the page's main text, and imports as the plain text does: a related document", () => {
    const text = plain("raw/002_eee1c5757fbe19fc.txt");
    const lines = replyLines(text);
    const html = ministryPage({ site: SITES.nhsa, charset: { name: "utf-8", as: "meta" }, heading: "中共中央 国务院关于深化医疗保障制度改革的意见", content: lines, published: "2020-03-05", fontControl: "toolbar" });
    const got = extracted(readWebPage(pageBytes(html, "utf-8")));
    expect(got.notes[0]).toMatch(/^web page \(UTF-8\): no reply's opening \(您提出的…收悉\) in it; its main text, div\.TRS_Editor, is passed on as it stands; removed the page shell: /u);
    expect(got.text).toBe(lines.join("\n\n") + "\n");
    const sidecar = { overrides: { date: "2020-03-05" } };
    const outcome = imported(got.text, sidecar);
    expect(outcome.kind).toBe("document");
    expect(outcome).toEqual(imported(text, sidecar));
  });
});

describe("pages that hold no reply are refused", () => {
  it("a list page: how many replies it lists, and what to save instead", () => {
    const items: Item[] = Array.from({ length: 12 }, (_, i) => ({
      title: i % 3 === 2 ? `国家医疗保障局关于政协十三届全国委员会第三次会议第${1200 + i}号提案答复的函` : `国家医疗保障局对十三届全国人大三次会议第${2100 + i}号建议的答复`,
      date: `2020-11-${String(10 - (i % 9)).padStart(2, "0")}`,
    }));
    expect(reasonOf(readWebPage(pageBytes(listPage(SITES.nhsa, items), "utf-8")))).toBe("a list page of 12 replies, not one reply: save each reply's own page");
  });

  it("an empty file, a page of white space, a page whose text a script loads", () => {
    expect(reasonOf(readWebPage(new Uint8Array()))).toBe("the file is empty");
    expect(reasonOf(readWebPage(Buffer.from("  \n\t\n")))).toBe("the web page is empty");
    const scripted = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>建议提案答复</title></head><body><div id="app"></div><script src="/js/app.js"></script><script>loadArticle("您提出的");</script></body></html>';
    expect(reasonOf(readWebPage(Buffer.from(scripted)))).toBe(
      "the web page holds no text: its content is probably loaded by a script when the page opens; save the page from the browser after it has loaded (or as MHTML), or copy its text",
    );
  });

  it("a page of frames", () => {
    const frames = '<html><head><meta charset="utf-8"><title>复文</title></head><frameset rows="120,*"><frame src="top.html"><frame src="content.html" name="main"></frameset></html>';
    expect(reasonOf(readWebPage(Buffer.from(frames)))).toBe("the web page holds no text, only frames: open the frame that holds the reply (its own address) and save that page");
  });

  it("a page of menus only", () => {
    const html = listPage(SITES.nhsa, []);
    expect(reasonOf(readWebPage(Buffer.from(html)))).toMatch(/^no reply in the web page: no opening \(您提出的…收悉\) and no summary title \(…答复的摘要\) outside its menus and links, and no article text \(\d+ links, \d+ Han characters of other text\): save the page of the reply itself$/u);
  });
});
