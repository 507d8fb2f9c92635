/**
 * Chromium adapter: prints the print document with page.pdf(), reads back where every
 * part landed, and prints again with real page numbers and blank versos until the
 * rendering keeps to the plan (normally two passes).
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { writeFileAtomicAsync } from "../atomic.ts";
import { launchChromium } from "../chromium.ts";
import type { Book } from "./book.ts";
import { ANCHORS, bookBlocks, FONT_FAMILY, printDocument, type FontFiles } from "./document.ts";
import { asMeasurement, finishPdf, readBack } from "./finish.ts";
import { codePointsByGlyph } from "./font-cmap.ts";
import { documentCodePoints, subsetFont } from "./subset.ts";
import { blockLengths, departures, planPages, type PagePlan } from "./pagination.ts";

const MAX_PASSES = 4;

/** The parts after the letters whose length depends on the page numbers they list. */
const INDEX_ANCHORS: ReadonlySet<string> = new Set([ANCHORS.people, ANCHORS.agencies]);

/** The full Noto Serif SC faces shipped through npm: the edition never depends on system fonts. */
export function fontFiles(): FontFiles {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@expo-google-fonts/noto-serif-sc/package.json"));
  return {
    regular: pathToFileURL(join(root, "400Regular", "NotoSerifSC_400Regular.ttf")).href,
    bold: pathToFileURL(join(root, "700Bold", "NotoSerifSC_700Bold.ttf")).href,
  };
}

let iccProfile: Promise<Uint8Array> | undefined;

/** sRGB IEC61966-2.1 (the ICC's sRGB2014 v2 profile, free to embed): the editions' PDF/A output intent. */
export function outputProfile(): Promise<Uint8Array> {
  iccProfile ??= readFile(fileURLToPath(new URL("./sRGB2014.icc", import.meta.url))).then((b) => new Uint8Array(b));
  return iccProfile;
}

/**
 * What the print document names its faces: files beside it, cut for each edition from
 * fontFiles() (see subset.ts). Relative, so the document is the same in any directory.
 */
export const PRINT_FONTS: FontFiles = { regular: "regular.ttf", bold: "bold.ttf" };

let fullFaces: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/**
 * Writes the book's faces beside its print document and returns, for each, glyph → code points
 * keyed by the PostScript name Chromium embeds it under (finish.ts repairs the text layer with them).
 */
async function writeBookFonts(workDir: string, html: string): Promise<Map<string, Map<number, number[]>>> {
  const fonts = fontFiles();
  fullFaces ??= Promise.all([readFile(fileURLToPath(fonts.regular)), readFile(fileURLToPath(fonts.bold))]).then(([regular, bold]) => ({ regular, bold }));
  const full = await fullFaces;
  const points = documentCodePoints(html);
  const glyphs = new Map<string, Map<number, number[]>>();
  const faces: [string, Uint8Array, string][] = [["NotoSerifSC-Regular", full.regular, PRINT_FONTS.regular], ["NotoSerifSC-Bold", full.bold, PRINT_FONTS.bold]];
  for (const [name, bytes, file] of faces) {
    const cut = subsetFont(bytes, points);
    await writeFile(join(workDir, file), cut);
    glyphs.set(name, codePointsByGlyph(cut));
  }
  return glyphs;
}

export interface PassEvent {
  book: Book;
  /** 1 = measuring pass; 2 and later print with page numbers. */
  pass: number;
  state: "start" | "done";
  pages?: number;
}

export interface StepTimes {
  /** Per pass: loading the document (HTML, fonts, layout), page.pdf(), reading the PDF back. */
  passes: { loadMs: number; printMs: number; readMs: number }[];
  /** Printing the indexes alone after the measuring pass. */
  indexProofMs: number;
  finishMs: number;
}

export interface RenderedBook {
  bytes: Uint8Array;
  pages: number;
  plan: PagePlan;
  passes: number;
  times: StepTimes;
}

/**
 * One Chromium for a run of editions, restarted after each pass of a large book: a closed
 * tab's renderer can keep its memory, and at 1,000 letters the second pass then sat on top
 * of the first. Small books share the browser (a start costs seconds, fonts included).
 */
export class BrowserSession {
  private current?: Promise<Browser>;

  constructor(private readonly env?: NodeJS.ProcessEnv) {}

  browser(): Promise<Browser> {
    // page.pdf() of a 1,000-letter volume runs for minutes on a busy 2-core machine.
    this.current ??= launchChromium({ env: this.env, protocolTimeoutMs: 30 * 60_000 });
    return this.current;
  }

  async restart(): Promise<void> {
    const running = this.current;
    this.current = undefined;
    if (running) await (await running).close();
  }

  close(): Promise<void> {
    return this.restart();
  }
}

/** Books with more letters than this get a fresh browser for every pass. */
const FRESH_BROWSER_ABOVE = 150;

export interface RenderOptions {
  onPass?: (event: PassEvent) => void;
  /**
   * Directory remembering each part's length from earlier runs, keyed by the measuring
   * document and the Chromium version: an unchanged edition then prints in one pass.
   * Safe when stale: the printed pass is checked against the plan as always.
   */
  planCache?: string;
}

export async function renderBook(session: BrowserSession, book: Book, options: RenderOptions = {}): Promise<RenderedBook> {
  const { onPass } = options;
  const fonts = PRINT_FONTS;
  const blocks = bookBlocks(book);
  const workDir = await mkdtemp(join(tmpdir(), "fuwen-print-"));
  const times: StepTimes = { passes: [], indexProofMs: 0, finishMs: 0 };
  const printAndRead = async (html: string, tagged: boolean) => {
    const printed = await printHtml(await session.browser(), workDir, html, tagged);
    if (book.letters.length > FRESH_BROWSER_ABOVE) await session.restart();
    const started = performance.now();
    const result = await readBack(printed.pdf);
    times.passes.push({ loadMs: printed.loadMs, printMs: printed.printMs, readMs: performance.now() - started });
    return result;
  };
  try {
    onPass?.({ book, pass: 1, state: "start" });
    // Tagging does not change the layout and costs time: the measuring pass goes without.
    // A function of its own, so the measuring pass's PDF is garbage once the plan is made.
    const measuringHtml = printDocument(book, fonts);
    // The printed passes hold the same characters but for page numbers (ASCII, always kept).
    const glyphs = await writeBookFonts(workDir, measuringHtml);
    const cacheFile = options.planCache
      ? join(options.planCache, `${createHash("sha256").update(await (await session.browser()).version()).update(measuringHtml).digest("hex").slice(0, 32)}.json`)
      : undefined;
    const measureFirst = async (): Promise<PagePlan> => {
      const remembered = cacheFile ? await readLengths(cacheFile) : undefined;
      if (remembered && blocks.every((b) => remembered.has(b.anchor))) {
        onPass?.({ book, pass: 1, state: "done" });
        return planPages(blocks, remembered);
      }
      const first = await printAndRead(measuringHtml, false);
      onPass?.({ book, pass: 1, state: "done", pages: first.totalPages });
      const measured = planPages(blocks, blockLengths(blocks, asMeasurement(first, new Set())));
      // The indexes are nearly all page numbers, "000" while measuring, and wrap differently
      // with the real ones: at 300 letters the people index printed a page shorter, which
      // moved the agencies index and cost a third pass of the whole book. Measured again
      // alone with the planned numbers (a few pages), they keep to the plan.
      const trailing = blocks.filter((b) => INDEX_ANCHORS.has(b.anchor));
      const started = performance.now();
      const proof = await printHtml(await session.browser(), workDir, printDocument(book, fonts, measured, INDEX_ANCHORS), false);
      const lengths = blockLengths(trailing, asMeasurement(await readBack(proof.pdf), measured.blanksBefore));
      times.indexProofMs = performance.now() - started;
      return planPages(blocks, new Map([...measured.lengths, ...lengths]));
    };
    let plan = await measureFirst();

    for (let pass = 2; pass <= MAX_PASSES; pass++) {
      onPass?.({ book, pass, state: "start" });
      const html = printDocument(book, fonts, plan);
      const printed = await printAndRead(html, true);
      onPass?.({ book, pass, state: "done", pages: printed.totalPages });
      const measured = asMeasurement(printed, plan.blanksBefore);
      const off = departures(blocks, plan, measured);
      if (off.length === 0) {
        const started = performance.now();
        const bytes = await finishPdf(printed, book, plan, {
          glyphs, icc: await outputProfile(), fingerprint: createHash("sha256").update(html).digest("hex"),
        });
        times.finishMs = performance.now() - started;
        if (cacheFile) await writeLengths(cacheFile, plan.lengths);
        return { bytes, pages: printed.totalPages, plan, passes: times.passes.length, times };
      }
      if (pass === MAX_PASSES) {
        throw new Error(`page numbers did not settle after ${pass} passes: ${off.slice(0, 5).join("; ")}`);
      }
      plan = planPages(blocks, blockLengths(blocks, measured));
    }
    throw new Error("unreachable");
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function readLengths(file: string): Promise<Map<string, number> | undefined> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Record<string, number>;
    return new Map(Object.entries(data).filter(([, n]) => Number.isInteger(n) && n > 0));
  } catch {
    return undefined;
  }
}

async function writeLengths(file: string, lengths: Map<string, number>): Promise<void> {
  await writeFileAtomicAsync(file, JSON.stringify(Object.fromEntries(lengths)));
}

/** One page.pdf() of one HTML document, in a tab of its own. */
async function printHtml(
  browser: Browser,
  workDir: string,
  html: string,
  tagged: boolean,
): Promise<{ pdf: Uint8Array; loadMs: number; printMs: number }> {
  const file = join(workDir, "edition.html");
  await writeFile(file, html);
  const started = performance.now();
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 0 });
    const faces = await page.evaluate(async (family) => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replace(/"/g, "") === family).map((f) => `${f.weight}:${f.status}`);
    }, FONT_FAMILY);
    const broken = faces.filter((face) => !face.endsWith(":loaded"));
    if (faces.length === 0 || broken.length) {
      throw new Error(`the print font did not load (${faces.join(", ") || "no faces"}): is @expo-google-fonts/noto-serif-sc installed?`);
    }
    const loaded = performance.now();
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged,
      outline: false,
      timeout: 0,
    });
    return { pdf, loadMs: loaded - started, printMs: performance.now() - loaded };
  } finally {
    await page.close();
  }
}
