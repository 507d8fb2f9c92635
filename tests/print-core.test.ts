import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { serializeLetterFile } from "../src/model/letter-file.ts";
import { validateArchive } from "../src/model/validate.ts";
import { outlineOf } from "../src/print/finish.ts";
import { chineseCount } from "../src/model/chinese.ts";
import type { Letter, LetterData } from "../src/model/letter.ts";
import { resolveLetter } from "../src/model/resolve.ts";
import { formalSessionName, replyTitle, salutation, shortReference } from "../src/model/titles.ts";
import { planBook } from "../src/print/book.ts";
import { estimateBookPages, estimatePages, planVolumes } from "../src/print/volumes.ts";
import { readSiteSettings } from "../src/settings.ts";
import { ALL_FIXTURE_LETTERS, PROJECT_ROOT, letterPath } from "./helpers/fixture-archive.ts";
import { bodyStart, bookBlocks, printDocument } from "../src/print/document.ts";
import { blockLengths, departures, folioLabel, lowerRoman, planPages, type Block } from "../src/print/pagination.ts";
import { progressLine } from "../src/print/progress.ts";
import { codePointsByGlyph } from "../src/print/font-cmap.ts";
import { documentCodePoints, subsetFont } from "../src/print/subset.ts";
import { rewriteCMap } from "../src/print/finish.ts";
import { generateCorpus } from "../src/bench/corpus.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const site = readSiteSettings(PROJECT_ROOT);
const fonts = { regular: "file:///fonts/regular.ttf", bold: "file:///fonts/bold.ttf" };

/** A letter as letters/ would give it: front matter and body, resolved by the model. */
function letter(overrides: Partial<LetterData> & { body?: string }): Letter {
  const { body = "您提出的建议收悉，现答复如下：\n\n## 一、关于减轻职工医疗费用负担\n\n国家高度重视。", ...fields } = overrides;
  const data: LetterData = {
    docNumber: "医保函〔2020〕135号",
    issuer: "国家医疗保障局",
    assembly: "npc",
    term: 13,
    meeting: 3,
    session: "十三届全国人大三次会议",
    proposalType: "建议",
    proposalNumber: "2152",
    recipients: [{ name: "李素萍", role: "代表" }],
    title: "关于在深化医改中加大困难职工帮扶力度的建议",
    consulted: ["国家卫生健康委", "全国总工会"],
    date: "2020-10-27",
    source: { file: "000.txt", sha256: "a".repeat(64) },
    ...fields,
  };
  const session = catalogue.find(data.session)!;
  return resolveLetter(data, { file: `letters/${data.date.slice(0, 4)}/x.md`, body, fileSha256: createHash("sha256").update(body).digest("hex") }, session, catalogue.order(session));
}

const cppcc = letter({
  docNumber: "医保函〔2022〕132号",
  assembly: "cppcc",
  meeting: 5,
  session: "全国政协十三届五次会议",
  proposalType: "提案",
  proposalNumber: "01983",
  category: "社会管理类184号",
  recipients: [{ name: "刘文贤", role: "委员" }],
  title: "关于解决“因病致困”难题的提案",
  consulted: ["民政部", "银保监会"],
  date: "2022-07-26",
  disclosure: "主动公开",
});

describe("titles of the replies", () => {
  it("counts terms and meetings in Chinese", () => {
    expect([1, 5, 10, 13, 14, 20, 24].map(chineseCount)).toEqual(["一", "五", "十", "十三", "十四", "二十", "二十四"]);
    expect(() => chineseCount(0)).toThrow();
  });

  it("writes the full title as the NPC and CPPCC replies do", () => {
    expect(replyTitle(letter({}))).toBe("国家医疗保障局对十三届全国人大三次会议第2152号建议的答复");
    expect(replyTitle(cppcc)).toBe("国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函");
    expect(replyTitle({ ...cppcc, category: undefined })).toBe("国家医疗保障局关于政协十三届全国委员会第五次会议第01983号提案答复的函");
    expect(formalSessionName({ assembly: "npc", term: 14, meeting: 1 })).toBe("十四届全国人大一次会议");
    expect(shortReference(cppcc)).toBe("第01983号提案");
  });

  it("addresses every signatory", () => {
    expect(salutation(letter({}))).toBe("李素萍代表：");
    expect(salutation(letter({ recipients: [{ name: "张三", role: "代表" }, { name: "李四", role: "代表" }] }))).toBe("张三、李四代表：");
  });
});

describe("planning a book", () => {
  const npc2021 = letter({
    docNumber: "医保函〔2021〕194号", meeting: 4, session: "十三届全国人大四次会议", proposalNumber: "1589",
    recipients: [{ name: "谭祖安", role: "代表" }], consulted: [], date: "2021-09-16",
  });
  const second2020 = letter({ docNumber: "医保函〔2020〕99号", proposalNumber: "312", recipients: [{ name: "李素萍", role: "代表" }, { name: "阿依", role: "代表" }, { name: "单磊", role: "代表" }] });
  const letters = [cppcc, npc2021, letter({}), second2020];

  it("orders letters by session in catalogue order, then by proposal number", () => {
    const book = planBook(letters, site);
    expect(book.letters.map((l) => l.letter.id)).toEqual(["ybh-2020-99", "ybh-2020-135", "ybh-2021-194", "ybh-2022-132"]);
    expect(book.sessions.map((s) => s.session.name)).toEqual(["十三届全国人大三次会议", "十三届全国人大四次会议", "全国政协十三届五次会议"]);
    expect(book.yearSpan).toBe("2020—2022");
    expect(book.fileName).toBe("compendium.pdf");
  });

  it("indexes people and agencies in pinyin order, with all their letters", () => {
    const book = planBook(letters, site);
    expect(book.people.map((p) => p.name)).toEqual(["阿依", "李素萍", "刘文贤", "单磊", "谭祖安"]);
    expect(book.people.find((p) => p.name === "李素萍")?.letters.map((l) => l.letter.id)).toEqual(["ybh-2020-99", "ybh-2020-135"]);
    // 单 as a surname reads Shàn: filed under S, as on the site's /people/ page.
    expect(book.people.map((p) => p.initial)).toEqual(["A", "L", "L", "S", "T"]);
    expect(book.agencies.map((a) => a.name)).toEqual(["国家卫生健康委", "民政部", "全国总工会", "银保监会"]);
  });

  it("makes a year's volume of that year's replies only", () => {
    const book = planBook(letters, site, { year: 2021 });
    expect(book.letters.map((l) => l.letter.id)).toEqual(["ybh-2021-194"]);
    expect(book.fileName).toBe("compendium-2021.pdf");
    expect(book.editionLabel).toBe("2021年卷");
    expect(() => planBook(letters, site, { year: 1999 })).toThrow(/1999/);
  });

  it("dates the edition from the newest reply in China, or from SOURCE_DATE_EPOCH", () => {
    const book = planBook(letters, site);
    expect(book.metadata.creationDate.toISOString()).toBe("2022-07-25T16:00:00.000Z");
    expect(book.editionDate).toBe("2022-07-26");
    const fixed = planBook(letters, site, { sourceDateEpoch: 1700000000 });
    expect(fixed.metadata.creationDate.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(fixed.editionDate).toBe("2023-11-15");
  });

  it("sets author, subject and keywords for catalogues", () => {
    const { metadata } = planBook(letters, site);
    expect(metadata.author).toBe("国家医疗保障局");
    expect(metadata.language).toBe("zh-CN");
    expect(metadata.subject).toContain("答复4件（建议3件，提案1件）");
    expect(metadata.keywords).toContain("全国政协十三届五次会议");
  });
});

describe("pagination", () => {
  const blocks: Block[] = [
    { anchor: "cover", recto: true, fixedLength: 1 },
    { anchor: "title", recto: true, fixedLength: 1 },
    { anchor: "colophon", recto: false },
    { anchor: "contents", recto: true },
    { anchor: "a", recto: true },
    { anchor: "b", recto: true },
    { anchor: "c", recto: true },
  ];
  // As printed without blank pages: cover 1, title 2, colophon 3, contents 4–5, a 6–8, b 9–10, c 11.
  const measured = { starts: new Map([["colophon", 3], ["contents", 4], ["a", 6], ["b", 9], ["c", 11]]), totalPages: 11, blanksBefore: new Set<string>() };

  it("reads lengths from where the blocks started", () => {
    expect([...blockLengths(blocks, measured)]).toEqual([["cover", 1], ["title", 1], ["colophon", 1], ["contents", 2], ["a", 3], ["b", 2], ["c", 1]]);
  });

  it("starts right-hand blocks on odd pages, inserting blank versos", () => {
    const plan = planPages(blocks, blockLengths(blocks, measured));
    expect(Object.fromEntries(plan.starts)).toEqual({ cover: 1, title: 3, colophon: 4, contents: 5, a: 7, b: 11, c: 13 });
    expect([...plan.blanksBefore].sort()).toEqual(["b", "title"]);
    expect(plan.totalPages).toBe(13);
    for (const block of blocks) if (block.recto) expect((plan.starts.get(block.anchor) ?? 0) % 2).toBe(1);
  });

  it("reads lengths back from a rendering with blank pages, and notices departures", () => {
    const plan = planPages(blocks, blockLengths(blocks, measured));
    const asPlanned = { starts: new Map([...plan.starts].filter(([k]) => k !== "cover" && k !== "title")), totalPages: 13, blanksBefore: plan.blanksBefore };
    expect(Object.fromEntries(blockLengths(blocks, asPlanned))).toEqual(Object.fromEntries(plan.lengths));
    expect(departures(blocks, plan, asPlanned)).toEqual([]);
    const shifted = { ...asPlanned, starts: new Map([...asPlanned.starts, ["c", 14]]) };
    expect(departures(blocks, plan, shifted)).toEqual(["#c: planned page 13, printed on 14"]);
  });

  it("refuses a rendering without a destination for a block it must measure", () => {
    const missing = { ...measured, starts: new Map([...measured.starts].filter(([k]) => k !== "b")) };
    expect(() => blockLengths(blocks, missing)).toThrow(/#b/);
  });
});

describe("the print document", () => {
  const book = planBook([letter({}), cppcc], site);

  it("uses ASCII ids that do not start with a digit, each once", () => {
    const html = printDocument(book, fonts);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(6);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const block of bookBlocks(book)) expect(ids).toContain(block.anchor);
  });

  it("lays a letter out as the official reply", () => {
    const html = printDocument(book, fonts);
    const start = html.indexOf('id="letter-ybh-2022-132"');
    const article = html.slice(start, html.indexOf("</article>", start));
    const order = ["国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函", "医保函〔2022〕132号", "刘文贤委员：", "现答复如下", "<h2>一、关于减轻职工医疗费用负担</h2>", "国家医疗保障局</p>", "2022年7月26日", "（主动公开）"];
    const positions = order.map((text) => article.indexOf(text));
    for (const position of positions) expect(position).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("measures without blank pages, then prints the planned numbers and blank versos", () => {
    const first = printDocument(book, fonts);
    expect(first).not.toContain('class="blank-page"');
    const blocks = bookBlocks(book);
    const lengths = new Map(blocks.map((b) => [b.anchor, b.anchor === "contents" ? 1 : 2]));
    for (const b of blocks) if (b.fixedLength) lengths.set(b.anchor, b.fixedLength);
    const plan = planPages(blocks, lengths);
    const second = printDocument(book, fonts, plan);
    expect(second.match(/class="blank-page"/g)?.length).toBe(plan.blanksBefore.size);
    const tocEntry = new RegExp(`href="#letter-ybh-2022-132"[^]*?<span class="toc-page">(\\d+)</span>`).exec(second);
    // Folio 1 is the first page of the body (the first divider), not the cover.
    expect(Number(tocEntry?.[1])).toBe(plan.starts.get("letter-ybh-2022-132")! - bodyStart(book, plan) + 1);
    // The letter's pages spell out their folios and heads, none on its first page.
    const start = plan.starts.get("letter-ybh-2022-132")!;
    const folio = plan.starts.get("letter-ybh-2022-132")! - bodyStart(book, plan) + 1;
    expect(second).toContain(`@counter-style folio-letter-ybh-2022-132 { system: fixed ${start}; symbols: "${folio}" "${folio + 1}"; }`);
    expect(second).toContain(`@counter-style head-right-letter-ybh-2022-132 { system: fixed ${start}; symbols: "" "全国政协十三届五次会议 · 第01983号提案"; }`);
    expect(second).toMatch(/@counter-style folio-contents \{ system: fixed \d+; symbols: "[ivx]+"; \}/);
  });

  it("prints chosen parts alone, with the planned numbers and a link that makes each a destination", () => {
    const blocks = bookBlocks(book);
    const lengths = new Map(blocks.map((b) => [b.anchor, b.fixedLength ?? 2]));
    const plan = planPages(blocks, lengths);
    const alone = printDocument(book, fonts, plan, new Set(["index-people", "index-agencies"]));
    const body = alone.slice(alone.indexOf("<body>"));
    expect(body.match(/<section [^>]*id="([^"]+)"/g)).toEqual(['<section class="index" id="index-people"', '<section class="index" id="index-agencies"']);
    expect(body).toContain('<a href="#index-people"></a><a href="#index-agencies"></a>');
    const page = plan.starts.get("letter-ybh-2022-132")! - bodyStart(book, plan) + 1;
    expect(body).toContain(`<a href="#letter-ybh-2022-132">${page}</a>`);
  });

  it("gives every letter its own running head", () => {
    const html = printDocument(book, fonts);
    expect(html).toContain('@page letter-ybh-2022-132:right { @top-right { content: "全国政协十三届五次会议 · 第01983号提案"');
    expect(html).toContain('style="page: letter-ybh-2020-135"');
  });

  it("escapes text from the letters", () => {
    const tricky = planBook([letter({ title: "关于<script>与“引号”的建议" })], site);
    const html = printDocument(tricky, fonts);
    expect(html).not.toContain("<script>");
    expect(html).toContain("关于&lt;script&gt;与“引号”的建议");
  });
});

describe("progress line", () => {
  it("shows letters done, total and an estimate of the time left", () => {
    const line = progressLine("compendium.pdf pass 2", 500, 1000, 30_000);
    expect(line).toContain("500/1000 letters");
    expect(line).toContain("ETA 0:30");
  });
});

describe("text layer repair", () => {
  const cmap = (body: string): string =>
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;

  it("reads the font's own cmap: 一 and the radical ⼀ share a glyph in Noto Serif SC", () => {
    const font = readFileSync(join(PROJECT_ROOT, "node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"));
    const byGlyph = codePointsByGlyph(font);
    const glyphOfOne = [...byGlyph].find(([, points]) => points.includes(0x4e00))?.[0];
    expect(glyphOfOne).toBeDefined();
    expect(byGlyph.get(glyphOfOne as number)).toContain(0x2f00);
  });

  it("maps radicals back to the unified ideographs the font gives for the same glyph", () => {
    const byGlyph = new Map([[0x220f, [0x2f00, 0x4e00]], [0x3000, [0x2eda, 0x9875]], [0x0470, [0x3001]]]);
    const fixed = rewriteCMap(cmap("3 beginbfchar\n<220F> <2F00>\n<3000> <2EDA>\n<0470> <3001>\nendbfchar\n1 beginbfrange\n<0011> <0012> <0030>\nendbfrange\n"), byGlyph);
    expect(fixed).toContain("<220F> <4E00>");
    expect(fixed).toContain("<3000> <9875>");
    expect(fixed).toContain("<0470> <3001>");
    expect(fixed).toContain("<0011> <0030>");
    expect(fixed).toContain("<0012> <0031>");
    expect(fixed).toMatch(/endcodespacerange\s+5 beginbfchar/);
  });

  it("leaves a CMap without radicals alone", () => {
    expect(rewriteCMap(cmap("1 beginbfchar\n<0470> <3001>\nendbfchar\n"), new Map())).toBeUndefined();
  });
});

describe("print faces cut to the document", () => {
  it("keeps exactly the document's characters the face has, ASCII always, and a fraction of the bytes", () => {
    const font = readFileSync(join(PROJECT_ROOT, "node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"));
    const has = new Set([...codePointsByGlyph(font).values()].flat());
    const points = documentCodePoints("<p>关于加强困难职工帮扶的建议（第2152号）——答复〔2020〕</p>\u{1F600}");
    expect(points.has(0x7e)).toBe(true);
    const cut = subsetFont(font, points);
    const kept = new Set([...codePointsByGlyph(cut).values()].flat());
    expect([...kept].sort((a, b) => a - b)).toEqual([...points].filter((p) => has.has(p)).sort((a, b) => a - b));
    expect(kept.has(0x1f600)).toBe(false);
    expect(kept.has(0x5e2e)).toBe(true); // 帮
    expect(kept.has(0x6c11)).toBe(false); // 民, not in the document
    expect(cut.byteLength).toBeLessThan(font.byteLength / 50);
  });
});

describe("an edition of several issuers", () => {
  const archive = validateArchive(
    ALL_FIXTURE_LETTERS.map(({ data, body }) => ({ file: letterPath(data), text: serializeLetterFile(data as never, body) })),
    catalogue,
  );
  const agencies = loadAgencies(PROJECT_ROOT);
  const volume = planBook(archive.letters, site, { year: 2023, agencies });
  const html = printDocument(volume, fonts);
  const article = (id: string) => {
    const start = html.indexOf(`id="letter-${id}"`);
    return html.slice(start, html.indexOf("</article>", start));
  };

  it("groups the letters by issuer in the catalogue's order, then by session and number", () => {
    expect(archive.problems).toEqual([]);
    expect(volume.issuers.map((i) => [i.name, i.letters.map((l) => l.letter.id)])).toEqual([
      ["国家发展和改革委员会", ["gjfzhggwyh-zy-npc-14-1-5012"]],
      ["教育部", ["jjy-2023-215"]],
      ["财政部", ["cjh-2023-41"]],
      ["生态环境部", ["htf-2023-57"]],
      ["交通运输部", ["jbjy-2023-88"]],
      ["国家医疗保障局", ["ybh-2023-90"]],
      ["中华全国总工会", ["zgh-2023-19"]],
    ]);
    expect(volume.letters.map((l) => l.letter.id)).toEqual(volume.issuers.flatMap((i) => i.letters.map((l) => l.letter.id)));
    // A session within an issuer has no divider of its own: it starts at its first letter.
    expect(volume.sessions.map((s) => s.anchor)).toEqual(volume.letters.map((l) => l.anchor));
    expect(volume.letters.find((l) => l.letter.id === "jjy-2023-215")?.runningHead).toBe("教育部 · 十四届全国人大一次会议 · 第3176号建议");
  });

  it("files issuers in pinyin order without the catalogue", () => {
    const plain = planBook(archive.letters, site, { year: 2023 });
    expect(plain.issuers.map((i) => i.name)).toEqual(["财政部", "国家发展和改革委员会", "国家医疗保障局", "交通运输部", "教育部", "生态环境部", "中华全国总工会"]);
  });

  it("names the issuers together by the site's collective name, and each in the colophon", () => {
    expect(site.issuer).toBe("国家部委");
    expect(volume.issuerName).toBe("国家部委");
    expect(volume.subtitle).toBe("国家部委答复汇编");
    // The catalogue's creator names the issuers themselves.
    expect(volume.metadata.author).toBe(volume.issuers.map((i) => i.name).join("、"));
    expect(volume.metadata.keywords).toEqual(expect.arrayContaining(["教育部", "中华全国总工会"]));
    expect(html).toContain('<p class="title-issuer">发文机关　国家部委（7个）</p>');
    expect(html).toContain("<dt>发文机关</dt><dd>国家发展和改革委员会、教育部、财政部、生态环境部、交通运输部、国家医疗保障局、中华全国总工会</dd>");
    expect(html).toContain('<tr><td><a href="#issuer-2">教育部</a></td><td class="num">1 件</td>');
  });

  it("keeps an edition of one issuer as it was: session dividers, no issuer in the running head", () => {
    const one = planBook(archive.letters, site, { year: 2020, agencies });
    expect(one.issuers).toEqual([]);
    expect(one.issuerName).toBe("国家医疗保障局");
    expect(one.subtitle).toBe("国家医疗保障局答复汇编");
    expect(one.sessions.map((s) => s.anchor)).toEqual(["session-npc-13-3"]);
    expect(one.letters[0]?.runningHead).toBe("十三届全国人大三次会议 · 第2152号建议");
    expect(bookBlocks(one).map((b) => b.anchor)).toEqual(["cover", "title-page", "colophon", "contents", "session-npc-13-3", "letter-ybh-2020-135", "letter-ybh-2020-201", "index-people", "index-agencies"]);
  });

  it("opens each issuer with a divider and lists issuer, session and letter in the contents and bookmarks", () => {
    expect(bookBlocks(volume).map((b) => b.anchor).slice(4, 8)).toEqual(["issuer-1", "letter-gjfzhggwyh-zy-npc-14-1-5012", "issuer-2", "letter-jjy-2023-215"]);
    expect(html).toContain('<section class="divider" id="issuer-4">\n<h1>生态环境部</h1>\n<p class="divider-count">答复 1 件</p>');
    expect(html).toContain("<li>全国政协十四届一次会议　提案答复 1 件</li>");
    expect(html).not.toMatch(/id="session-/);
    const outline = outlineOf(volume);
    expect(outline.map((i) => i.title)).toEqual(["版本说明", "目录", ...volume.issuers.map((i) => i.name), "代表委员索引", "会商单位索引"]);
    const jyb = outline.find((i) => i.title === "教育部");
    expect(jyb?.children.map((s) => [s.title, s.children.map((l) => l.title)])).toEqual([["十四届全国人大一次会议", ["第3176号建议　关于加强乡村学校教师队伍建设的建议"]]]);
    const toc = html.slice(html.indexOf('id="contents"'), html.indexOf("</nav>"));
    expect(toc.indexOf(">教育部<")).toBeLessThan(toc.indexOf("关于加强乡村学校教师队伍建设的建议"));
    expect(toc).toContain('<p class="toc-who">青海代表团　<span class="toc-number">交办建议〔2023〕88号</span></p>');
    expect(toc).toContain('<p class="toc-who"><span class="toc-number">答复摘要</span></p>');
  });

  it("prints a summary with its heading and no 文号 or salutation, and group recipients by name", () => {
    const summary = article("gjfzhggwyh-zy-npc-14-1-5012");
    expect(summary).toContain('<h1 class="reply-title">关于十四届全国人大一次会议第5012号建议答复的摘要</h1>\n<div class="reply-body">');
    expect(summary).not.toMatch(/doc-number|salutation/);
    expect(article("jbjy-2023-88")).toContain('<p class="salutation">青海代表团：</p>');
    expect(article("htf-2023-57")).toContain('<p class="salutation">中国民主促进会中央委员会：</p>');
    expect(html).toContain('<p class="index-entry"><span class="index-name">青海代表团</span>　');
    expect(html).toContain('<span class="index-name">周立群</span><span class="index-role">代表</span>');
  });

  it("prints 公开, 抄送 and the contact (without phone) after the date, and the other reply with its page", () => {
    const jyb = article("jjy-2023-215");
    const order = ['<p class="reply-date">2023年7月12日</p>', "（主动公开）", "抄送：全国人大常委会办公厅联络局，国务院办公厅督查室", "联系人：郑明远，联系单位：教育部教师工作司", "同一建议的其他答复：", "底本："];
    const positions = order.map((text) => jyb.indexOf(text));
    for (const position of positions) expect(position).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(jyb).not.toContain("010-55550123");
    expect(printDocument(planBook(archive.letters, { ...site, publishContactPhone: true }, { year: 2023, agencies }), fonts)).toContain("联系电话：010-55550123");
    const blocks = bookBlocks(volume);
    const plan = planPages(blocks, new Map(blocks.map((b) => [b.anchor, b.fixedLength ?? 1])));
    const planned = printDocument(volume, fonts, plan);
    const start = planned.indexOf('id="letter-jjy-2023-215"');
    expect(planned.slice(start, planned.indexOf("</article>", start))).toContain(
      `同一建议的其他答复：<a href="#letter-cjh-2023-41">财政部答复（财教函〔2023〕41号），第${plan.starts.get("letter-cjh-2023-41")! - bodyStart(volume, plan) + 1}页</a>`,
    );
  });
});

describe("a year over the page budget", () => {
  const archive = validateArchive(
    ALL_FIXTURE_LETTERS.map(({ data, body }) => ({ file: letterPath(data), text: serializeLetterFile(data as never, body) })),
    catalogue,
  );
  const agencies = loadAgencies(PROJECT_ROOT);
  const year = 2023;

  it("is split into 册 that follow the year's order, each within the budget, the first listing them all", () => {
    const ofYear = archive.letters.filter((l) => l.year === year);
    expect(ofYear.length).toBeGreaterThanOrEqual(6);
    const whole = planBook(archive.letters, site, { year, agencies });
    // A budget of about 2/5 of the year's estimate: three 册 or more, as each has its own front matter and indexes.
    const budget = Math.ceil(estimateBookPages(whole) / 2.5);
    const books = planVolumes(archive.letters, site, [year], budget, { agencies });
    expect(books.length).toBeGreaterThanOrEqual(3);
    for (const book of books) expect(estimateBookPages(book)).toBeLessThanOrEqual(budget);
    const numbers = books.map((_, i) => i + 1);
    expect(books.map((b) => b.fileName)).toEqual(numbers.map((n) => `compendium-${year}-${n}.pdf`));
    expect(books.slice(0, 3).map((b) => b.editionLabel)).toEqual(["第一册", "第二册", "第三册"].map((label) => `${year}年卷 ${label}`));
    // Together, in order, the 册 hold the year's letters exactly once.
    expect(books.flatMap((b) => b.letters.map((l) => l.letter.id))).toEqual(whole.letters.map((l) => l.letter.id));
    expect(books[0]!.part!.all.map((p) => [p.fileName, p.first, p.last])).toEqual(books.map((b) => [b.fileName, b.letters[0]!.letter.fullReference, b.letters.at(-1)!.letter.fullReference]));
    expect(books[0]!.part!.all[1]!.first).toBe(books[1]!.letters[0]!.letter.fullReference);
    expect(printDocument(books[0]!, fonts)).toContain(`<p>本卷分${books.length}册：</p>`);
    expect(printDocument(books[1]!, fonts)).not.toContain("本卷分");
  });

  it("counts the appendix towards the budget: a long document the year's letters cite splits the volume", () => {
    const ofYear = archive.letters.filter((l) => l.year === year);
    const budget = estimateBookPages(planBook(archive.letters, site, { year, agencies }));
    expect(planVolumes(archive.letters, site, [year], budget, { agencies }).length).toBe(1);
    // One letter of the year cites a document as long as all the year's letters.
    const citing = ofYear[0]!;
    const letters = archive.letters.map((l) => (l === citing ? { ...l, body: `${l.body}\n\n依据《关于测试的意见》办理。` } : l));
    const body = "医疗保障制度改革。".repeat(Math.ceil(ofYear.reduce((sum, l) => sum + l.body.length, 0) / 9));
    const document = { ...archive.documents[0]!, title: "关于测试的意见", body, url: "/documents/x/", id: "x" };
    const books = planVolumes(letters, site, [year], budget, { agencies, documents: [document] });
    expect(books.length).toBeGreaterThanOrEqual(2);
    expect(books.flatMap((b) => b.appendix.map((d) => d.document.id))).toEqual(["x"]);
  });

  it("estimates a letter by the lines it fills: one listing pilot units a line each takes more pages than prose of as many characters", () => {
    const units = Array.from({ length: 120 }, (_, i) => `${i + 1}. 河北省平山县第${i + 1}中心卫生院`).join("\n");
    const prose = "医疗保障制度改革。".repeat(Math.ceil(units.length / 9));
    const listed = estimatePages({ body: `经研究，确定以下单位为试点：\n\n${units}` }, "A4", false);
    const written = estimatePages({ body: prose }, "A4", false);
    // 120 lines of a 35-line page, against about 2,500 characters at 41 to the line.
    expect(listed).toBeGreaterThanOrEqual(4);
    expect(written).toBeLessThanOrEqual(2);
  });

  it("cuts where the letters choose: a letter deleted changes the letters of its own 册 and at most the next, no other", () => {
    const synthetic = generateCorpus(1500, catalogue, 7);
    const byYear = new Map<string, typeof synthetic>();
    for (const l of synthetic) byYear.set(l.data.date.slice(0, 4), [...(byYear.get(l.data.date.slice(0, 4)) ?? []), l]);
    const busiest = [...byYear].sort((a, b) => b[1].length - a[1].length)[0]!;
    const ofYear = (letters: typeof synthetic) => validateArchive(letters.map((l) => ({ file: l.file.replace(/^letters\//u, ""), text: serializeLetterFile(l.data as never, l.body) })), catalogue).letters;
    const year = Number(busiest[0]);
    const contents = (books: ReturnType<typeof planVolumes>) => books.map((b) => b.letters.map((l) => l.letter.id).join(" "));
    const plannedBefore = planVolumes(ofYear(busiest[1]!), site, [year], 200, { agencies });
    const before = contents(plannedBefore);
    expect(before.length).toBeGreaterThanOrEqual(3);
    let firstKept = 0;
    for (const at of [5, Math.floor(busiest[1]!.length / 2), busiest[1]!.length - 3]) {
      const without = busiest[1]!.filter((_, i) => i !== at);
      const planned = planVolumes(ofYear(without), site, [year], 200, { agencies });
      const after = contents(planned);
      // The 册 that held the letter, and at most the one after it, differ.
      const changed = before.map((ids, i) => ids !== after[i]).flatMap((differs, i) => (differs ? [i] : []));
      expect(changed.length, `deleting letter ${at}`).toBeLessThanOrEqual(2);
      if (changed.length === 2) expect(changed[1]! - changed[0]!).toBe(1);
      expect(after.length - before.length).toBeLessThanOrEqual(1);
      // A letter deleted inside another 册 leaves the first 册, which lists every 册 by its first and last letter, as it was printed.
      const ends = (books: typeof planned) => books.map((b) => `${b.letters[0]!.letter.id} ${b.letters.at(-1)!.letter.id}`).join();
      if (!changed.includes(0) && ends(planned) === ends(plannedBefore)) {
        expect(printDocument(planned[0]!, fonts)).toBe(printDocument(plannedBefore[0]!, fonts));
        firstKept++;
      }
    }
    expect(firstKept).toBeGreaterThanOrEqual(1);
  });

  it("shares a short last 册 with the one before rather than leave it a fraction of the others", () => {
    const letters = validateArchive(generateCorpus(1500, catalogue, 7).map((l) => ({ file: l.file.replace(/^letters\//u, ""), text: serializeLetterFile(l.data as never, l.body) })), catalogue).letters;
    const perYear = new Map<number, number>();
    for (const l of letters) perYear.set(l.year, (perYear.get(l.year) ?? 0) + 1);
    const busiest = [...perYear].sort((a, b) => b[1] - a[1])[0]![0];
    for (let budget = 150; budget <= 600; budget += 25) {
      const books = planVolumes(letters, site, [busiest], budget, { agencies });
      if (books.length < 2) continue;
      const [last, beforeLast] = [estimateBookPages(books.at(-1)!), estimateBookPages(books.at(-2)!)];
      expect(last, `budget ${budget}: the last two 册 of ${books.length}`).toBeGreaterThanOrEqual(beforeLast / 2);
    }
  });

  it("says which setting to raise when a year would need more than 99 册", () => {
    const letters = validateArchive(generateCorpus(3000, catalogue, 7).map((l) => ({ file: l.file.replace(/^letters\//u, ""), text: serializeLetterFile(l.data as never, l.body) })), catalogue).letters;
    const year = letters[0]!.year;
    expect(() => planVolumes(letters, site, [year], 1, { agencies })).toThrow(/the \d{4} volume would need \d+ 册 .*more than 99: raise editionPageBudget in _data\/site\.json/u);
  });

  it("stays one volume within the budget", () => {
    expect(planVolumes(archive.letters, site, [year], 1200, { agencies }).map((b) => b.fileName)).toEqual([`compendium-${year}.pdf`]);
  });
});

describe("folio labels", () => {
  it("numbers the front matter in lower-case roman numerals and the body from 1", () => {
    expect([1, 2, 3, 4, 9, 14, 40, 1994].map(lowerRoman)).toEqual(["i", "ii", "iii", "iv", "ix", "xiv", "xl", "mcmxciv"]);
    expect([1, 5, 6, 7, 243].map((page) => folioLabel(page, 6))).toEqual(["i", "v", "1", "2", "238"]);
  });
});
