/**
 * Reading a Chromium PDF back (where did each element land?) and finishing it with pdf-lib:
 * nested bookmarks, document metadata, fixed dates. Bytes in, bytes out; no file system.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from "pdf-lib";
import type { Book } from "./book.ts";
import { makePdfA, pdfaProblems } from "./pdfa.ts";
import { ANCHORS, APPENDIX_TITLE, INDEX_TITLES, bodyStart } from "./document.ts";
import { textPreference } from "./font-cmap.ts";
import type { Measurement, PagePlan } from "./pagination.ts";

export interface ReadBack {
  doc: PDFDocument;
  /** Page (1-based) of every named destination. */
  starts: Map<string, number>;
  /** The explicit destination array Chromium wrote for each name: page and position. */
  destinations: Map<string, PDFArray>;
  totalPages: number;
}

export async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageNumbers = new Map<string, number>();
  doc.getPages().forEach((page, i) => pageNumbers.set(page.ref.toString(), i + 1));
  const starts = new Map<string, number>();
  const destinations = new Map<string, PDFArray>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookup(value);
    const target = array instanceof PDFArray ? array : array instanceof PDFDict ? array.lookupMaybe(PDFName.of("D"), PDFArray) : undefined;
    const pageRef = target?.get(0);
    if (!target || !(pageRef instanceof PDFRef)) continue;
    const page = pageNumbers.get(pageRef.toString());
    if (page === undefined) continue;
    const anchor = name.decodeText();
    starts.set(anchor, page);
    destinations.set(anchor, target);
  }
  return { doc, starts, destinations, totalPages: doc.getPageCount() };
}

export function asMeasurement(readBack: ReadBack, blanksBefore: ReadonlySet<string>): Measurement {
  return { starts: readBack.starts, totalPages: readBack.totalPages, blanksBefore };
}

interface OutlineItem {
  title: string;
  anchor: string;
  children: OutlineItem[];
}

/** Bookmarks: front matter, then session → letter (issuer → session → letter with several issuers), then the indexes. */
export function outlineOf(book: Book): OutlineItem[] {
  const items: OutlineItem[] = [
    { title: "版本说明", anchor: ANCHORS.colophon, children: [] },
    { title: "目录", anchor: ANCHORS.contents, children: [] },
  ];
  const sessionItems = (sessions: Book["sessions"]): OutlineItem[] =>
    sessions.map((session) => ({
      title: session.session.name,
      anchor: session.anchor,
      children: session.letters.map((l) => ({ title: `${l.letter.shortReference}　${l.letter.title}`, anchor: l.anchor, children: [] })),
    }));
  if (book.issuers.length) items.push(...book.issuers.map((i) => ({ title: i.name, anchor: i.anchor, children: sessionItems(i.sessions) })));
  else items.push(...sessionItems(book.sessions));
  if (book.appendix[0]) {
    items.push({ title: APPENDIX_TITLE, anchor: book.appendix[0].anchor, children: book.appendix.map((d) => ({ title: d.document.title, anchor: d.anchor, children: [] })) });
  }
  items.push({ title: INDEX_TITLES.people, anchor: ANCHORS.people, children: [] });
  if (book.agencies.length) items.push({ title: INDEX_TITLES.agencies, anchor: ANCHORS.agencies, children: [] });
  return items;
}

/**
 * Adds bookmarks and metadata, repairs the text mapping and fixes every date, so the same
 * input gives the same bytes. `glyphs`: the print fonts' cmaps (see repairToUnicode); `icc`: the
 * output intent's profile; `fingerprint`: what makes the file's /ID (the printed document).
 */
export async function finishPdf(
  readBack: ReadBack,
  book: Book,
  plan: PagePlan,
  resources: { glyphs: ReadonlyMap<string, ReadonlyMap<number, number[]>>; icc: Uint8Array; fingerprint: string },
): Promise<Uint8Array> {
  const { doc, destinations } = readBack;
  writeOutline(doc, outlineOf(book), destinations);
  writePageLabels(doc, bodyStart(book, plan));
  repairToUnicode(doc, resources.glyphs);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  const producer = doc.getProducer() ?? "Skia/PDF";
  makePdfA(doc, { ...book.metadata, creator: "复文 Fuwen (Chromium page.pdf, pdf-lib)", producer }, resources.icc, resources.fingerprint);
  const problems = pdfaProblems(doc);
  if (problems.length) throw new Error(`${book.fileName} would not be PDF/A-2u:\n  ${problems.slice(0, 10).join("\n  ")}`);
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

/** The viewer's page numbers are the printed ones (pagination.ts folioLabel): i, ii, … then 1, 2, … from the body. */
function writePageLabels(doc: PDFDocument, firstBodyPage: number): void {
  const style = (s: string) => doc.context.obj({ S: PDFName.of(s) });
  const nums = firstBodyPage > 1 ? [PDFNumber.of(0), style("r"), PDFNumber.of(firstBodyPage - 1), style("D")] : [PDFNumber.of(0), style("D")];
  doc.catalog.set(PDFName.of("PageLabels"), doc.context.obj({ Nums: doc.context.obj(nums) }));
}

/** Books with more letters than this open with the session bookmarks folded. */
const FOLD_SESSIONS_ABOVE = 40;

function writeOutline(doc: PDFDocument, items: OutlineItem[], destinations: Map<string, PDFArray>): void {
  // The letters: every bookmark below the top level that has none of its own.
  const letters = (list: OutlineItem[]): number => list.reduce((sum, item) => sum + (item.children.length ? letters(item.children) : 1), 0);
  const totalLetters = items.reduce((sum, item) => sum + (item.children.length ? letters(item.children) : 0), 0);
  const context = doc.context;
  const rootRef = context.nextRef();

  const build = (list: OutlineItem[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | undefined => {
    if (!list.length) return undefined;
    const refs = list.map(() => context.nextRef());
    let visible = 0;
    list.forEach((item, i) => {
      const ref = refs[i] as PDFRef;
      const destination = destinations.get(item.anchor);
      if (!destination) throw new Error(`no destination for the bookmark “${item.title}” (#${item.anchor})`);
      const entries: Record<string, PDFObject> = {
        Title: PDFHexString.fromText(item.title),
        Parent: parentRef,
        Dest: destination,
      };
      if (i > 0) entries.Prev = refs[i - 1] as PDFRef;
      if (i < list.length - 1) entries.Next = refs[i + 1] as PDFRef;
      const children = build(item.children, ref);
      if (children) {
        entries.First = children.first;
        entries.Last = children.last;
        // A long volume opens with its sessions folded (negative count), a short one unfolded.
        const folded = totalLetters > FOLD_SESSIONS_ABOVE;
        entries.Count = PDFNumber.of(folded ? -children.visible : children.visible);
        if (!folded) visible += children.visible;
      }
      visible += 1;
      context.assign(ref, context.obj(entries));
    });
    return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, visible };
  };

  const top = build(items, rootRef);
  const root: Record<string, PDFObject> = { Type: PDFName.of("Outlines") };
  if (top) {
    root.First = top.first;
    root.Last = top.last;
    root.Count = PDFNumber.of(top.visible);
  }
  context.assign(rootRef, context.obj(root));
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
}

/**
 * Noto CJK draws 一 (U+4E00) and the Kangxi radical ⼀ (U+2F00), 页 and the radical ⻚, with
 * one glyph each, and Skia's ToUnicode map keeps the last code point it met for a glyph: the
 * radical. pdf.js, Acrobat and search then see ⼀⼈⼤ where the letter says 一人大. For every
 * glyph mapped to a radical or compatibility form, use the unified ideograph the font itself
 * maps to that glyph (`glyphs`: PostScript name → glyph → code points, from the font's cmap).
 */
export function repairToUnicode(doc: PDFDocument, glyphs: ReadonlyMap<string, ReadonlyMap<number, number[]>>): number {
  let repaired = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Subtype"))?.toString() !== "/Type0") continue;
    const fontName = object.get(PDFName.of("BaseFont"))?.toString().replace(/^\/([A-Z]{6}\+)?/, "") ?? "";
    const byGlyph = glyphs.get(fontName);
    const ref = object.get(PDFName.of("ToUnicode"));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (!byGlyph || !(ref instanceof PDFRef) || !(stream instanceof PDFStream)) continue;
    const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
    const fixed = rewriteCMap(new TextDecoder("latin1").decode(bytes), byGlyph);
    if (fixed === undefined) continue;
    doc.context.assign(ref, doc.context.flateStream(fixed));
    repaired += 1;
  }
  return repaired;
}

/** The CMap with radicals replaced by the font's unified ideographs, written as bfchar; undefined when nothing needed it. */
export function rewriteCMap(cmap: string, byGlyph: ReadonlyMap<number, number[]>): string | undefined {
  const mappings = new Map<number, { width: number; text: string }>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      mappings.set(parseInt(m[1] as string, 16), { width: (m[1] as string).length, text: utf16(m[2] as string) });
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [low, high, target] = [m[1] as string, m[2] as string, m[3] as string];
      const from = parseInt(low, 16);
      const to = parseInt(high, 16);
      const targets = target.startsWith("[") ? [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => utf16(t[1] as string)) : undefined;
      const points = targets ? [] : [...utf16(target.slice(1, -1))].map((c) => c.codePointAt(0) as number);
      for (let code = from; code <= to; code++) {
        let text: string | undefined;
        if (targets) text = targets[code - from];
        else {
          const shifted = [...points];
          shifted[shifted.length - 1] = (shifted.at(-1) as number) + (code - from);
          text = String.fromCodePoint(...shifted);
        }
        if (text !== undefined) mappings.set(code, { width: low.length, text });
      }
    }
  }

  let changed = false;
  for (const [glyph, mapping] of mappings) {
    const points = [...mapping.text].map((c) => c.codePointAt(0) as number);
    if (points.length !== 1 || textPreference(points[0] as number) < 3) continue;
    const best = [...(byGlyph.get(glyph) ?? [])].sort((a, b) => textPreference(a) - textPreference(b) || a - b)[0];
    if (best !== undefined && textPreference(best) < 3) {
      mapping.text = String.fromCodePoint(best);
      changed = true;
    }
  }
  if (!changed) return undefined;

  const head = /^[\s\S]*?endcodespacerange\s*/.exec(cmap)?.[0];
  const tail = /endcmap[\s\S]*$/.exec(cmap)?.[0];
  if (!head || !tail) return undefined;
  const entries = [...mappings].sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    const lines = chunk.map(([code, { width, text }]) => `<${code.toString(16).toUpperCase().padStart(width, "0")}> <${toUtf16Hex(text)}>`);
    blocks.push(`${chunk.length} beginbfchar\n${lines.join("\n")}\nendbfchar\n`);
  }
  return head + blocks.join("") + tail;
}

function utf16(hex: string): string {
  let text = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
}

function toUtf16Hex(text: string): string {
  let hex = "";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return hex;
}
