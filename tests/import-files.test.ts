/**
 * One inbox holding every kind of file an archivist has, imported as a folder through the
 * command line: a saved ministry web page, a .docx, a GB/T 9704 PDF, a compendium PDF of three
 * replies, a plain text; and files to refuse: a scanned PDF, a Word 97 .doc, a ZIP, an image.
 * The good ones give the same letters as their plain-text truth (examples/genre), with their
 * format and a PDF's pages in `source`; the bad ones are named, and nothing is written for them.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { importText } from "../src/import/text.ts";
import { parseLetterFile } from "../src/model/letter-file.ts";
import { buildDocx, buildOle, paragraphsFromText } from "./fixtures/docx.ts";
import { blocksOf, startPdfMaker } from "./fixtures/pdf.ts";
import { ministryPage, pageBytes, replyLines, SITES } from "./fixtures/web-pages.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const genre = join(PROJECT_ROOT, "examples", "genre");
const plain = (name: string) => readFileSync(join(genre, name), "utf8");
const work = mkdtempSync(join(tmpdir(), "fuwen-import-files-"));
const inbox = join(work, "inbox");
const out = join(work, "letters");
let run: SpawnSyncReturns<string>;
/** The pages the fixture laid each PDF reply on: the truth for `source.pages`. */
let federationPages: { first: number; last: number };
let compendiumPages: { first: number; last: number }[];

beforeAll(async () => {
  mkdirSync(join(inbox, "scans"), { recursive: true });
  writeFileSync(join(inbox, "glued.txt"), plain("glued.txt"));
  const joint = replyLines(plain("joint.txt"));
  writeFileSync(join(inbox, "joint.html"), pageBytes(ministryPage({ site: SITES.moa, charset: { name: "gb2312", as: "meta" }, heading: joint[1]!, content: joint, published: "2024-07-08", fontControl: "in-content" }), "gb2312"));
  writeFileSync(join(inbox, "party.docx"), buildDocx({ body: paragraphsFromText(plain("party.txt")), footerPageField: true }));
  const maker = await startPdfMaker(work);
  try {
    const federation = await maker.render({ replies: [{ blocks: blocksOf(plain("federation.txt")), runningHead: "国家市场监督管理总局" }] });
    writeFileSync(join(inbox, "federation.pdf"), federation.pdf);
    federationPages = federation.ranges[0]!;
    const compendium = await maker.render({ cover: ["2023年建议提案答复选编"], replies: ["delegation.txt", "zhigong.txt", "signed.txt"].map((name) => ({ blocks: blocksOf(plain(name)) })) });
    writeFileSync(join(inbox, "compendium.pdf"), compendium.pdf);
    compendiumPages = compendium.ranges;
    writeFileSync(join(inbox, "scans", "code-only.pdf"), (await maker.scan({ replies: [{ blocks: blocksOf(plain("code-only.txt")) }] })).pdf);
  } finally {
    await maker.close();
  }
  writeFileSync(join(inbox, "old.doc"), buildOle(["WordDocument", "1Table"]));
  writeFileSync(join(inbox, "replies.zip"), zipSync({ "a.txt": strToU8("x") }));
  writeFileSync(join(inbox, "scans", "photo.jpg"), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
  run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--out", out, "--report", join(work, "report.txt"), inbox], { cwd: PROJECT_ROOT, encoding: "utf8" });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The letter files written, by their source file name (a compendium's by file and first page). */
function written(): Map<string, { data: Record<string, unknown>; body: string }> {
  const files = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith(".md"));
  return new Map(files.map((file) => {
    const parsed = parseLetterFile(readFileSync(join(out, file), "utf8"));
    const data = parsed.data as Record<string, unknown> & { source: { file: string; pages?: { first: number } } };
    // The file ends with a line break after the body.
    return [`${data.source.file}${data.source.pages ? `@${data.source.pages.first}` : ""}`, { data, body: parsed.body.replace(/\n$/u, "") }];
  }));
}

/** What the plain text imports to, without its source. */
function truth(name: string) {
  const outcome = importText({ text: plain(name), source: { file: name, sha256: "0".repeat(64) }, catalogue: loadCatalogue(PROJECT_ROOT), agencies: loadAgencies(PROJECT_ROOT) });
  if (outcome.kind !== "letter") throw new Error(`${name} does not import`);
  const { source: _source, ...data } = outcome.data;
  return { data, body: outcome.body };
}

describe("a folder of every format", () => {
  it("imports the readable files, one letter per reply of the compendium, and refuses the rest by name (exit 1)", () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain("imported           7\nunchanged          0\nneeds review       2\nrefused            4\n");
    // The per-file lines come first, before the summary repeats what needs attention.
    const perFile = run.stdout.slice(0, run.stdout.indexOf("\n\n")).split("\n");
    expect(perFile).toHaveLength(11);
    const refusals = perFile.filter((line) => line.startsWith("✗ ")).map((line) => line.replace(`${inbox}/`, ""));
    expect(refusals).toEqual([
      "✗ old.doc: a Word 97–2003 document (.doc), which Fuwen does not read: save it as .docx in Word or WPS Office (or convert it: libreoffice --headless --convert-to docx FILE), then import the .docx; nothing written",
      "✗ replies.zip: a ZIP archive of 1 file(s), not a Word document: unpack it and import its files (npm run import -- FOLDER); nothing written",
      "✗ scans/code-only.pdf: a scanned PDF with no text layer (1 page of images): run OCR first (for example ocrmypdf -l chi_sim FILE out.pdf), then import the result; nothing written",
      "✗ scans/photo.jpg: a JPEG image (a photo or scan of the letter): run OCR on it first (for example ocrmypdf -l chi_sim FILE out.pdf for a PDF, or tesseract FILE out -l chi_sim for an image), then import the result; nothing written",
    ]);
  });

  it("gives each readable file the fields and body of its plain-text truth, and its format and pages as provenance", () => {
    const letters = written();
    const cases: [key: string, truthName: string, format: string | undefined, pages?: { first: number; last: number }][] = [
      ["glued.txt", "glued.txt", undefined],
      ["joint.html", "joint.txt", "html"],
      ["party.docx", "party.txt", "docx"],
      ["federation.pdf@1", "federation.txt", "pdf", federationPages],
    ];
    for (const [key, name, format, pages] of cases) {
      const letter = letters.get(key);
      expect(letter, key).toBeDefined();
      const { source, ...data } = letter!.data as { source: Record<string, unknown> };
      expect({ key, data, body: letter!.body }).toEqual({ key, ...truth(name) });
      expect(source.format).toBe(format);
      expect(source.pages).toEqual(pages);
    }
    const compendium = compendiumPages.map((pages) => letters.get(`compendium.pdf@${pages.first}`));
    expect(compendium.map((letter) => (letter?.data.source as { pages?: unknown } | undefined)?.pages)).toEqual(compendiumPages);
    expect(compendium.map((letter) => letter!.body)).toEqual(["delegation.txt", "zhigong.txt", "signed.txt"].map((name) => truth(name).body));
    expect(compendium.map((letter) => letter!.data.docNumber)).toEqual(["交建议〔2023〕58号", "商建函〔2024〕301号", "文旅提字〔2024〕66号"]);
  });

  it("imported again, every format gives the same bytes: all unchanged", () => {
    const before = readdirSync(out, { recursive: true }).map(String).sort().map((f) => [f, f.endsWith(".md") ? readFileSync(join(out, f), "utf8") : ""]);
    const again = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--out", out, "--report", join(work, "report-2.txt"), inbox], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(again.stdout).toContain("imported           0\nunchanged          7\n");
    const after = readdirSync(out, { recursive: true }).map(String).sort().map((f) => [f, f.endsWith(".md") ? readFileSync(join(out, f), "utf8") : ""]);
    expect(after).toEqual(before);
  });
});
