/**
 * The .docx reader: replies from examples/ written as Word documents (paragraphs cut into runs
 * anywhere, even inside a word, with fonts and bold; the signature and date one paragraph with a
 * soft line break; a header and a footer with a PAGE field) import to exactly what their plain
 * text imports to. Tables, footnotes, automatic numbering, and the files that are refused.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { DOCX_DAMAGED, DOCX_EMPTY, DOCX_ENCRYPTED, readDocx } from "../src/import/formats/docx.ts";
import { isEncryptedOoxml } from "../src/import/formats/ole.ts";
import { importText } from "../src/import/text.ts";
import { parse as parseYaml } from "yaml";
import { buildDocx, buildOle, paragraphsFromText, splitRuns, random, type Paragraph, type Spec } from "./fixtures/docx.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const SHA = "cd".repeat(32);
const genre = join(PROJECT_ROOT, "examples", "genre");
const SEED = join(PROJECT_ROOT, "examples", "raw", "000_e03f6bac14756b11.txt");

async function textOf(spec: Spec | Uint8Array): Promise<{ text: string; notes: string[] }> {
  const result = await readDocx(spec instanceof Uint8Array ? spec : buildDocx(spec));
  if (!result.ok) throw new Error(result.reason);
  expect(result.format).toBe("docx");
  expect(result.parts).toHaveLength(1);
  return result.parts[0]!;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await readDocx(bytes);
  if (result.ok) throw new Error(`read: ${result.parts[0]!.text}`);
  return result.reason;
}

function imported(text: string, file: string, overrides?: Record<string, unknown>) {
  return importText({ text, source: { file, sha256: SHA }, catalogue, agencies, overrides });
}

/** A short signature line followed by its date line: Word users type them as one paragraph with Shift+Enter. */
function signatureWithDate(text: string): string {
  return text.replace(/\n\n([^\n。，：]{2,20})\n\n((?:\d{4}|二[〇○零]).{3,12}日)\n/u, "\n\n$1\n$2\n");
}

const letters = [
  ...readdirSync(genre)
    .filter((name) => name.endsWith(".txt"))
    .map((name) => join(genre, name)),
  SEED,
];

describe("a reply written in Word imports as its plain text does", () => {
  const cases = letters
    .map((path) => {
      const text = readFileSync(path, "utf8");
      const sidecar = `${path}.meta.yaml`;
      let overrides: Record<string, unknown> | undefined;
      try {
        overrides = parseYaml(readFileSync(sidecar, "utf8")) as Record<string, unknown>;
      } catch {
        overrides = undefined;
      }
      const name = path.split("/").at(-1)!;
      return { name, text, overrides, plain: imported(text, name, overrides) };
    })
    // The refused texts (a 议案, a session that never met) are refused whatever the format.
    .filter((c) => c.plain.kind === "letter");

  it("covers the seed and the genre's replies", () => {
    expect(cases.map((c) => c.name)).toContain("000_e03f6bac14756b11.txt");
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases.map((c, i) => [c.name, c, i] as const))("%s: same data and body", async (_, c, i) => {
    const word = signatureWithDate(c.text);
    const bytes = buildDocx({ body: paragraphsFromText(word, 101 + i), footerPageField: true, header: "页眉专用标记", styles: true });
    const { text, notes } = await textOf(bytes);

    // The text is the plain text itself, line for line, less the spaces nobody sees at line ends.
    const expected = word
      .split("\n")
      .map((line) => line.replace(/[\s\u3000]+$/u, ""))
      .join("\n")
      .replace(/\n{3,}/gu, "\n\n")
      .replace(/^\n+|\n+$/gu, "")
      .concat("\n");
    expect(text).toBe(expected);
    expect(text).not.toMatch(/—|页眉专用标记/u);
    expect(notes[0]).toMatch(/^Word document: \d+ paragraphs; header and footer \(page numbers\) left out$/u);

    const plain = c.plain;
    const docx = imported(text, c.name, c.overrides);
    expect(docx.kind).toBe("letter");
    if (plain.kind !== "letter" || docx.kind !== "letter") return;
    expect(docx.data).toEqual(plain.data);
    expect(docx.body).toBe(plain.body);
  });

  it("the seed's signature and date, one Word paragraph with a soft line break, become two lines", async () => {
    const word = signatureWithDate(readFileSync(SEED, "utf8"));
    expect(word).toContain("国家医疗保障局\n2020年10月27日");
    const paragraphs = paragraphsFromText(word, 5);
    const last = paragraphs.at(-1)!;
    expect(last.runs.some((r) => typeof r === "object" && "br" in r)).toBe(true);
    const { text, notes } = await textOf({ body: paragraphs });
    expect(text.endsWith("感谢您对医疗保障工作的关心和支持。\n\n国家医疗保障局\n2020年10月27日\n")).toBe(true);
    expect(notes).toContain("1 line break inside paragraphs (Shift+Enter) kept as line breaks");
  });
});

describe("runs, formatting and furniture", () => {
  const sentence = "国家高度重视职工医疗保障待遇工作，健全多层次医疗保障制度，统筹发挥基本医保、补充医保和医疗救助三重保障作用。";

  it("runs split inside words, with w:rFonts, bold, italic, colour and size, read as the plain paragraph", async () => {
    const plain = await textOf({ body: [{ runs: [sentence] }] });
    expect(plain.text).toBe(`${sentence}\n`);
    for (let seed = 1; seed <= 5; seed++) {
      const runs = splitRuns(sentence, random(seed));
      expect(runs.length).toBeGreaterThan(5);
      const styled = await textOf({ body: [{ runs, style: "Heading1", firstLineIndent: 640, align: "both" }], styles: true });
      expect(styled.text).toBe(plain.text);
    }
    // 医疗|保障: a word cut in two runs, one of them bold in another font.
    const cut = await textOf({ body: [{ runs: ["健全多层次医", { text: "疗", bold: true, font: "黑体" }, { text: "保障制度。", italic: true, size: 22 }] }] });
    expect(cut.text).toBe("健全多层次医疗保障制度。\n");
  });

  it("the footer's page number and the header never reach the text; mammoth itself does not read them", async () => {
    const bytes = buildDocx({ body: [{ runs: ["您提出的建议收悉。"] }], footerPageField: true, footerText: "页脚专用标记", header: "页眉专用标记" });
    // Not a vacuous check: the footer holds a PAGE field printed — 1 —, the header its text.
    const files = unzipSync(bytes);
    const footer = strFromU8(files["word/footer1.xml"]!);
    expect(footer).toContain("PAGE");
    expect(footer).toContain("— ");
    expect(footer).toContain("页脚专用标记");
    expect(strFromU8(files["word/header1.xml"]!)).toContain("页眉专用标记");
    expect(strFromU8(files["word/document.xml"]!)).toContain('w:footerReference w:type="default"');

    const buffer = Buffer.from(bytes);
    const raw = await mammoth.extractRawText({ buffer });
    const html = await mammoth.convertToHtml({ buffer });
    for (const out of [raw.value, html.value]) {
      expect(out).toContain("您提出的建议收悉。");
      expect(out).not.toMatch(/页脚专用标记|页眉专用标记|—/u);
    }
    const { text, notes } = await textOf(bytes);
    expect(text).toBe("您提出的建议收悉。\n");
    expect(notes).toEqual(["Word document: 1 paragraph; header and footer (page numbers) left out"]);
  });

  it("a table's cells come out in order: one line per row, cells apart by two full-width spaces", async () => {
    const next = random(9);
    const { text, notes } = await textOf({
      body: [
        { runs: ["2019年救助情况如下："] },
        {
          table: [
            ["项目", "人次", "资金"],
            [splitRuns("住院救助和门诊救助", next), "7050万人次", splitRuns("502亿元", next)],
            ["", "合计", [{ text: "见" }, { br: true }, { text: "附表" }]],
          ],
        },
        { runs: ["此复。"] },
      ],
    });
    expect(text).toBe("2019年救助情况如下：\n\n项目　　人次　　资金\n住院救助和门诊救助　　7050万人次　　502亿元\n　　合计　　见　附表\n\n此复。\n");
    expect(notes[0]).toBe("Word document: 2 paragraphs, 1 table");
  });

  it("a tab becomes two full-width spaces, as the genre spaces a signature from its date", async () => {
    const { text } = await textOf({ body: [{ runs: ["交通运输部", { tab: true }, { tab: true }, "2023年6月28日"] }, { runs: [{ tab: true }, "联系人：孙晓峰", { tab: true }, "联系电话：010-59190000"] }] });
    expect(text).toBe("交通运输部　　　　2023年6月28日\n\n　　联系人：孙晓峰　　联系电话：010-59190000\n");
  });

  it("empty paragraphs (spacing typed with Enter) and trailing spaces leave no trace; leading 　　 is kept", async () => {
    const { text, notes } = await textOf({ body: [{ runs: [] }, { runs: ["　　您提出的建议收悉。", "  "] }, { runs: ["　"] }, { runs: [] }, { runs: ["此复。"] }, { runs: [{ br: true }] }] });
    expect(text).toBe("　　您提出的建议收悉。\n\n此复。\n");
    expect(notes[0]).toBe("Word document: 2 paragraphs");
  });

  it("a footnote stays out of the text and is listed in the notes with its text", async () => {
    const { text, notes } = await textOf({ body: [{ runs: ["今年《意见》", { footnote: "《中共中央 国务院关于深化医疗保障制度改革的意见》" }, "对完善基本医疗保险制度作出部署。"] }] });
    expect(text).toBe("今年《意见》对完善基本医疗保险制度作出部署。\n");
    expect(notes).toContain("footnote 1 left out of the text (its mark after “今年《意见》”): “《中共中央 国务院关于深化医疗保障制度改革的意见》”");
  });

  it("tracked changes read as accepted, and the notes say so", async () => {
    const { text, notes } = await textOf({ body: [{ runs: ["我们将", { deleted: "认真" }, { inserted: "继续" }, "研究。"] }] });
    expect(text).toBe("我们将继续研究。\n");
    expect(notes.some((n) => n.startsWith("tracked changes read as accepted"))).toBe(true);
  });

  it("Word's automatic numbering (一、 二、) is written out, so the headings import as typed ones do", async () => {
    const plainText = readFileSync(join(genre, "code-only.txt"), "utf8");
    const numbered: Paragraph[] = paragraphsFromText(plainText, 3).map((p) => {
      const first = p.runs.map((r) => (typeof r === "string" ? r : "text" in r ? r.text : "")).join("");
      if (!/^[一二]、/u.test(first)) return p;
      return { runs: splitRuns(first.slice(2), random(first.length)), numbering: { numId: 3 } };
    });
    const { text, notes } = await textOf({ body: numbered, numbering: { 3: { format: "chineseCounting", text: "%1、", suffix: "nothing" } } });
    expect(text).toBe(plainText.replace(/\n+$/u, "\n"));
    expect(notes).toContain("Word's automatic numbering written out as text on 2 paragraphs");
    const plain = imported(plainText, "code-only.txt");
    const docx = imported(text, "code-only.txt");
    if (plain.kind !== "letter" || docx.kind !== "letter") throw new Error("not read as letters");
    expect(docx.body).toBe(plain.body);
    expect(docx.body).toContain("## 一、关于产教融合平台");
  });

  it("numbering formats: （一） with a tab after it, 1. with a space, bullets left out", async () => {
    const { text, notes } = await textOf({
      body: [
        { runs: ["关于资金"], numbering: { numId: 1 } },
        { runs: ["关于标准"], numbering: { numId: 1 } },
        { runs: ["第一点"], numbering: { numId: 2 } },
        { runs: ["第二点"], numbering: { numId: 2 } },
        { runs: ["要点"], numbering: { numId: 4 } },
      ],
      numbering: {
        1: { format: "chineseCounting", text: "（%1）" },
        2: { format: "decimal", text: "%1.", start: 1 },
        4: { format: "bullet", text: "●" },
      },
    });
    expect(text).toBe("（一）关于资金\n\n（二）关于标准\n\n1. 第一点\n\n2. 第二点\n\n要点\n");
    expect(notes).toContain("automatic bullets left out on 1 paragraph");
  });
});

describe("refused", () => {
  const valid = () => buildDocx({ body: paragraphsFromText(readFileSync(join(genre, "signed.txt"), "utf8"), 2), footerPageField: true });

  it("a damaged ZIP: cut short, or its central directory overwritten", async () => {
    const bytes = valid();
    expect(await refusal(bytes.slice(0, Math.floor(bytes.length / 2)))).toBe(DOCX_DAMAGED);
    const broken = bytes.slice();
    const eocd = broken.length - 22; // the end-of-central-directory record, no comment
    expect([...broken.subarray(eocd, eocd + 4)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
    broken.fill(0, eocd - 200, broken.length);
    expect(await refusal(broken)).toBe(DOCX_DAMAGED);
    expect(await refusal(new TextEncoder().encode("PK not really a zip"))).toBe(DOCX_DAMAGED);
    expect(DOCX_DAMAGED).toBe("the .docx is damaged (its ZIP structure cannot be read): open it in Word or WPS and save it again");
  });

  it("a document without text: no paragraphs, or only empty ones", async () => {
    expect(await refusal(buildDocx({ body: [] }))).toBe(DOCX_EMPTY);
    expect(await refusal(buildDocx({ body: [{ runs: [] }, { runs: ["　　", { tab: true }] }, { runs: [{ br: true }] }], footerPageField: true }))).toBe(DOCX_EMPTY);
    expect(DOCX_EMPTY).toBe("the .docx has no text: its body holds no paragraph with text; check that this is the reply itself and not an empty template");
    expect(await refusal(buildDocx({ body: [{ runs: [] }], header: "国家医疗保障局对十三届全国人大三次会议第2152号建议的答复" }))).toBe(
      "the .docx has no text in its body, only in a header or footer, which are not read: move the letter into the body in Word or WPS and save it again",
    );
  });

  it("a password-protected .docx (an OLE file with EncryptionInfo), also with its directory after a megabyte of data", async () => {
    for (const padding of [0, 2200]) {
      const bytes = buildOle(["EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"], padding);
      expect(bytes.length > 1 << 20).toBe(padding > 0);
      expect(isEncryptedOoxml(bytes)).toBe(true);
      expect(await refusal(bytes)).toBe(DOCX_ENCRYPTED);
    }
    const doc = buildOle(["WordDocument", "1Table", "\u0005SummaryInformation"]);
    expect(isEncryptedOoxml(doc)).toBe(false);
    expect(isEncryptedOoxml(valid())).toBe(false);
    expect(await refusal(doc)).toMatch(/^not a \.docx but an older Office or WPS file/u);
  });

  it("a ZIP whose document part is not well-formed XML; a wrapper mammoth does not know is named", async () => {
    const files = unzipSync(buildDocx({ body: [{ runs: ["您提出的建议收悉。"] }] }));
    const xml = strFromU8(files["word/document.xml"]!);
    const { zipSync, strToU8 } = await import("fflate");
    expect(await refusal(zipSync({ ...files, "word/document.xml": strToU8(xml.replace("</w:body>", "")) }))).toBe(
      "the .docx is damaged (word/document.xml is not well-formed XML): open it in Word or WPS and save it again",
    );
    const wrapped = xml.replace("<w:p ", "<w:foo><w:p ").replace("</w:p>", "</w:p></w:foo>");
    expect(await refusal(zipSync({ ...files, "word/document.xml": strToU8(wrapped) }))).toBe(
      "the .docx has no text that could be read: mammoth skipped w:foo; open it in Word or WPS, save it as a plain .docx (Word 2007–365) and import that",
    );
    const { notes } = await textOf(zipSync({ ...files, "word/document.xml": strToU8(wrapped.replace("</w:foo>", "</w:foo><w:p><w:r><w:t>此复。</w:t></w:r></w:p>")) }));
    expect(notes).toContain("Word elements mammoth does not read (any text in them is missing; compare with the document): w:foo");
  });

  it("a ZIP that is not a Word document", async () => {
    const { zipSync, strToU8 } = await import("fflate");
    const xlsx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
    expect(await refusal(xlsx)).toBe("not a Word document but an Excel workbook (.xlsx) (it has no word/document.xml): save the reply as .docx in Word or WPS, then import the .docx");
  });
});
