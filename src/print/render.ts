/**
 * Chromium adapter: prints the print document with page.pdf(), reads back where every
 * part landed, and prints again with real page numbers and blank versos until the
 * rendering keeps to the plan (normally two passes).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer, { type Browser } from "puppeteer";
import type { Book } from "./book.ts";
import { bookBlocks, FONT_FAMILY, printDocument, type FontFiles } from "./document.ts";
import { asMeasurement, finishPdf, readBack } from "./finish.ts";
import { codePointsByGlyph } from "./font-cmap.ts";
import { blockLengths, departures, planPages, type PagePlan } from "./pagination.ts";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--allow-file-access-from-files",
];

const MAX_PASSES = 4;

/** The full Noto Serif SC faces shipped through npm: the edition never depends on system fonts. */
export function fontFiles(): FontFiles {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@expo-google-fonts/noto-serif-sc/package.json"));
  return {
    regular: pathToFileURL(join(root, "400Regular", "NotoSerifSC_400Regular.ttf")).href,
    bold: pathToFileURL(join(root, "700Bold", "NotoSerifSC_700Bold.ttf")).href,
  };
}

let glyphMaps: Promise<Map<string, Map<number, number[]>>> | undefined;

/** Glyph → code points of each print face, keyed by the PostScript name Chromium embeds it under. */
export function printFontGlyphs(): Promise<Map<string, Map<number, number[]>>> {
  glyphMaps ??= (async () => {
    const fonts = fontFiles();
    const faces: [string, string][] = [["NotoSerifSC-Regular", fonts.regular], ["NotoSerifSC-Bold", fonts.bold]];
    const maps = new Map<string, Map<number, number[]>>();
    for (const [name, url] of faces) maps.set(name, codePointsByGlyph(await readFile(fileURLToPath(url))));
    return maps;
  })();
  return glyphMaps;
}

export interface PassEvent {
  book: Book;
  /** 1 = measuring pass; 2 and later print with page numbers. */
  pass: number;
  state: "start" | "done";
  pages?: number;
}

export interface RenderedBook {
  bytes: Uint8Array;
  pages: number;
  plan: PagePlan;
  passes: number;
}

export async function launchBrowser(env?: NodeJS.ProcessEnv): Promise<Browser> {
  try {
    return await puppeteer.launch({ headless: true, args: CHROMIUM_ARGS, env: env ?? process.env });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `cannot start Chromium for the PDF edition (${reason}). Install one: on Debian/Ubuntu \`apt-get install chromium\`, ` +
        "or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary, or run `npx puppeteer browsers install chrome`.",
    );
  }
}

export async function renderBook(browser: Browser, book: Book, onPass?: (event: PassEvent) => void): Promise<RenderedBook> {
  const fonts = fontFiles();
  const blocks = bookBlocks(book);
  const workDir = await mkdtemp(join(tmpdir(), "fuwen-print-"));
  try {
    onPass?.({ book, pass: 1, state: "start" });
    // Tagging does not change the layout and costs time: the measuring pass goes without.
    let measured = await readBack(await printHtml(browser, workDir, printDocument(book, fonts), false));
    onPass?.({ book, pass: 1, state: "done", pages: measured.totalPages });
    let plan = planPages(blocks, blockLengths(blocks, asMeasurement(measured, new Set())));

    for (let pass = 2; pass <= MAX_PASSES; pass++) {
      onPass?.({ book, pass, state: "start" });
      measured = await readBack(await printHtml(browser, workDir, printDocument(book, fonts, plan), true));
      onPass?.({ book, pass, state: "done", pages: measured.totalPages });
      const off = departures(blocks, plan, asMeasurement(measured, plan.blanksBefore));
      if (off.length === 0) {
        return { bytes: await finishPdf(measured, book, await printFontGlyphs()), pages: measured.totalPages, plan, passes: pass };
      }
      if (pass === MAX_PASSES) {
        throw new Error(`page numbers did not settle after ${pass} passes: ${off.slice(0, 5).join("; ")}`);
      }
      plan = planPages(blocks, blockLengths(blocks, asMeasurement(measured, plan.blanksBefore)));
    }
    throw new Error("unreachable");
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One page.pdf() of one HTML document, in a fresh tab that is closed afterwards to free its memory. */
async function printHtml(browser: Browser, workDir: string, html: string, tagged: boolean): Promise<Uint8Array> {
  const file = join(workDir, "edition.html");
  await writeFile(file, html);
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
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged,
      outline: false,
      timeout: 0,
    });
    return pdf;
  } finally {
    await page.close();
  }
}
