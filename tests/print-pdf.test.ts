/**
 * The PDF edition, rendered once in real Chromium with the npm font under a fontconfig that
 * sees no CJK fonts, then read back with pdfjs-dist, pdf-lib and poppler as a library would.
 * The project's letters (one issuer) and, apart, a year's volume of seven issuers (the site
 * fixture's 2023 letters: a summary, a delegation, a party, a co-handled suggestion).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { strFromU8, unzipSync } from "fflate";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { loadAgencies, loadArchive } from "../src/archive.ts";
import { planBook, type Book } from "../src/print/book.ts";
import { readSiteSettings } from "../src/settings.ts";
import { estimateBookPages, planVolumes } from "../src/print/volumes.ts";
import { ANCHORS, renderEditions, type RenderedEdition } from "../src/print/index.ts";
import { BrowserSession, renderBook, type PassEvent } from "../src/print/render.ts";
import { fontconfigWithoutCjk, makePrintArchive, SENTINELS } from "./print-fixture.ts";
import { PROJECT_ROOT, writeFixtureArchive } from "./helpers/fixture-archive.ts";

let root: string;
let work: string;
let editions: RenderedEdition[];
let rebuilt: RenderedEdition[];
let cachedRun: RenderedEdition[];
let a5: RenderedEdition[];
let book: Book;
let pdf: PDFDocumentProxy;
/** Text of each page (index 0 = page 1), items joined without separators. */
let pages: string[];
/** The viewer's page labels of compendium.pdf (index 0 = page 1), as pdf.js reads /PageLabels. */
let labels: string[];

const compact = (text: string): string => text.replace(/\s+/g, "");

beforeAll(async () => {
  root = makePrintArchive();
  work = mkdtempSync(join(tmpdir(), "fuwen-print-out-"));
  const env = { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(work), SOURCE_DATE_EPOCH: "" };
  editions = await renderEditions({ root, outDir: join(work, "a"), quiet: true, env });
  // Printed again, not taken from the edition cache: the bytes must come out the same.
  rebuilt = await renderEditions({ root, outDir: join(work, "b"), years: [2020], quiet: true, env, editionCache: false });
  cachedRun = await renderEditions({ root, outDir: join(work, "d"), quiet: true, env });
  a5 = await renderEditions({ root, outDir: join(work, "c"), years: [2022], size: "A5", quiet: true, env });


  const archive = loadArchive(root);
  book = planBook(archive.letters, readSiteSettings(root), { documents: archive.documents, agencies: loadAgencies(root) });

  pdf = await getDocument({ data: new Uint8Array(readFileSync(join(work, "a", "compendium.pdf"))), useSystemFonts: false }).promise;
  pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  labels = (await pdf.getPageLabels()) ?? [];
});

afterAll(async () => {
  await pdf?.destroy();
  rmSync(root, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** The one page on which a letter's full title is printed. */
function pageOfTitle(title: string): number {
  const found = pages.flatMap((text, i) => (compact(text).includes(title) ? [i + 1] : []));
  expect(found, title).toHaveLength(1);
  return found[0] as number;
}

describe("the editions", () => {
  it("writes the compendium and one volume per year of reply", () => {
    const years = [...new Set(book.letters.map((l) => l.letter.year))].sort();
    expect(editions.map((e) => e.file.split("/").at(-1))).toEqual(["compendium.pdf", ...years.map((y) => `compendium-${y}.pdf`)]);
    for (const edition of editions) expect(edition.bytes).toBe(readFileSync(edition.file).length);
    expect(editions[0]?.pages).toBe(pdf.numPages);
  });

  it("puts only that year's letters in a year's volume", () => {
    const volume = editions.find((e) => e.file.endsWith("compendium-2020.pdf"));
    const text = compact(execFileSync("pdftotext", [volume?.file ?? "", "-"], { encoding: "utf8" }));
    for (const entry of book.letters) {
      expect(text.includes(entry.letter.parts.heading), entry.letter.parts.heading).toBe(entry.letter.year === 2020);
    }
  });

  it("offers the A5 trim, with the same rules", async () => {
    expect(a5.map((e) => e.file.split("/").at(-1))).toEqual(["compendium-2022.pdf"]);
    const file = a5[0]?.file ?? "";
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+4(19|20)(\.\d+)? x 59[45](\.\d+)? pts \(A5\)/);
    const entry = book.letters.find((l) => l.letter.year === 2022);
    const perPage = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).split("\f").map(compact);
    const where = perPage.flatMap((text, i) => (text.includes(entry?.letter.parts.heading ?? "?") ? [i + 1] : []));
    expect(where).toHaveLength(1);
    expect((where[0] as number) % 2).toBe(1);
    const a5Labels = await labelsOf(file);
    expect(perPage.join("")).toContain(`${entry?.letter.shortReference}${entry?.letter.title}${a5Labels[(where[0] as number) - 1]}`);
  });

  it("names its fonts and, in the colophon, the SHA-256 of its letter files as sha256sum lists them", () => {
    const files = book.letters.filter((l) => l.letter.year === 2020).map((l) => l.letter.file).sort();
    expect(files.length).toBeGreaterThan(0);
    const listing = execFileSync("sha256sum", files, { cwd: root, encoding: "utf8" });
    const digest = execFileSync("sha256sum", { input: listing, encoding: "utf8" }).split(" ")[0];
    const text = compact(execFileSync("pdftotext", [join(work, "a", "compendium-2020.pdf"), "-"], { encoding: "utf8" }));
    expect(text).toContain(`该清单的SHA-256为${digest}`);
    expect(text).toContain("思源宋体（NotoSerifSC）");
    expect(text).toContain("GB/T9704");
  });

  it("rebuilds byte for byte", () => {
    const first = readFileSync(join(work, "a", "compendium-2020.pdf"));
    const second = readFileSync(rebuilt[0]?.file ?? "");
    expect(first.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it("takes unchanged editions from the edition cache, the same bytes, without printing", () => {
    expect(editions.every((e) => !e.cached)).toBe(true);
    expect(cachedRun.map((e) => [basename(e.file), e.cached])).toEqual(editions.map((e) => [basename(e.file), true]));
    for (const [i, edition] of cachedRun.entries()) expect(Buffer.compare(readFileSync(edition.file), readFileSync(editions[i]!.file))).toBe(0);
    // The volumes' EPUBs too, linked from the same cache.
    for (const [i, edition] of cachedRun.entries()) if (edition.epub) expect(Buffer.compare(readFileSync(edition.epub.file), readFileSync(editions[i]!.epub!.file))).toBe(0);
  });

  it("leaves the whole-archive edition out when the year volumes exceed the page budget", async () => {
    const settings = JSON.parse(readFileSync(join(root, "_data", "site.json"), "utf8")) as Record<string, unknown>;
    const pagesOfVolumes = editions.filter((e) => basename(e.file) !== "compendium.pdf").reduce((sum, e) => sum + e.pages, 0);
    writeFileSync(join(root, "_data", "site.json"), JSON.stringify({ ...settings, editionPageBudget: pagesOfVolumes - 1 }));
    try {
      const over = await renderEditions({ root, outDir: join(work, "e"), quiet: true, env: { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(work), SOURCE_DATE_EPOCH: "" } });
      expect(over.map((e) => basename(e.file))).toEqual(editions.map((e) => basename(e.file)).filter((name) => name !== "compendium.pdf"));
      expect(existsSync(join(work, "e", "compendium.pdf"))).toBe(false);
    } finally {
      writeFileSync(join(root, "_data", "site.json"), JSON.stringify(settings, null, 2));
    }
  });

  it("prints a year again in smaller 册 when its volume, estimated within the budget, prints over it", async () => {
    const year = 2020;
    const over = mkdtempSync(join(tmpdir(), "fuwen-print-over-"));
    try {
      cpSync(root, over, { recursive: true, filter: (path) => !path.includes(".cache") });
      // Latin letters print wider than the estimate counts them: two letters of mixed text,
      // about 60,000 characters each, print a volume longer than estimated.
      const paragraph = "医疗保障制度WMWMWMWMWM ".repeat(100).trim();
      for (const name of ["ybh-2020-901.md", "ybh-2020-902.md"]) {
        const file = join(over, "letters", String(year), name);
        writeFileSync(file, readFileSync(file, "utf8").replace(/\n*$/u, `\n\n${Array(29).fill(paragraph).join("\n\n")}\n`));
      }
      const archive = loadArchive(over);
      const options = { documents: archive.documents, agencies: loadAgencies(over) };
      const estimate = estimateBookPages(planBook(archive.letters, readSiteSettings(over), { ...options, year }));
      // Planned from the estimate, the year is one volume.
      expect(planVolumes(archive.letters, readSiteSettings(over), [year], estimate, options).map((b) => b.fileName)).toEqual([`compendium-${year}.pdf`]);
      const settings = JSON.parse(readFileSync(join(over, "_data", "site.json"), "utf8")) as Record<string, unknown>;
      writeFileSync(join(over, "_data", "site.json"), JSON.stringify({ ...settings, editionPageBudget: estimate }));
      const env = { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(work), SOURCE_DATE_EPOCH: "" };
      const printed = await renderEditions({ root: over, outDir: join(over, "_site"), years: [year], quiet: true, env });
      expect(printed.map((e) => basename(e.file))).toEqual([`compendium-${year}-1.pdf`, `compendium-${year}-2.pdf`]);
      for (const edition of printed) {
        expect(edition.pages).toBeLessThanOrEqual(estimate);
        expect(Number(/Pages:\s+(\d+)/u.exec(execFileSync("pdfinfo", [edition.file], { encoding: "utf8" }))?.[1])).toBe(edition.pages);
      }
      // The volume printed first, over the budget, is not left beside its 册.
      expect(existsSync(join(over, "_site", `compendium-${year}.pdf`))).toBe(false);
      expect(existsSync(join(over, "_site", "records", `compendium-${year}.marc.xml`))).toBe(false);
    } finally {
      rmSync(over, { recursive: true, force: true });
    }
  });

  it("prints the documents the letters cite in an appendix, truncation marked, and sends the citing letter there by page", () => {
    const documents = loadArchive(root).documents;
    const cited = documents.filter((d) => book.letters.some((l) => compact(l.letter.body).includes(`《${compact(d.title)}》`)));
    expect(cited.length).toBeGreaterThan(0);
    for (const document of cited) {
      const opening = compact(document.body).slice(0, 40);
      expect(opening.length).toBe(40);
      const where = pages.flatMap((text, i) => (compact(text).includes(opening) ? [i + 1] : []));
      expect(where, document.title).toHaveLength(1);
      const page = where[0]!;
      // After every letter, before the indexes; headed as the appendix, marked 节录 when truncated.
      expect(page).toBeGreaterThan(Math.max(...book.letters.map((l) => pageOfTitle(l.letter.parts.heading))));
      expect(compact(pages[page - 1]!)).toContain(`${compact(document.title)}${document.truncated ? "（节录）" : ""}`);
      if (document.truncation) expect(compact(pages.slice(page - 1).join(""))).toContain(compact(document.truncation.after));
      // The citing letter names the appendix page, as the viewer labels it.
      for (const letter of book.letters.filter((l) => compact(l.letter.body).includes(`《${compact(document.title)}》`))) {
        const from = pageOfTitle(letter.letter.parts.heading);
        expect(compact(pages.slice(from - 1, from + 3).join("")), letter.letter.id).toContain(`见附录第${labels[page - 1]}页`);
      }
    }
    // Only the volume of the year that cites it holds it.
    const text = (year: number) => compact(execFileSync("pdftotext", [join(work, "a", `compendium-${year}.pdf`), "-"], { encoding: "utf8" }));
    const opening = compact(cited[0]!.body).slice(0, 40);
    const citingYears = new Set(book.letters.filter((l) => l.cites.some((d) => d.document.id === cited[0]!.id)).map((l) => l.letter.year));
    for (const year of [2020, 2021, 2022, 2023]) expect(text(year).includes(opening), String(year)).toBe(citingYears.has(year));
  });
});

describe("page numbers", () => {
  it("starts every letter on a right-hand page, where the contents says", () => {
    const contentsPages = pages.map((text, i) => ({ text: compact(text), page: i + 1 })).filter((p) => p.text.startsWith("目录") || p.text.includes("目录版本说明"));
    expect(contentsPages.length).toBeGreaterThan(0);
    const contents = contentsPages.map((p) => p.text).join("");
    expect(book.letters.length).toBeGreaterThanOrEqual(6);
    for (const entry of book.letters) {
      const listed = new RegExp(`${escape(entry.letter.shortReference)}${escape(entry.letter.title)}(\\d+)`).exec(contents);
      expect(listed, entry.letter.shortReference).not.toBeNull();
      const printed = pageOfTitle(entry.letter.parts.heading);
      expect(listed?.[1], entry.letter.parts.heading).toBe(labels[printed - 1]);
      expect(printed % 2, entry.letter.parts.heading).toBe(1);
    }
  });

  it("gives index entries the pages of their letters", () => {
    const indexText = compact(pages.filter((text) => compact(text).includes("代表委员索引按姓名拼音排序")).join(""));
    for (const person of book.people) {
      const match = new RegExp(`${escape(person.name)}(?:代表|委员|、)+((?:\\d+，?)+)`).exec(indexText);
      expect(match, person.name).not.toBeNull();
      const listed = (match?.[1] ?? "").split("，").filter(Boolean);
      expect(listed).toEqual(person.letters.map((l) => labels[pageOfTitle(l.letter.parts.heading) - 1]));
    }
    const agencies = compact(pages.filter((text) => compact(text).includes("会商单位索引答复中")).join(""));
    expect(book.agencies.length).toBeGreaterThan(2);
    for (const agency of book.agencies) expect(agencies).toMatch(new RegExp(`${escape(agency.name)}(\\d+，?)+`));
  });

  it("opens each session with a divider page that has no folio", () => {
    for (const session of book.sessions) {
      const dividers = pages.flatMap((text, i) => (compact(text) === compact(`${session.session.name}${session.letters[0]?.letter.assembly === "npc" ? "建议" : "提案"}答复${session.letters.length}件`) ? [i + 1] : []));
      expect(dividers, session.session.name).toHaveLength(1);
      expect((dividers[0] as number) % 2).toBe(1);
    }
  });
});

describe("page furniture", () => {
  it("labels the pages as they are printed: the front matter i, ii, …, the body 1, 2, … from its first divider", () => {
    expect(labels).toHaveLength(pages.length);
    // The first session's divider, after the cover, title page, colophon and contents.
    const body = pages.findIndex((text, i) => i > 3 && /答复\d+件$/.test(compact(text)));
    expect(body).toBeGreaterThan(2);
    expect(labels.slice(0, 4)).toEqual(["i", "ii", "iii", "iv"]);
    expect(labels[body - 1]).toMatch(/^[ivx]+$/);
    expect(labels.slice(body, body + 3)).toEqual(["1", "2", "3"]);
    expect(labels.at(-1)).toBe(String(pages.length - body));
    // The contents pages print their roman folios.
    const contentsPage = pages.findIndex((text) => compact(text).includes("目录版本说明")) + 1;
    const folio = execFileSync("pdftotext", ["-f", String(contentsPage), "-l", String(contentsPage), "-layout", join(work, "a", "compendium.pdf"), "-"], { encoding: "utf8" }).trim().split("\n").at(-1)?.trim();
    expect(folio).toBe(labels[contentsPage - 1]);
  });

  it("prints running heads and folios on letter pages, none on blank and divider pages", () => {
    const file = join(work, "a", "compendium.pdf");
    const linesOf = (page: number): string[] =>
      execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"], { encoding: "utf8" })
        .split("\n").map((l) => l.trim()).filter(Boolean);
    const letterStarts = book.letters.map((l) => ({ entry: l, start: pageOfTitle(l.letter.parts.heading) }));
    // Every page that opens something: letters, session dividers, the indexes.
    const openings = new Set([
      ...letterStarts.map((l) => l.start),
      ...pages.flatMap((text, i) => (/答复\d+件$/.test(compact(text)) || compact(text).includes("索引按") || compact(text).includes("索引答复中") ? [i + 1] : [])),
      // The appendix's documents.
      ...pages.flatMap((text, i) => (book.appendix.some((d) => compact(text).includes(`${compact(d.document.title)}${d.document.truncated ? "（节录）" : ""}${compact(d.document.byline)}`)) ? [i + 1] : [])),
    ]);
    let versos = 0;
    let rectos = 0;
    let blanks = 0;
    for (const { entry, start } of letterStarts) {
      for (let page = start; page <= pages.length && (page === start || !openings.has(page)); page++) {
        const lines = linesOf(page);
        if (lines.length === 0) {
          blanks += 1;
          expect(page % 2, `blank page ${page}`).toBe(0);
          continue;
        }
        expect(lines.at(-1), `folio on page ${page}`).toBe(labels[page - 1]);
        // A letter's first page carries its title, not the running head.
        if (page === start) expect([book.runningTitle, entry.runningHead], `no running head on page ${page}`).not.toContain(lines[0]);
        else expect(lines[0], `running head on page ${page}`).toBe(page % 2 === 0 ? book.runningTitle : entry.runningHead);
        if (page % 2 === 0) versos += 1;
        else rectos += 1;
      }
    }
    expect(versos).toBeGreaterThan(0);
    expect(rectos).toBeGreaterThan(0);
    expect(blanks).toBeGreaterThan(0);
    for (const page of openings) {
      if (/答复\d+件$/.test(compact(pages[page - 1] ?? ""))) expect(linesOf(page).join("")).not.toMatch(/\d+$/);
    }
  });

  it("maps every glyph to the character of the letters, not to a look-alike radical", () => {
    const radicals = pages.join("").match(/[\u2E80-\u2FDF\uF900-\uFAFF]/gu) ?? [];
    expect(radicals).toEqual([]);
    expect(pages.join("")).toContain("一是");
  });

  it("prints the letters' sentences intact and extractable", () => {
    const text = compact(execFileSync("pdftotext", [join(work, "a", "compendium.pdf"), "-"], { encoding: "utf8" }));
    expect(text).toContain(SENTINELS.long);
    expect(text).toContain(SENTINELS.short);
    expect(text).toContain("职工医保在政策范围内住院费用支付比例达到80%左右");
    expect(text).toContain("国家医疗保障局关于政协十三届全国委员会第五次会议第01983号（社会管理类184号）提案答复的函");
  });
});

describe("the PDF as a library sees it", () => {
  it("keeps PDF/A-2u's rules in every edition, as qpdf and poppler read them", () => {
    expect(editions.length).toBeGreaterThan(3);
    for (const { file } of editions) {
      const name = basename(file);
      execFileSync("qpdf", ["--check", file]);
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      const field = (key: string) => new RegExp(`^${key}:\\s+(.*)$`, "m").exec(info)?.[1];
      expect([field("PDF version"), field("Encrypted"), field("Tagged"), field("JavaScript")], name).toEqual(["1.7", "no", "yes", "no"]);
      // The XMP packet identifies PDF/A-2u and says what the Info dictionary says.
      const xmp = execFileSync("pdfinfo", ["-meta", file], { encoding: "utf8" });
      expect(xmp, name).toContain("<pdfaid:part>2</pdfaid:part>");
      expect(xmp, name).toContain("<pdfaid:conformance>U</pdfaid:conformance>");
      expect(xmp, name).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${field("Title")}</rdf:li></rdf:Alt></dc:title>`);
      expect(xmp, name).toContain(`<dc:creator><rdf:Seq><rdf:li>${field("Author")}</rdf:li></rdf:Seq></dc:creator>`);
      expect(xmp, name).toContain("<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>");

      const json = execFileSync("qpdf", ["--json=2", "--json-key=qpdf", file], { encoding: "utf8", maxBuffer: 1 << 28 });
      const objects = (JSON.parse(json) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>] }).qpdf[1];
      const trailer = objects.trailer!.value!;
      expect(trailer["/ID"], name).toHaveLength(2);
      expect(trailer["/Encrypt"], name).toBeUndefined();
      const root = objects[`obj:${trailer["/Root"] as string}`]!.value!;
      expect(objects[`obj:${root["/Metadata"] as string}`]?.stream?.dict["/Filter"], name).toBeUndefined();
      const [intent] = root["/OutputIntents"] as Record<string, string>[];
      expect(intent?.["/S"], name).toBe("/GTS_PDFA1");
      const profileRef = intent?.["/DestOutputProfile"] ?? "";
      expect(objects[`obj:${profileRef}`]?.stream?.dict["/N"], name).toBe(3);
      const icc = execFileSync("qpdf", [`--show-object=${profileRef.split(" ")[0]}`, "--filtered-stream-data", file]);
      expect([icc.subarray(16, 20).toString("latin1"), icc.subarray(36, 40).toString("latin1")], name).toEqual(["RGB ", "acsp"]);
      expect((root["/ViewerPreferences"] as Record<string, unknown>)["/DisplayDocTitle"], name).toBe(true);
      expect(json, name).not.toMatch(/"\/(JavaScript|JS|AA|Launch)"/);
      const links = Object.values(objects).map((o) => o.value).filter((v) => v?.["/Subtype"] === "/Link");
      expect(links.length, name).toBeGreaterThan(0);
      for (const link of links) expect(((link?.["/F"] as number) & 4) !== 0, name).toBe(true);
      // Every font embedded, with a ToUnicode map.
      const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
      for (const line of fonts) expect(line, name).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it("has MARCXML records valid against the MARC 21 slim schema, and Dublin Core records, with each edition's extent, URL and checksum", () => {
    // MARC21slim.xsd: the Library of Congress schema, version 1.1 (2009), as published at
    // https://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd.
    const schema = join(PROJECT_ROOT, "tests", "fixtures", "MARC21slim.xsd");
    for (const edition of editions) {
      const base = basename(edition.file, ".pdf");
      const marcFile = join(work, "a", "records", `${base}.marc.xml`);
      const dcFile = join(work, "a", "records", `${base}.dc.xml`);
      execFileSync("xmllint", ["--noout", "--schema", schema, marcFile], { stdio: "pipe" });
      execFileSync("xmllint", ["--noout", dcFile], { stdio: "pipe" });
      const sha256 = createHash("sha256").update(readFileSync(edition.file)).digest("hex");
      const marc = readFileSync(marcFile, "utf8");
      const subfield = (tag: string, code: string) => new RegExp(`<datafield tag="${tag}"[^>]*>[^]*?<subfield code="${code}">([^<]*)</subfield>`).exec(marc)?.[1];
      expect(subfield("300", "a"), base).toBe(`1 在线资源（${edition.pages} 页）`);
      expect(subfield("856", "u"), base).toBe(`https://example.org/${basename(edition.file)}`);
      expect(subfield("856", "z"), base).toBe(`SHA-256: ${sha256}`);
      expect(subfield("110", "a"), base).toBe("国家医疗保障局");
      expect(subfield("041", "a"), base).toBe("chi");
      expect(/<controlfield tag="008">([^<]*)</.exec(marc)?.[1], base).toHaveLength(40);
      const dc = readFileSync(dcFile, "utf8");
      expect(dc, base).toContain(`<dc:identifier>urn:sha256:${sha256}</dc:identifier>`);
      expect(dc, base).toContain(`<dc:format>${edition.pages} pages</dc:format>`);
      expect(dc, base).toContain("<dc:creator>国家医疗保障局</dc:creator>");
    }
    // The volume of 2022 has one session, a subject in both records.
    expect(readFileSync(join(work, "a", "records", "compendium-2022.marc.xml"), "utf8")).toContain('<datafield tag="653" ind1=" " ind2="0">\n    <subfield code="a">全国政协十三届五次会议</subfield>');
    expect(readFileSync(join(work, "a", "records", "compendium-2022.dc.xml"), "utf8")).toContain("<dc:subject>全国政协十三届五次会议</dc:subject>");
  });

  it("writes each volume as an EPUB 3 that epubcheck passes, with the volume's letters in its order, no fonts, the same bytes when rebuilt", async () => {
    const volumes = editions.filter((e) => basename(e.file) !== "compendium.pdf");
    expect(volumes.every((e) => e.epub && existsSync(e.epub.file))).toBe(true);
    expect(editions.find((e) => basename(e.file) === "compendium.pdf")?.epub).toBeUndefined();
    const files = volumes.map((e) => e.epub!.file);
    const reports: string[] = [];
    for (let i = 0; i < files.length; i += 2) reports.push(...(await Promise.all(files.slice(i, i + 2).map(epubcheck))));
    reports.forEach((report, i) => expect(report, files[i]).toContain("No errors or warnings detected"));

    const epub = unzipSync(readFileSync(join(work, "a", "compendium-2020.epub")));
    expect(Object.keys(epub)[0]).toBe("mimetype");
    expect(Object.keys(epub).filter((f) => /\.(ttf|otf|woff2?)$/.test(f))).toEqual([]);
    expect(strFromU8(epub["EPUB/package.opf"]!)).toContain("<dc:language>zh-CN</dc:language>");
    const nav = strFromU8(epub["EPUB/nav.xhtml"]!);
    const listed = [...nav.matchAll(/<a href="([^"]+)\.xhtml">第/g)].map((m) => m[1]);
    expect(listed).toEqual(book.letters.filter((l) => l.letter.year === 2020).map((l) => l.anchor));
    const first = book.letters.find((l) => l.letter.year === 2020)!;
    expect(strFromU8(epub[`EPUB/${first.anchor}.xhtml`]!)).toContain(`<h1>${first.letter.parts.heading}</h1>`);
    expect(Buffer.compare(readFileSync(join(work, "a", "compendium-2020.epub")), readFileSync(rebuilt[0]!.epub!.file))).toBe(0);
  });

  it("tags each letter's title H1 and its sections H2, in the printed order", () => {
    const tree = execFileSync("pdfinfo", ["-struct-text", join(work, "a", "compendium.pdf")], { encoding: "utf8" }).split("\n");
    // The first text under each heading element, in the tree's order.
    const headings = tree.flatMap((line, i) => {
      const m = /^\s*(H[12]) \(block\)$/.exec(line);
      const text = m ? tree.slice(i + 1).find((l) => /^\s*"/.test(l))?.trim().slice(1, -1) : undefined;
      return m && text ? [{ level: m[1], text }] : [];
    });
    let at = 0;
    for (const entry of book.letters) {
      const found = headings.findIndex((h, i) => i >= at && h.level === "H1" && entry.letter.parts.heading.startsWith(h.text));
      expect(found, entry.letter.parts.heading).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    const sections = book.letters.reduce((sum, l) => sum + (l.letter.body.match(/^## /gm)?.length ?? 0), 0);
    expect(sections).toBeGreaterThan(2);
    expect(headings.filter((h) => h.level === "H2" && /^[一二三四五六七八九十]/.test(h.text)).length).toBeGreaterThanOrEqual(sections);
  });

  it("embeds the npm serif, subset, once per face, and no other font", () => {
    const lines = execFileSync("pdffonts", [join(work, "a", "compendium.pdf")], { encoding: "utf8" }).trim().split("\n").slice(2);
    const fonts = lines.map((line) => line.split(/\s+/));
    expect(fonts.map((f) => f[0]?.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["NotoSerifSC-Bold", "NotoSerifSC-Regular"]);
    for (const line of lines) {
      expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      expect(line).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it("has nested bookmarks, session then letter, pointing at the letters' pages", async () => {
    const outline = await pdf.getOutline();
    expect(outline.map((item) => item.title)).toEqual(["版本说明", "目录", ...book.sessions.map((s) => s.session.name), "附录　相关文件", "代表委员索引", "会商单位索引"]);
    expect(outline.find((item) => item.title === "附录　相关文件")?.items.map((i) => i.title)).toEqual(book.appendix.map((d) => d.document.title));
    for (const session of book.sessions) {
      const node = outline.find((item) => item.title === session.session.name);
      expect(node?.items.map((i) => i.title)).toEqual(session.letters.map((l) => `${l.letter.shortReference}　${l.letter.title}`));
      for (const [n, child] of (node?.items ?? []).entries()) {
        const dest = child.dest as unknown[];
        const pageIndex = await pdf.getPageIndex(dest[0] as { num: number; gen: number });
        expect(pageIndex + 1).toBe(pageOfTitle(session.letters[n]?.letter.parts.heading ?? ""));
      }
    }
  });

  it("carries the metadata a catalogue needs, with a fixed date", async () => {
    const doc = await PDFDocument.load(readFileSync(join(work, "a", "compendium.pdf")), { updateMetadata: false });
    expect(doc.getTitle()).toBe(book.metadata.title);
    expect(doc.getAuthor()).toBe("国家医疗保障局");
    expect(doc.getSubject()).toContain(`答复${book.letters.length}件`);
    expect(doc.getKeywords()).toContain("人大代表建议");
    expect(doc.getCreationDate()?.toISOString()).toBe(book.metadata.creationDate.toISOString());
    expect(doc.catalog.lookup(PDFName.of("Lang"))?.toString()).toMatch(/zh-CN/);
    expect(doc.catalog.lookup(PDFName.of("StructTreeRoot"))).toBeInstanceOf(PDFDict);
    const info = execFileSync("pdfinfo", [join(work, "a", "compendium.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+594\.9\d? x 841\.9\d? pts \(A4\)/);
  });
});

describe("a volume of several issuers", () => {
  let multiRoot: string;
  let volume: Book;
  let file: string;
  let doc: PDFDocumentProxy;
  let texts: string[];
  let multiLabels: string[];
  const pageOf = (heading: string): number => {
    const found = texts.flatMap((text, i) => (text.includes(heading) ? [i + 1] : []));
    expect(found, heading).toHaveLength(1);
    return found[0] as number;
  };

  beforeAll(async () => {
    multiRoot = writeFixtureArchive();
    const env = { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(work), SOURCE_DATE_EPOCH: "" };
    const [edition] = await renderEditions({ root: multiRoot, siteRoot: PROJECT_ROOT, outDir: join(work, "multi"), years: [2023], quiet: true, env, planCache: false });
    file = edition?.file ?? "";
    volume = planBook(loadArchive(multiRoot).letters, readSiteSettings(PROJECT_ROOT), { year: 2023, agencies: loadAgencies(multiRoot) });
    doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
    texts = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(compact(content.items.map((item) => ("str" in item ? item.str : "")).join("")));
    }
    multiLabels = (await doc.getPageLabels()) ?? [];
  });
  afterAll(async () => {
    await doc?.destroy();
    rmSync(multiRoot, { recursive: true, force: true });
  });

  it("groups the letters by issuer: a divider each, contents and bookmarks issuer → session → letter", async () => {
    expect(volume.issuers.map((i) => i.name)).toEqual(["国家发展和改革委员会", "教育部", "财政部", "生态环境部", "交通运输部", "国家医疗保障局", "中华全国总工会"]);
    // The contents run from their first page to the first issuer's divider.
    const first = volume.issuers[0]!;
    const contents = texts.slice(texts.findIndex((t) => t.includes("目录版本说明")), texts.findIndex((t) => t.startsWith(`${first.name}答复${first.letters.length}件`))).join("");
    expect(contents).toContain("目录版本说明");
    let at = 0;
    for (const issuer of volume.issuers) {
      // The issuer's contents line carries its divider's page, an odd one that shows its name and count.
      const divider = texts.flatMap((t, i) => (t.startsWith(`${issuer.name}答复${issuer.letters.length}件`) ? [i + 1] : []));
      expect(divider, issuer.name).toHaveLength(1);
      expect((divider[0] as number) % 2).toBe(1);
      const listed = contents.indexOf(`${issuer.name}${multiLabels[(divider[0] as number) - 1]}`, at);
      expect(listed, issuer.name).toBeGreaterThan(at);
      at = listed;
      for (const entry of issuer.letters) {
        const page = pageOf(entry.letter.parts.heading);
        expect(page % 2, entry.letter.id).toBe(1);
        expect(page).toBeGreaterThan(divider[0] as number);
        expect(contents).toContain(`${entry.letter.shortReference}${entry.letter.title}${multiLabels[page - 1]}`);
      }
    }
    const outline = await doc.getOutline();
    expect(outline.map((item) => item.title)).toEqual(["版本说明", "目录", ...volume.issuers.map((i) => i.name), "代表委员索引", "会商单位索引"]);
    const jyb = outline.find((item) => item.title === "教育部");
    expect(jyb?.items.map((s) => s.title)).toEqual(["十四届全国人大一次会议"]);
    const letter = jyb?.items[0]?.items[0];
    expect(letter?.title).toBe("第3176号建议　关于加强乡村学校教师队伍建设的建议");
    expect((await doc.getPageIndex((letter?.dest as unknown[])[0] as { num: number; gen: number })) + 1).toBe(pageOf("教育部对十四届全国人大一次会议第3176号建议的答复"));
  });

  it("makes an EPUB of the volume that epubcheck passes, the letters grouped by issuer in its navigation", async () => {
    const epub = join(work, "multi", "compendium-2023.epub");
    expect(await epubcheck(epub)).toContain("No errors or warnings detected");
    const nav = strFromU8(unzipSync(readFileSync(epub))["EPUB/nav.xhtml"]!);
    const order = volume.issuers.map((i) => nav.indexOf(`<li><span>${i.name}</span>`));
    expect(order.every((n) => n > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("names the issuer in the running head, which a letter's first page does not carry", () => {
    expect(volume.letters.find((l) => l.letter.proposalNumber === "6021")?.runningHead).toBe("交通运输部 · 十四届全国人大一次会议 · 第6021号建议");
    for (const entry of volume.letters) {
      const page = pageOf(entry.letter.parts.heading);
      const lines = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"], { encoding: "utf8" }).split("\n").map((l) => l.trim()).filter(Boolean);
      expect(lines.join(""), entry.letter.id).not.toContain(entry.runningHead);
      expect(lines[0], entry.letter.id).toBe(entry.letter.parts.heading.slice(0, lines[0]?.length));
    }
  });

  it("prints a summary under its heading without 文号 or salutation, and a delegation by its name", () => {
    expect(texts[pageOf("关于十四届全国人大一次会议第5012号建议答复的摘要") - 1]).toContain("关于十四届全国人大一次会议第5012号建议答复的摘要该建议提出完善县域商业网点布局");
    expect(texts[pageOf("交通运输部对十四届全国人大一次会议第6021号建议的答复") - 1]).toContain("交办建议〔2023〕88号青海代表团：你们提出的");
  });

  it("prints 公开, 抄送 and contact after the date, and the co-handling reply with its page", () => {
    const jyb = texts[pageOf("教育部对十四届全国人大一次会议第3176号建议的答复") - 1] ?? "";
    const cofinance = pageOf("财政部对十四届全国人大一次会议第3176号建议的答复");
    expect(jyb).toContain(
      `2023年7月12日（主动公开）抄送：全国人大常委会办公厅联络局，国务院办公厅督查室联系人：郑明远，联系单位：教育部教师工作司同一建议的其他答复：财政部答复（财教函〔2023〕41号），第${multiLabels[cofinance - 1]}页`,
    );
    expect(texts.join("")).not.toContain("010-55550123");
  });
});

describe("a volume reprinted after an edit", () => {
  it("measures only the parts whose text changed, and prints the bytes a cold print gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fuwen-print-edit-"));
    const env = { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(dir), SOURCE_DATE_EPOCH: "" };
    const session = new BrowserSession(env);
    try {
      const volumeOf = (archiveRoot: string) => {
        const archive = loadArchive(archiveRoot);
        return planBook(archive.letters.filter((l) => l.year === 2020), readSiteSettings(archiveRoot), { documents: archive.documents, agencies: loadAgencies(archiveRoot) });
      };
      const planCache = join(dir, "lengths");
      const passes = (events: PassEvent[]) => events.filter((e) => e.state === "done").map((e) => [e.pass, e.pages]);
      const first: PassEvent[] = [];
      const before = await renderBook(session, volumeOf(root), { planCache, onPass: (e) => first.push(e) });
      expect(passes(first)).toEqual([[1, expect.any(Number)], [2, before.pages]]);

      // One reply reworded: its letter file (whose digest the colophon prints) changes, no other part.
      const edited = join(dir, "archive");
      cpSync(root, edited, { recursive: true });
      const file = join(edited, "letters", "2020", "ybh-2020-901.md");
      writeFileSync(file, readFileSync(file, "utf8").replace("。", "（经核实）。"));
      const book = volumeOf(edited);
      const second: PassEvent[] = [];
      const after = await renderBook(session, book, { planCache, onPass: (e) => second.push(e) });
      const letterPages = after.plan.lengths.get(book.letters.find((l) => l.letter.id.endsWith("901"))!.anchor)!;
      const colophonPages = after.plan.lengths.get(ANCHORS.colophon)!;
      // The measuring print held the reworded letter and the colophon, nothing else.
      expect(passes(second)).toEqual([[1, letterPages + colophonPages], [2, after.pages]]);

      const cold = await renderBook(session, book, {});
      expect(cold.passes).toBe(2);
      expect(Buffer.compare(Buffer.from(after.bytes), Buffer.from(cold.bytes))).toBe(0);
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** epubcheck's report (Debian's package; its launcher needs binfmt, so through java -jar). */
function epubcheck(file: string): Promise<string> {
  return new Promise((done) => execFile("java", ["-jar", "/usr/share/java/epubcheck.jar", file], { encoding: "utf8" }, (error, stdout, stderr) => done(`${error ? `exit ${String(error.code)}\n` : ""}${stdout}${stderr}`)));
}

async function labelsOf(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
  try {
    return (await doc.getPageLabels()) ?? [];
  } finally {
    await doc.destroy();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
