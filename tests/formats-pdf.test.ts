/**
 * The PDF reader. Replies whose plain text is known (examples/genre, seed 000) are set in a
 * GB/T 9704-like layout and printed by Chromium (tests/fixtures/pdf.ts); the text read back from
 * each PDF must import exactly as the plain text does. Then a compendium (cover, contents, three
 * replies), a scan, an encrypted and a damaged file; and the geometry rules on hand-made pieces.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import type { ExtractedText, Extraction } from "../src/import/formats/extracted.ts";
import { readPdf } from "../src/import/formats/pdf.ts";
import { isFolio, layoutPages, pageLines, unifyRadicals, type PdfPage, type PositionedText } from "../src/import/formats/pdf-layout.ts";
import { importText } from "../src/import/text.ts";
import { blocksOf, encryptedPdf, startPdfMaker, truncated, type RenderedPdf } from "./fixtures/pdf.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const SHA = "cd".repeat(32);

/** The replies of examples/genre that import as letters (bill and nosession are refused; ocr and scanned are OCR output). */
const GENRE = ["code-only", "delegation", "federation", "glued", "joint", "party", "signed", "summary", "summary-named", "zhigong"];
const SEED = "000_e03f6bac14756b11";

interface Truth {
  name: string;
  text: string;
  overrides?: Record<string, unknown>;
  runningHead: string;
}

function truthOf(path: string, name: string): Truth {
  const text = readFileSync(path, "utf8");
  let overrides: Record<string, unknown> | undefined;
  try {
    const sidecar = parseYaml(readFileSync(`${path}.meta.yaml`, "utf8")) as Record<string, unknown>;
    overrides = Object.fromEntries(Object.entries(sidecar).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
  } catch {
    overrides = undefined;
  }
  // The running head repeats the reply's first header line (its 版头 or title), set small.
  const runningHead = text.split("\n").find((line) => line.trim())!.trim().slice(0, 24);
  return { name, text, overrides, runningHead };
}

const truths: Truth[] = [
  truthOf(join(PROJECT_ROOT, "examples", "raw", `${SEED}.txt`), SEED),
  ...GENRE.map((name) => truthOf(join(PROJECT_ROOT, "examples", "genre", `${name}.txt`), name)),
];
const truth = (name: string) => truths.find((t) => t.name === name)!;

function imported(text: string, t: Truth) {
  // The same source for both readings, so that `data` can be compared whole (the importer adds format and pages for a PDF).
  const outcome = importText({ text, source: { file: `${t.name}.pdf`, sha256: SHA }, catalogue, agencies, overrides: t.overrides });
  if (outcome.kind === "error") throw new Error(`${t.name}: ${outcome.message}`);
  return outcome;
}

let work: string;
const rendered = new Map<string, RenderedPdf>();
const read = new Map<string, Extraction>();
let compendium: RenderedPdf;
let office: RenderedPdf;
let scan: RenderedPdf;
const timings: Record<string, number> = {};

/** Replies that start with their title, with a 文号 above the title, and with a red 版头. */
const COMPENDIUM = [SEED, "code-only", "party"];
const COMPENDIUM_HEAD = "全国人大代表建议和全国政协委员提案答复选编（2020—2024）";

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "fuwen-pdf-"));
  let started = performance.now();
  const maker = await startPdfMaker(work);
  try {
    timings.chromium = performance.now() - started;
    started = performance.now();
    for (const t of truths) rendered.set(t.name, await maker.render({ replies: [{ blocks: blocksOf(t.text), runningHead: t.runningHead }] }));
    compendium = await maker.render({
      cover: ["全国人大代表建议和全国政协委员提案", "答复选编", "（2020—2024）", "二〇二四年十二月"],
      contents: true,
      recto: true,
      replies: COMPENDIUM.map((name) => ({ blocks: blocksOf(truth(name).text), runningHead: COMPENDIUM_HEAD })),
    });
    office = await maker.render({
      style: "office",
      runningFoot: "国家医疗保障局门户网站　www.nhsa.gov.cn",
      replies: [{ blocks: blocksOf(truth(SEED).text) }],
    });
    timings.print = performance.now() - started;
    started = performance.now();
    scan = await maker.scan({ replies: [{ blocks: blocksOf(truth("federation").text), runningHead: truth("federation").runningHead }] });
    timings.scan = performance.now() - started;
  } finally {
    await maker.close();
  }
  started = performance.now();
  for (const [name, pdf] of rendered) read.set(name, await readPdf(pdf.pdf));
  read.set("office", await readPdf(office.pdf));
  timings.read = performance.now() - started;
  console.log(`formats-pdf fixtures: ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(", ")}`);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A text's paragraphs, white space aside (a wide gap reads as one full-width space per em, the copy may have two). */
const paragraphsOf = (text: string): string[] => text.split("\n").map((line) => line.replace(/[\s\u3000]+/gu, "")).filter(Boolean);

function part(name: string): ExtractedText {
  const extraction = read.get(name)!;
  if (!extraction.ok) throw new Error(`${name}: ${extraction.reason}`);
  expect(extraction.format).toBe("pdf");
  expect(extraction.parts).toHaveLength(1);
  return extraction.parts[0]!;
}

describe("a reply printed to PDF reads back as its plain text", () => {
  it.each(truths.map((t) => t.name))("%s: the same data and body as the plain text", (name) => {
    const t = truth(name);
    const extracted = part(name);
    expect(extracted.pages).toEqual({ first: 1, last: rendered.get(name)!.pages });
    // Line for line the paragraphs of the plain text (which has one line per paragraph, heading, signature, date).
    expect(paragraphsOf(extracted.text)).toEqual(paragraphsOf(t.text));
    const fromPdf = imported(extracted.text, t);
    const fromText = imported(t.text, t);
    expect(fromPdf.kind).toBe(fromText.kind);
    expect(fromPdf.data).toEqual(fromText.data);
    expect(fromPdf.body).toBe(fromText.body);
  });

  it("drops the folios and the running head, keeps the 版头, joins a paragraph across pages", () => {
    const seed = part(SEED);
    const pages = rendered.get(SEED)!.pages;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(seed.text).not.toMatch(/—\s*\d+\s*—/u);
    expect(seed.notes).toContain(`folios removed on pages 1–${pages}`);
    expect(seed.notes).toContain(`running head “${truth(SEED).runningHead}” removed (pages 2–${pages})`);
    expect(seed.notes.some((note) => /paragraphs? continued across a page break/u.test(note))).toBe(true);
    // One line per paragraph: no line of the PDF's wrapping survives.
    const longest = Math.max(...seed.text.split("\n").map((line) => [...line].length));
    expect(longest).toBeGreaterThan(600);

    const joint = part("joint");
    expect(joint.text.split("\n")[0]).toBe("农业农村部");
    expect(joint.notes).toContain("版头 “农业农村部” kept as the first line (red, 26 pt)");
  });

  it("reads a word processor's layout: ragged right, 第 N 页 共 M 页 and a running foot", () => {
    const extracted = part("office");
    const t = truth(SEED);
    expect(extracted.pages).toEqual({ first: 1, last: office.pages });
    expect(extracted.notes).toContain(`folios removed on pages 1–${office.pages}`);
    expect(extracted.notes).toContain(`running foot “国家医疗保障局门户网站　www.nhsa.gov…” removed (pages 1–${office.pages})`);
    expect(paragraphsOf(extracted.text)).toEqual(paragraphsOf(t.text));
    const fromPdf = imported(extracted.text, t);
    const fromText = imported(t.text, t);
    expect(fromPdf.data).toEqual(fromText.data);
    expect(fromPdf.body).toBe(fromText.body);
  });

  it("reads a Buffer, as files.ts has it, and leaves it intact", async () => {
    const bytes = rendered.get("glued")!.pdf;
    const buffer = Buffer.from(bytes);
    const again = await readPdf(buffer);
    expect(again).toEqual(read.get("glued"));
    expect(buffer.equals(Buffer.from(bytes))).toBe(true);
  });

  it("reads the radicals Chromium's text layer names as the ideographs they draw", () => {
    const seed = part(SEED);
    expect(seed.text).not.toMatch(/[\u2e80-\u2fdf]/u);
    expect(seed.notes.some((note) => note.startsWith("text layer: ") && note.includes("⼯→工"))).toBe(true);
  });
});

describe("a compendium", () => {
  let extraction: Extraction;
  beforeAll(async () => {
    extraction = await readPdf(compendium.pdf);
  });

  it("splits into its replies with their page ranges, leaving the cover and contents out", () => {
    if (!extraction.ok) throw new Error(extraction.reason);
    expect(compendium.ranges[0]!.first).toBe(3);
    expect(extraction.parts.map((p) => p.pages)).toEqual(compendium.ranges);
    // Blank versos before the replies that would open on a left-hand page are no part of the reply before.
    const blanks = compendium.ranges.slice(1).filter((r, i) => r.first > compendium.ranges[i]!.last + 1).map((r) => r.first - 1);
    expect(blanks.length).toBeGreaterThan(0);
    for (const blank of blanks) {
      expect(extraction.parts.flatMap((p) => p.notes)).toContain(`PDF: page ${blank} after the reply left out (blank)`);
    }
    expect(extraction.parts[0]!.notes[0]).toMatch(/^PDF: pages 1–2 before the first reply left out \(cover, contents\): 1 “全国人大代表建议和全国政协委员提…”, 2 “目　录”$/u);
  });

  it("imports each reply exactly as its plain text", () => {
    if (!extraction.ok) throw new Error(extraction.reason);
    COMPENDIUM.forEach((name, i) => {
      const t = truth(name);
      const text = extraction.ok ? extraction.parts[i]!.text : "";
      expect(paragraphsOf(text), name).toEqual(paragraphsOf(t.text));
      const fromPdf = imported(text, t);
      const fromText = imported(t.text, t);
      expect(fromPdf.data, name).toEqual(fromText.data);
      expect(fromPdf.body, name).toBe(fromText.body);
    });
  });
});

describe("PDFs it cannot read", () => {
  it("refuses a scan, naming OCR", async () => {
    expect(await readPdf(scan.pdf)).toEqual({
      ok: false,
      reason: `a scanned PDF with no text layer (${scan.pages} page${scan.pages === 1 ? "" : "s"} of images): run OCR first (for example ocrmypdf -l chi_sim FILE out.pdf), then import the result`,
    });
  });

  it("refuses an encrypted PDF (and the fixture is a real one: its password opens it)", async () => {
    const bytes = encryptedPdf("secret");
    expect(await readPdf(bytes)).toEqual({ ok: false, reason: "the PDF is encrypted (password protected): open it, save an unprotected copy, and import that" });
    const opened = await getDocument({ data: bytes.slice(), password: "secret", verbosity: 0 }).promise;
    const content = await (await opened.getPage(1)).getTextContent();
    expect(content.items.map((item) => ("str" in item ? item.str : "")).join("")).toBe("Hello, encrypted");
    await opened.destroy();
  });

  it("refuses a truncated PDF and one whose structure is broken", async () => {
    const whole = rendered.get("glued")!.pdf;
    const cut = await readPdf(truncated(whole));
    expect(cut).toEqual({ ok: false, reason: expect.stringMatching(/^the PDF is damaged \(it ends after [\d,]+ bytes without the %%EOF marker: the file was cut short\): download or copy it again/u) });

    // The header and the end intact, everything between overwritten.
    const broken = whole.slice();
    broken.fill(0x20, 16, broken.length - 16);
    const damaged = await readPdf(broken);
    expect(damaged).toEqual({ ok: false, reason: expect.stringMatching(/^the PDF is damaged \(pdf\.js: .+\): open it in a PDF reader/u) });

    expect(await readPdf(new TextEncoder().encode("您提出的建议收悉"))).toEqual({ ok: false, reason: "not a PDF: the file does not begin with %PDF-" });
  });
});

// ---------------------------------------------------------------------------------------------
// The geometry on its own: pieces placed by hand (A4, 16 pt body, 版心 from x 80 to 528).

const piece = (str: string, x: number, y: number, size = 16): PositionedText => ({ str, x, y, width: [...str].length * size, size });
const page = (number: number, items: PositionedText[], extra: Partial<PdfPage> = {}): PdfPage => ({ number, width: 595, height: 842, items, ...extra });
const fullLine = (y: number, text: string, x = 80) => piece(text, x, y);

describe("the geometry", () => {
  it("joins CJK pieces without spaces, keeps a wide gap as full-width spaces and a word space between Latin words", () => {
    const lines = pageLines(page(1, [
      // 3 em between 支持。 and 财政部, 2 em before the date.
      piece("感谢您对", 112, 200), piece("财政工作的关心和支持。", 176, 200),
      piece("财政部", 352 + 48, 200), piece("2022年6月30日", 400 + 48 + 32, 200),
      piece("www.ndrc", 80, 240), { str: "gov.cn", x: 80 + 8 * 16 + 4, y: 240, width: 96, size: 16 },
    ]));
    expect(lines.map((l) => l.text)).toEqual(["感谢您对财政工作的关心和支持。　　　财政部　　2022年6月30日", "www.ndrc gov.cn"]);
  });

  it("closes up CJK spaced character by character, and keeps a single space", () => {
    const lines = pageLines(page(1, [
      piece("国 家 发 展 和 改 革 委 员 会", 100, 100),
      piece("杜 明 远 代 表 ：", 80, 140),
      piece("今年《中共中央 国务院关于深化医疗保障制度改革的意见》", 80, 180),
    ]));
    expect(lines.map((l) => l.text)).toEqual(["国家发展和改革委员会", "杜明远代表：", "今年《中共中央 国务院关于深化医疗保障制度改革的意见》"]);
  });

  it("reads radicals as ideographs", () => {
    const counts = new Map<string, number>();
    expect(unifyRadicals("⼀是⼯作⺠⽣农⼾", counts)).toBe("一是工作民生农户");
    expect(counts.get("⼯→工")).toBe(1);
  });

  it("knows folios", () => {
    for (const folio of ["— 1 —", "-2-", "—12—", "第3页 共5页", "第 3 页", "4", "2/7"]) expect(isFolio(folio), folio).toBe(true);
    for (const text of ["2020年10月27日", "一、关于", "第2152号建议的答复"]) expect(isFolio(text), text).toBe(false);
  });

  it("rebuilds paragraphs from indents and full lines, across a page break, with headings and centred lines alone", () => {
    const body = (y: number) => 100 + y * 29;
    const pages = [
      page(1, [
        piece("医保函〔2020〕135号", 232, body(0)),
        piece("李素萍代表：", 80, body(1)),
        piece("您提出的建议收悉，现答复如下：一是发挥基本医保主体", 112, body(2)),
        fullLine(body(3), "保障作用。二是发展补充医疗保险。各地普遍建立职工大额"),
        fullLine(body(4), "医疗费用补助，对发生高额医疗费用的大病患者再进一步给"),
        piece("— 1 —", 460, 780, 14),
      ]),
      page(2, [
        piece("国家医疗保障局", 260, 60, 10.5),
        piece("予保障。", 80, body(0)),
        piece("一、关于减轻职工医疗费用负担", 112, body(1)),
        piece("感谢您对医疗保障工作的关心和支持。", 112, body(2)),
        piece("国家医疗保障局", 384, body(4)),
        piece("2020年10月27日", 368, body(5)),
        piece("— 2 —", 96, 780, 14),
      ]),
    ];
    const layout = layoutPages(pages);
    if (!layout.ok) throw new Error(layout.reason);
    expect(layout.parts).toHaveLength(1);
    expect(layout.parts[0]!.text.split("\n\n")).toEqual([
      "医保函〔2020〕135号",
      "李素萍代表：",
      "您提出的建议收悉，现答复如下：一是发挥基本医保主体保障作用。二是发展补充医疗保险。各地普遍建立职工大额医疗费用补助，对发生高额医疗费用的大病患者再进一步给予保障。",
      "一、关于减轻职工医疗费用负担",
      "感谢您对医疗保障工作的关心和支持。",
      "国家医疗保障局",
      "2020年10月27日\n",
    ]);
    expect(layout.parts[0]!.notes).toContain("folios removed on pages 1–2");
    expect(layout.parts[0]!.notes).toContain("running head “国家医疗保障局” removed (page 2)");

    // A 版记 line (14 pt) alone at the top of the last page is not a running head.
    const endnote = page(3, [piece("国家医疗保障局办公室　　2020年10月28日印发", 80, body(0), 14), piece("— 3 —", 460, 780, 14)]);
    const withEndnote = layoutPages([...pages, endnote]);
    expect(withEndnote.ok && withEndnote.parts[0]!.text.trimEnd().split("\n\n").at(-1)).toBe("国家医疗保障局办公室　　2020年10月28日印发");
  });

  it("keeps a red 版头 that each reply repeats, and drops a running head only where it repeats or is set small", () => {
    const reply = (number: number, head?: string) => page(number, [
      ...(head ? [piece(head, 220, 60, 10.5)] : []),
      { ...piece("国家医疗保障局", 185, 90, 32), },
      piece("关于十三届全国人大三次会议第2152号建议的答复", 80, 150, 22),
      piece("李素萍代表：", 80, 200),
      piece("您提出的建议收悉，现答复如下：一是发挥基本医保主体", 112, 229),
      fullLine(258, "保障作用。二是发展补充医疗保险。各地普遍建立职工大额"),
      piece("感谢您对医疗保障工作的关心和支持。", 112, 287),
    ], { red: ["国家医疗保障局"] });
    const layout = layoutPages([reply(1), reply(2, "答复选编"), reply(3, "答复选编")]);
    if (!layout.ok) throw new Error(layout.reason);
    expect(layout.parts.map((p) => p.pages)).toEqual([{ first: 1, last: 1 }, { first: 2, last: 2 }, { first: 3, last: 3 }]);
    for (const part of layout.parts) {
      expect(part.text.split("\n\n")[0]).toBe("国家医疗保障局");
      expect(part.notes).toContain("版头 “国家医疗保障局” kept as the first line (red, 32 pt)");
    }
    expect(layout.parts[1]!.notes).toContain("running head “答复选编” removed (page 2)");
  });

  it("leaves a divider page between two replies out of the reply before it", () => {
    const reply = (number: number, title: string) => page(number, [
      piece(title, 80, 150, 22),
      piece("李素萍代表：", 80, 200),
      piece("您提出的建议收悉，现答复如下：一是发挥基本医保主体", 112, 229),
      fullLine(258, "保障作用。二是发展补充医疗保险。各地普遍建立职工大额"),
      piece("感谢您对医疗保障工作的关心和支持。", 112, 287),
    ]);
    const layout = layoutPages([
      reply(1, "关于第2152号建议的答复"),
      page(2, [piece("第二部分　提案答复", 200, 300, 26)]),
      reply(3, "关于第0123号提案答复的函"),
    ]);
    if (!layout.ok) throw new Error(layout.reason);
    expect(layout.parts.map((p) => p.pages)).toEqual([{ first: 1, last: 1 }, { first: 3, last: 3 }]);
    expect(layout.parts[0]!.notes).toContain("PDF: page 2 after the reply left out (“第二部分　提案答复”)");
  });

  it("refuses a PDF with scanned pages inside a reply, but not a scanned cover before it", () => {
    const text = (number: number) => page(number, [
      piece("关于十三届全国人大三次会议第2152号建议的答复", 80, 150, 22),
      piece("李素萍代表：", 80, 200),
      piece("您提出的建议收悉，现答复如下：一是发挥基本医保主体", 112, 229),
    ]);
    const image = (number: number) => page(number, [], { images: 1 });
    expect(layoutPages([image(1), text(2)])).toMatchObject({ ok: true, parts: [{ pages: { first: 2, last: 2 } }] });
    expect(layoutPages([text(1), image(2), image(3), text(4)])).toEqual({
      ok: false,
      reason: "a PDF whose pages 2–3 (of 4) are scans with no text layer: run OCR first (for example ocrmypdf -l chi_sim FILE out.pdf), then import the result",
    });
  });

  it("refuses pages of images with no text, and pages without either", () => {
    expect(layoutPages([page(1, [], { images: 1 }), page(2, [piece("1", 300, 800)], { images: 1 })])).toEqual({
      ok: false,
      reason: "a scanned PDF with no text layer (2 pages of images): run OCR first (for example ocrmypdf -l chi_sim FILE out.pdf), then import the result",
    });
    expect(layoutPages([page(1, [], { images: 0 })])).toMatchObject({ ok: false, reason: expect.stringMatching(/^the PDF has no text layer and no images \(1 page\)/u) });
  });
});
