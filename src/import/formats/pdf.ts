/**
 * A PDF with a text layer to the texts of the replies in it. pdf.js (the legacy build, which runs
 * in Node) reads each page's text pieces with their positions; pdf-layout.ts, pure, rebuilds
 * lines, drops furniture, rebuilds paragraphs and splits a compendium into its replies. This
 * module only opens the file, says why it cannot when it cannot (encrypted, damaged, a scan),
 * and looks at a page's drawing operators where the text alone cannot tell: whether a page with
 * no text is an image, and which text is red (the 版头).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, OPS, Util, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Extraction } from "./extracted.ts";
import { layoutPages, MIN_PAGE_CHARS, type PdfPage, type PositionedText } from "./pdf-layout.ts";

export const PDF_ENCRYPTED = "the PDF is encrypted (password protected): open it, save an unprotected copy, and import that";
const DAMAGED_WAY = "open it in a PDF reader and save or print it to a new PDF, or fetch the file again, then import that";
export const pdfDamaged = (why: string, way = DAMAGED_WAY): string => `the PDF is damaged (${why}): ${way}`;

const require = createRequire(import.meta.url);
const PDFJS = dirname(require.resolve("pdfjs-dist/package.json"));

/** Where the `%PDF-` header and the `%%EOF` marker are looked for (readers allow junk around them). */
const HEADER_WINDOW = 1024;
const TRAILER_WINDOW = 2048;

export async function readPdf(bytes: Uint8Array): Promise<Extraction> {
  if (indexOf(bytes.subarray(0, HEADER_WINDOW), "%PDF-") < 0) return { ok: false, reason: "not a PDF: the file does not begin with %PDF-" };
  // A download cut short is the usual damage; pdf.js would rebuild what is left and read part of the letter.
  if (indexOf(bytes.subarray(Math.max(0, bytes.length - TRAILER_WINDOW)), "%%EOF") < 0) {
    const why = `it ends after ${bytes.length.toLocaleString("en")} bytes without the %%EOF marker: the file was cut short`;
    return { ok: false, reason: pdfDamaged(why, "download or copy it again from where it came from, then import that") };
  }

  let pdf: PDFDocumentProxy;
  try {
    pdf = await getDocument({
      // pdf.js may transfer the buffer it is given: a copy keeps the caller's bytes (a Buffer's slice() would not copy).
      data: new Uint8Array(bytes),
      cMapUrl: join(PDFJS, "cmaps") + "/",
      cMapPacked: true,
      standardFontDataUrl: join(PDFJS, "standard_fonts") + "/",
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    return { ok: false, reason: openingFailure(error) };
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        pages.push(await readPage(page));
        page.cleanup();
      } catch (error) {
        return { ok: false, reason: pdfDamaged(`pdf.js cannot read page ${n} of ${pdf.numPages}: ${message(error)}`) };
      }
    }
    return wrap(layoutPages(pages));
  } finally {
    await pdf.destroy();
  }
}

function wrap(layout: ReturnType<typeof layoutPages>): Extraction {
  return layout.ok ? { ok: true, format: "pdf", parts: layout.parts } : layout;
}

function openingFailure(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === "PasswordException") return PDF_ENCRYPTED;
  return pdfDamaged(`pdf.js: ${message(error)}`);
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();

async function readPage(page: PDFPageProxy): Promise<PdfPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PositionedText[] = [];
  for (const item of content.items) {
    if (!("str" in item) || !item.str) continue;
    // Into the page's top-down coordinates (the viewport applies the crop box and /Rotate).
    const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform) as number[];
    // Text on a slant or vertical (a seal's ring, a stamp) is not the letter's lines.
    if (Math.abs(b!) > 0.1 * Math.abs(a!) || a! <= 0) continue;
    const size = Math.hypot(c!, d!);
    items.push({ str: item.str, x: e!, y: f!, width: item.width, size });
  }
  const result: PdfPage = { number: page.pageNumber, width: viewport.width, height: viewport.height, items };
  const chars = items.reduce((n, item) => n + item.str.replace(/\s+/gu, "").length, 0);
  // The operators are read only where they decide something: a page with (almost) no text, and
  // a page whose top holds text larger than its body (a reply's first page, with its 版头).
  if (chars < MIN_PAGE_CHARS || hasLargeTextAtTop(items, viewport.height)) Object.assign(result, await drawing(page));
  return result;
}

function hasLargeTextAtTop(items: PositionedText[], height: number): boolean {
  const sizes = items.map((item) => item.size).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  return items.some((item) => item.y < 0.35 * height && item.size > 1.2 * median);
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintSolidColorImageMask]);
const TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);

/** Images painted, and the text drawn while the fill colour is red (pdf.js gives fill colours as #rrggbb). */
async function drawing(page: PDFPageProxy): Promise<{ images: number; red: string[] }> {
  const list = await page.getOperatorList();
  let images = 0;
  const red: string[] = [];
  const stack: string[] = [];
  let fill = "#000000";
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    if (IMAGE_OPS.has(fn)) images++;
    else if (fn === OPS.save) stack.push(fill);
    else if (fn === OPS.restore) fill = stack.pop() ?? fill;
    else if (fn === OPS.setFillRGBColor && typeof args?.[0] === "string") fill = args[0];
    else if (TEXT_OPS.has(fn) && isRed(fill)) {
      const glyphs = (args?.find(Array.isArray) ?? []) as unknown[];
      const text = glyphs.map((glyph) => (glyph && typeof glyph === "object" && "unicode" in glyph ? String((glyph as { unicode: unknown }).unicode) : "")).join("");
      if (text.trim()) red.push(text);
    }
  });
  return { images, red };
}

function isRed(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return r > 0.6 && g < 0.35 && b < 0.35;
}

function indexOf(bytes: Uint8Array, text: string): number {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}
