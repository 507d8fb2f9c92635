/**
 * Chromium adapter: prints the print document with page.pdf(), reads back where every
 * part landed, and prints again with real page numbers and blank versos until the
 * rendering keeps to the plan (normally two passes).
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer";
import { writeFileAtomicAsync } from "../atomic.ts";
import { launchChromium } from "../chromium.ts";
import type { Book } from "./book.ts";
import { ANCHORS, bookBlocks, FONT_FAMILY, layoutStyles, measuringParts, printDocument, type FontFiles } from "./document.ts";
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
 * One Chromium for a run of editions, restarted after each large book: a closed tab's
 * renderer can keep its memory. Small books share the browser (a start costs about a second).
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

/** Books with more letters than this leave a fresh browser to the next. */
const FRESH_BROWSER_ABOVE = 150;

export interface RenderOptions {
  onPass?: (event: PassEvent) => void;
  /**
   * Directory remembering the length of every part printed before (PartLengths): a part of
   * known length is not measured again, so an unchanged edition prints in one pass and an
   * edited one measures only its changed parts.
   */
  planCache?: string;
}

export async function renderBook(session: BrowserSession, book: Book, options: RenderOptions = {}): Promise<RenderedBook> {
  const { onPass } = options;
  const fonts = PRINT_FONTS;
  const blocks = bookBlocks(book);
  const workDir = await mkdtemp(join(tmpdir(), "fuwen-print-"));
  // One tab for the book's measuring prints: a new one costs 0.2–0.3 s a print. The passes of
  // a 339-letter volume peak at 1.0 GB with or without a fresh Chromium for each.
  let tab: Page | undefined;
  let prints = 0;
  const print = async (html: string, tagged: boolean) => {
    // A printed pass gets a fresh tab: its structure tree names elements by the renderer's DOM
    // node ids, which a used tab has counted further (node00000043 instead of node00000041).
    if (tagged) await tab?.close().then(() => (tab = undefined));
    tab ??= await (await session.browser()).newPage();
    return printHtml(tab, join(workDir, `pass-${++prints}.html`), html, tagged);
  };
  const times: StepTimes = { passes: [], indexProofMs: 0, finishMs: 0 };
  const printAndRead = async (html: string, tagged: boolean) => {
    const printed = await print(html, tagged);
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
    const memory = options.planCache ? new PartLengths(options.planCache, book, await (await session.browser()).version()) : undefined;
    const measureFirst = async (): Promise<PagePlan> => {
      // Parts of known length: the fixed ones and those printed before, in any edition.
      const remembered = (await memory?.recall()) ?? new Map<string, number>();
      const known = new Map(blocks.flatMap((b) => {
        const length = b.fixedLength ?? remembered.get(b.anchor);
        return length === undefined ? [] : [[b.anchor, length] as const];
      }));
      const unknown = blocks.filter((b) => !known.has(b.anchor));
      if (unknown.length === 0) {
        onPass?.({ book, pass: 1, state: "done" });
        return planPages(blocks, known);
      }
      // Only the parts of unknown length are printed to measure them (all of them in a first
      // run): one reworded letter of a 330-letter volume then costs a print of that letter,
      // not of the volume.
      const whole = unknown.length === blocks.filter((b) => b.fixedLength === undefined).length;
      const first = await printAndRead(whole ? measuringHtml : printDocument(book, fonts, undefined, new Set(unknown.map((b) => b.anchor))), false);
      onPass?.({ book, pass: 1, state: "done", pages: first.totalPages });
      const measured = planPages(blocks, new Map([...known, ...blockLengths(whole ? blocks : unknown, asMeasurement(first, new Set()))]));
      // The indexes are nearly all page numbers, "000" while measuring, and wrap differently
      // with the real ones: at 300 letters the people index printed a page shorter, which
      // moved the agencies index and cost a third pass of the whole book. Measured again
      // alone with the planned numbers (a few pages), they keep to the plan.
      const trailing = unknown.filter((b) => INDEX_ANCHORS.has(b.anchor));
      if (trailing.length === 0) return measured;
      const started = performance.now();
      const proof = await print(printDocument(book, fonts, measured, new Set(trailing.map((b) => b.anchor))), false);
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
        await memory?.remember(plan.lengths);
        return { bytes, pages: printed.totalPages, plan, passes: times.passes.length, times };
      }
      if (pass === MAX_PASSES) {
        throw new Error(`page numbers did not settle after ${pass} passes: ${off.slice(0, 5).join("; ")}`);
      }
      plan = planPages(blocks, blockLengths(blocks, measured));
    }
    throw new Error("unreachable");
  } finally {
    await tab?.close();
    if (book.letters.length > FRESH_BROWSER_ABOVE) await session.restart();
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The lengths of printed parts, by part: a part lays out alone as in any book (each starts a
 * page, and the text block is as wide on either hand), so its length follows from its HTML,
 * the layout styles and the Chromium version, hashed into its key. One file per edition
 * (written whole, by rename, so two printing workers never clash), all of them read.
 * Safe when stale: a printed pass is checked against its plan as always.
 */
class PartLengths {
  private readonly keys: Map<string, string>;

  constructor(private readonly dir: string, private readonly book: Book, chromiumVersion: string) {
    const layout = createHash("sha256").update(chromiumVersion).update(layoutStyles(book, PRINT_FONTS)).digest("hex");
    this.keys = new Map([...measuringParts(book)].map(([anchor, html]) => [anchor, createHash("sha256").update(layout).update(html).digest("hex").slice(0, 32)]));
  }

  /** Remembered lengths of this book's parts, by anchor. */
  async recall(): Promise<Map<string, number>> {
    const byKey = new Map<string, number>();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!name.endsWith(LENGTHS_SUFFIX)) continue;
      try {
        for (const [key, n] of Object.entries(JSON.parse(await readFile(join(this.dir, name), "utf8")) as Record<string, unknown>)) {
          if (typeof n === "number" && Number.isInteger(n) && n > 0) byKey.set(key, n);
        }
      } catch {
        // Written by rename, so whole; unreadable only if damaged: measured again.
      }
    }
    const lengths = new Map<string, number>();
    for (const [anchor, key] of this.keys) {
      const n = byKey.get(key);
      if (n !== undefined) lengths.set(anchor, n);
    }
    return lengths;
  }

  /** Keeps the lengths of this book's parts as printed, in its edition's file. */
  async remember(lengths: ReadonlyMap<string, number>): Promise<void> {
    const byKey: Record<string, number> = {};
    for (const [anchor, key] of this.keys) {
      const n = lengths.get(anchor);
      if (n !== undefined) byKey[key] = n;
    }
    await writeFileAtomicAsync(join(this.dir, lengthsFile(this.book.fileName)), JSON.stringify(byKey));
  }
}

const LENGTHS_SUFFIX = ".lengths.json";

/** An edition's file of part lengths in the plan cache. */
export function lengthsFile(editionFile: string): string {
  return editionFile.replace(/\.pdf$/u, "") + LENGTHS_SUFFIX;
}

/** One page.pdf() of one HTML document (written to `file`, beside the fonts). */
async function printHtml(
  page: Page,
  file: string,
  html: string,
  tagged: boolean,
): Promise<{ pdf: Uint8Array; loadMs: number; printMs: number }> {
  await writeFile(file, html);
  const started = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 0 });
  // Loaded by hand: the document is not laid out on screen, so nothing asks for them.
  const faces = await page.evaluate(async (family) => {
    const ours = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === family);
    await Promise.allSettled(ours.map((f) => f.load()));
    return ours.map((f) => `${f.weight}:${f.status}`);
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
}
