/**
 * A Word .docx reply to the text the importer reads: one line per Word paragraph, a blank line
 * between paragraphs, the runs Word splits a paragraph into (anywhere, even inside a word:
 * 医疗|保障) joined exactly. mammoth reads the package and gives the body as a tree of
 * paragraphs, runs and tables; this module walks that tree rather than mammoth's HTML or raw
 * text, because the raw text drops soft line breaks (国家医疗保障局<br/>2020年10月27日 would
 * become one word) and gives every table cell its own paragraph. Pure over the bytes.
 *
 * What is left out, and said in the notes: headers and footers (page numbers, running heads:
 * furniture; mammoth never reads them), footnotes and endnotes (listed in the notes with their
 * text: appended to the text they would land after the date, where the closing reads only 版记),
 * comments, images. Tracked changes read as accepted. Word's automatic numbering (一、 typed by Word, not
 * by the writer) is not text in the file: it is written out here, so headings keep their 一、.
 */
import { strToU8, strFromU8, unzipSync, zipSync, type Unzipped } from "fflate";
import mammoth from "mammoth";
import type { Extraction } from "./extracted.ts";
import { isEncryptedOoxml, isOle } from "./ole.ts";

export const DOCX_DAMAGED = "the .docx is damaged (its ZIP structure cannot be read): open it in Word or WPS and save it again";
export const DOCX_ENCRYPTED =
  "the .docx is password-protected (encrypted, so its text cannot be read): open it in Word or WPS with its password, remove the password, save it and import that file";
export const DOCX_EMPTY = "the .docx has no text: its body holds no paragraph with text; check that this is the reply itself and not an empty template";

/** A tab in a paragraph: the genre's gap between signature and date, or 联系人 and 联系电话. */
const TAB = "\u3000\u3000";
/** Between a table row's cells: two full-width spaces, as the genre spaces a 版记 line. */
const CELL_GAP = "\u3000\u3000";
/** Between the paragraphs of one table cell. */
const CELL_PARAGRAPH_GAP = "\u3000";

export async function readDocx(bytes: Uint8Array): Promise<Extraction> {
  if (isOle(bytes)) {
    return isEncryptedOoxml(bytes)
      ? { ok: false, reason: DOCX_ENCRYPTED }
      : { ok: false, reason: "not a .docx but an older Office or WPS file (an OLE compound file, such as a Word 97–2003 .doc): save it as .docx in Word or WPS, then import the .docx" };
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { ok: false, reason: DOCX_DAMAGED };

  // fflate reads the package's small parts for what mammoth does not say (furniture, numbering,
  // tracked changes); when fflate cannot read the ZIP, mammoth (JSZip) still gets its chance.
  const pkg = readPackage(bytes);
  if (pkg && !pkg.mainXml) return { ok: false, reason: notWord(pkg) };
  const prepared = pkg ? prepareDocument(bytes, pkg) : { bytes, numbered: 0, bullets: 0, fields: 0 };

  let tree: MammothElement | undefined;
  let messages: { type: string; message: string }[];
  try {
    const buffer = Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        // The tree is what this module reads; mammoth's HTML of it is not needed.
        transformDocument: (document: MammothElement) => {
          tree = document;
          return { ...document, children: [] };
        },
      },
    );
    messages = result.messages;
  } catch (error) {
    if (!pkg) return { ok: false, reason: DOCX_DAMAGED };
    const why = /xmldom|xml/iu.test(firstLine(error)) ? "is not well-formed XML" : `cannot be read: ${firstLine(error)}`;
    return { ok: false, reason: `the .docx is damaged (${pkg.mainPath} ${why}): open it in Word or WPS and save it again` };
  }
  if (!tree) return { ok: false, reason: DOCX_DAMAGED };

  const walked = walk(tree);
  const unread = unreadElements(messages);
  if (!walked.blocks.length) {
    if (unread) return { ok: false, reason: `the .docx has no text that could be read: mammoth skipped ${unread}; open it in Word or WPS, save it as a plain .docx (Word 2007–365) and import that` };
    if (walked.images) return { ok: false, reason: `the .docx has no text, only ${plural(walked.images, "image")} (a scan pasted into Word?): run OCR on the images, then import the text` };
    if (pkg && pkg.header.han + pkg.footer.han >= 20) return { ok: false, reason: "the .docx has no text in its body, only in a header or footer, which are not read: move the letter into the body in Word or WPS and save it again" };
    return { ok: false, reason: DOCX_EMPTY };
  }
  return { ok: true, format: "docx", parts: [{ text: walked.blocks.join("\n\n") + "\n", notes: notesOf(walked, pkg, prepared, messages, unread) }] };
}

// ---------------------------------------------------------------------------------------------
// The mammoth document tree (lib/documents.js) as far as this module reads it.

interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  checked?: boolean;
  body?: MammothElement[];
  notes?: { resolve(reference: MammothElement): MammothElement | null };
}

interface Walked {
  blocks: string[];
  paragraphs: number;
  tables: number;
  softBreaks: number;
  images: number;
  notes: { kind: string; text: string; after: string }[];
  comments: number;
}

function walk(document: MammothElement): Walked {
  const out: Walked = { blocks: [], paragraphs: 0, tables: 0, softBreaks: 0, images: 0, notes: [], comments: 0 };
  const notes = document.notes;

  /** A paragraph's inline content as text: line breaks as \n. */
  const inline = (element: MammothElement, text: { value: string }, counting: boolean): void => {
    switch (element.type) {
      case "text":
        text.value += element.value ?? "";
        return;
      case "tab":
        text.value += TAB;
        return;
      case "break":
        text.value += "\n";
        if (counting && element.breakType === "line") out.softBreaks++;
        return;
      case "checkbox":
        text.value += element.checked ? "☑" : "☐";
        return;
      case "image":
        if (counting) out.images++;
        return;
      case "commentReference":
        if (counting) out.comments++;
        return;
      case "noteReference": {
        const note = counting ? notes?.resolve(element) : null;
        if (note) {
          const body = blockLines(note.body ?? [], false).join(CELL_PARAGRAPH_GAP).trim();
          out.notes.push({ kind: element.noteType ?? "footnote", text: body, after: [...text.value.trimEnd()].slice(-8).join("") });
        }
        return;
      }
      case "paragraph":
        // Not expected inside a paragraph; keep its text on a line of its own.
        text.value += "\n";
        for (const child of element.children ?? []) inline(child, text, counting);
        text.value += "\n";
        return;
      default:
        for (const child of element.children ?? []) inline(child, text, counting);
    }
  };

  const paragraphText = (paragraph: MammothElement, counting: boolean): string => {
    const text = { value: "" };
    for (const child of paragraph.children ?? []) inline(child, text, counting);
    return cleanLines(text.value);
  };

  /** Block content (a cell's, a note's) as lines, for a table row or a note. */
  const blockLines = (elements: MammothElement[], counting: boolean): string[] => {
    const lines: string[] = [];
    for (const element of elements) {
      if (element.type === "paragraph") lines.push(...paragraphText(element, counting).split("\n").filter((l) => l.trim()));
      else if (element.type === "table") lines.push(...tableRows(element, counting));
      else lines.push(...blockLines(element.children ?? [], counting));
    }
    return lines;
  };

  const tableRows = (table: MammothElement, counting: boolean): string[] =>
    (table.children ?? [])
      .filter((row) => row.type === "tableRow")
      .map((row) =>
        (row.children ?? [])
          .map((cell) => blockLines(cell.children ?? [], counting).map((line) => line.trim()).join(CELL_PARAGRAPH_GAP))
          .join(CELL_GAP)
          .replace(/[\s\u3000]+$/u, ""),
      )
      .filter((row) => row.trim());

  const blocks = (elements: MammothElement[]): void => {
    for (const element of elements) {
      if (element.type === "paragraph") {
        const text = paragraphText(element, true);
        if (text.trim()) {
          out.blocks.push(text);
          out.paragraphs++;
        }
      } else if (element.type === "table") {
        const rows = tableRows(element, true);
        out.tables++;
        if (rows.length) out.blocks.push(rows.join("\n"));
      } else {
        blocks(element.children ?? []);
      }
    }
  };

  blocks(document.children ?? []);
  return out;
}

/**
 * One paragraph's text: soft hyphens (invisible) out, Word's non-breaking hyphen as the hyphen it
 * shows; trailing white space off each line (invisible in Word), leading kept as typed (the text
 * importer reads a leading 　　 as an indent); blank lines at its ends dropped, runs of them one.
 */
function cleanLines(text: string): string {
  const lines = text
    .replace(/\u00ad/gu, "")
    .replace(/\u2011/gu, "-")
    .split("\n")
    .map((line) => line.replace(/[\s\u3000]+$/u, ""));
  while (lines.length && !lines[0]!.trim()) lines.shift();
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return lines.filter((line, i) => line.trim() || lines[i - 1]?.trim()).join("\n");
}

// ---------------------------------------------------------------------------------------------
// The package, read with fflate: what mammoth does not tell.

interface Package {
  names: string[];
  mainPath: string;
  mainXml?: string;
  files: Unzipped;
  header: Furniture;
  footer: Furniture;
  comments: number;
}

interface Furniture {
  parts: number;
  text: boolean;
  /** Han characters in its text: a page number (第1页 共2页) has a few, a letter put there many. */
  han: number;
  pageNumbers: boolean;
}

function readPackage(bytes: Uint8Array): Package | undefined {
  const names: string[] = [];
  let files: Unzipped;
  try {
    // Only the XML parts, never images or embedded objects.
    files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return /\.(?:xml|rels)$/iu.test(file.name) && file.originalSize < 64 << 20;
      },
    });
  } catch {
    return undefined;
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/u.exec(text("_rels/.rels") ?? "")?.[0];
  const mainPath = (/Target="\/?([^"]+)"/u.exec(target ?? "")?.[1] ?? "word/document.xml").replace(/^\.\//u, "");
  const furniture = (kind: "header" | "footer"): Furniture => {
    const parts = names.filter((name) => new RegExp(`^word/${kind}\\d*\\.xml$`, "u").test(name)).map((name) => text(name) ?? "");
    return {
      parts: parts.length,
      text: parts.some((xml) => /<w:t(?:\s[^>]*)?>[^<]*\S/u.test(xml)),
      han: parts.reduce((n, xml) => n + [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)/gu)].reduce((m, t) => m + (t[1]!.match(/\p{Script=Han}/gu) ?? []).length, 0), 0),
      pageNumbers: parts.some((xml) => /<w:instrText[^>]*>\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b/u.test(xml) || /w:instr="\s*(?:PAGE|NUMPAGES)\b/u.test(xml)),
    };
  };
  return {
    names,
    mainPath,
    mainXml: text(mainPath) ?? (mainPath !== "word/document.xml" ? text("word/document.xml") : undefined),
    files,
    header: furniture("header"),
    footer: furniture("footer"),
    comments: (text("word/comments.xml")?.match(/<w:comment\b/gu) ?? []).length,
  };
}

function notWord(pkg: Package): string {
  const has = (name: string) => pkg.names.includes(name);
  const what = has("xl/workbook.xml")
    ? "an Excel workbook (.xlsx)"
    : has("ppt/presentation.xml")
      ? "a PowerPoint presentation (.pptx)"
      : has("mimetype") && has("content.xml")
        ? "an OpenDocument file (.odt)"
        : "a ZIP archive without a Word document in it";
  return `not a Word document but ${what} (it has no word/document.xml): save the reply as .docx in Word or WPS, then import the .docx`;
}

// ---------------------------------------------------------------------------------------------
// Before mammoth: automatic numbering written out as text, simple fields unwrapped.

interface Prepared {
  bytes: Uint8Array;
  /** Paragraphs whose automatic number (一、, 1.) was written into the text. */
  numbered: number;
  /** Paragraphs with an automatic bullet, left out. */
  bullets: number;
  /** w:fldSimple fields whose shown text was kept (mammoth drops them with their text). */
  fields: number;
}

interface Level {
  format: string;
  text: string;
  start: number;
  suffix: string;
  legal: boolean;
}

interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number>; levels: Map<number, Level> }>;
}

const TAG = /<(\/?)([A-Za-z][\w.-]*:[\w.-]+|[A-Za-z][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/gu;

function attr(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "u").exec(attributes)?.slice(1).find((v) => v !== undefined);
}

/** Containers mammoth skips with their text: unwrapped, so their text is read. */
const UNWRAP = new Set(["w:fldSimple", "w:ruby", "w:rubyBase", "w:dir", "w:bdo"]);
/** A ruby's phonetic guide: dropped with its content, the base text stays. */
const DROP = new Set(["w:rt", "w:rubyPr"]);
/** Elements mammoth does not read, as the element it reads that Word shows the same. */
const AS = new Map([["w:cr", "<w:br/>"], ["w:ptab", "<w:tab/>"]]);

function prepareDocument(bytes: Uint8Array, pkg: Package): Prepared {
  const xml = pkg.mainXml!;
  const styles = pkg.files["word/styles.xml"] ? strFromU8(pkg.files["word/styles.xml"]!) : "";
  if (!/<w:numPr\b|<w:(?:fldSimple|ruby|dir|bdo|cr|ptab)\b/u.test(xml) && !/<w:numPr\b/u.test(styles)) return { bytes, numbered: 0, bullets: 0, fields: 0 };

  const numbering = readNumbering(pkg.files["word/numbering.xml"] ? strFromU8(pkg.files["word/numbering.xml"]!) : "");
  const styleNumbering = readStyleNumbering(styles);
  const counters = new Map<string, number[]>();
  const edits: { at: number; end: number; text: string }[] = [];
  let numbered = 0;
  let bullets = 0;
  let fields = 0;

  // Paragraph properties, tracked through nesting (a text box's paragraphs sit inside a run).
  let inPPr = 0;
  let inChange = 0;
  let drop: { name: string; at: number; depth: number } | undefined;
  let current: { style?: string; numId?: string; level?: number } | undefined;
  for (const match of xml.matchAll(TAG)) {
    const [whole, closing, name = "", attributes = "", selfClosing] = match;
    const at = match.index;
    const end = at + whole.length;
    if (drop) {
      if (name === drop.name && !selfClosing) drop.depth += closing ? -1 : 1;
      if (drop.depth === 0) {
        edits.push({ at: drop.at, end, text: "" });
        drop = undefined;
      }
      continue;
    }
    if (DROP.has(name) && !closing) {
      if (selfClosing) edits.push({ at, end, text: "" });
      else drop = { name, at, depth: 1 };
      continue;
    }
    if (UNWRAP.has(name)) {
      edits.push({ at, end, text: "" });
      if (name === "w:fldSimple" && !closing) fields++;
      continue;
    }
    const replacement = AS.get(name);
    if (replacement !== undefined && !closing) {
      edits.push({ at, end: selfClosing ? end : xml.indexOf(">", xml.indexOf(`</${name}`, end)) + 1, text: replacement });
      continue;
    }
    if (name === "w:pPrChange" || name === "w:rPrChange" || name === "w:numberingChange") {
      if (!selfClosing) inChange += closing ? -1 : 1;
      continue;
    }
    if (inChange) continue;
    if (name === "w:pPr" && !selfClosing) {
      if (!closing) {
        inPPr++;
        if (inPPr === 1) current = {};
        continue;
      }
      inPPr--;
      if (inPPr === 0 && current) {
        const label = numberLabel(current, numbering, styleNumbering, counters);
        if (label === "bullet") bullets++;
        else if (label) {
          numbered++;
          edits.push({ at: end, end, text: `<w:r><w:t xml:space="preserve">${escapeXml(label)}</w:t></w:r>` });
        }
        current = undefined;
      }
      continue;
    }
    if (inPPr !== 1 || !current) continue;
    if (name === "w:pStyle") current.style = attr(attributes, "w:val");
    else if (name === "w:numId") current.numId = attr(attributes, "w:val");
    else if (name === "w:ilvl") current.level = Number(attr(attributes, "w:val") ?? 0);
  }
  if (!edits.length) return { bytes, numbered, bullets, fields };

  let rewritten = "";
  let last = 0;
  for (const edit of edits.sort((a, b) => a.at - b.at)) {
    if (edit.at < last) continue;
    rewritten += xml.slice(last, edit.at) + edit.text;
    last = edit.end;
  }
  rewritten += xml.slice(last);
  const all = unzipSync(bytes);
  all[pkg.mainPath] = strToU8(rewritten);
  // Stored, not deflated: mammoth reads it at once, and the file is never written.
  return { bytes: zipSync(all, { level: 0 }), numbered, bullets, fields };
}

function readNumbering(xml: string): Numbering {
  const numbering: Numbering = { abstract: new Map(), nums: new Map() };
  let levels: Map<number, Level> | undefined;
  let level: Level | undefined;
  let num: { abstractId: string; starts: Map<number, number>; levels: Map<number, Level> } | undefined;
  let overrideLevel: number | undefined;
  for (const match of xml.matchAll(TAG)) {
    const [, closing, name, attributes = ""] = match;
    if (closing) {
      if (name === "w:abstractNum") levels = undefined;
      else if (name === "w:lvl") level = undefined;
      else if (name === "w:num") num = undefined;
      else if (name === "w:lvlOverride") overrideLevel = undefined;
      continue;
    }
    const val = attr(attributes, "w:val");
    switch (name) {
      case "w:abstractNum":
        levels = new Map();
        numbering.abstract.set(attr(attributes, "w:abstractNumId") ?? "", levels);
        break;
      case "w:num":
        num = { abstractId: "", starts: new Map(), levels: new Map() };
        numbering.nums.set(attr(attributes, "w:numId") ?? "", num);
        break;
      case "w:abstractNumId":
        if (num) num.abstractId = val ?? "";
        break;
      case "w:lvlOverride":
        overrideLevel = Number(attr(attributes, "w:ilvl") ?? 0);
        break;
      case "w:startOverride":
        if (num && overrideLevel !== undefined) num.starts.set(overrideLevel, Number(val ?? 1));
        break;
      case "w:lvl": {
        level = { format: "decimal", text: "", start: 1, suffix: "tab", legal: false };
        const index = Number(attr(attributes, "w:ilvl") ?? 0);
        if (num && overrideLevel !== undefined) num.levels.set(overrideLevel, level);
        else levels?.set(index, level);
        break;
      }
      case "w:start":
        if (level) level.start = Number(val ?? 1);
        break;
      // The last w:numFmt wins: in mc:AlternateContent that is the Fallback's, a standard format.
      case "w:numFmt":
        if (level && val) level.format = val;
        break;
      case "w:lvlText":
        if (level) level.text = val ?? "";
        break;
      case "w:suff":
        if (level) level.suffix = val ?? "tab";
        break;
      case "w:isLgl":
        if (level) level.legal = val !== "0" && val !== "false";
        break;
    }
  }
  return numbering;
}

/** Paragraph styles that number their paragraphs (a heading style linked to a list), through w:basedOn. */
function readStyleNumbering(xml: string): Map<string, { numId?: string; level?: number }> {
  const styles = new Map<string, { basedOn?: string; numId?: string; level?: number }>();
  let style: { basedOn?: string; numId?: string; level?: number } | undefined;
  for (const match of xml.matchAll(TAG)) {
    const [, closing, name, attributes = ""] = match;
    if (name === "w:style") {
      style = closing ? undefined : {};
      if (style && attr(attributes, "w:type") === "paragraph") styles.set(attr(attributes, "w:styleId") ?? "", style);
      continue;
    }
    if (!style || closing) continue;
    if (name === "w:basedOn") style.basedOn = attr(attributes, "w:val");
    else if (name === "w:numId") style.numId = attr(attributes, "w:val");
    else if (name === "w:ilvl") style.level = Number(attr(attributes, "w:val") ?? 0);
  }
  const resolved = new Map<string, { numId?: string; level?: number }>();
  for (const id of styles.keys()) {
    let numId: string | undefined;
    let level: number | undefined;
    const seen = new Set<string>();
    for (let s = styles.get(id), sid = id; s && !seen.has(sid); sid = s.basedOn ?? "", s = styles.get(sid)) {
      seen.add(sid);
      numId ??= s.numId;
      level ??= s.level;
    }
    if (numId !== undefined) resolved.set(id, { numId, level });
  }
  return resolved;
}

/** The number Word shows before a paragraph, "bullet" for a bullet, or undefined. Advances the counters. */
function numberLabel(
  paragraph: { style?: string; numId?: string; level?: number },
  numbering: Numbering,
  styles: Map<string, { numId?: string; level?: number }>,
  counters: Map<string, number[]>,
): string | undefined {
  const fromStyle = paragraph.style ? styles.get(paragraph.style) : undefined;
  const numId = paragraph.numId ?? fromStyle?.numId;
  if (numId === undefined || numId === "0") return undefined;
  const levelIndex = paragraph.level ?? fromStyle?.level ?? 0;
  const num = numbering.nums.get(numId);
  const abstract = num ? numbering.abstract.get(num.abstractId) : undefined;
  if (!num || !abstract) return undefined;
  const levelOf = (i: number) => num.levels.get(i) ?? abstract.get(i);
  const level = levelOf(levelIndex);
  if (!level || level.format === "none" && !level.text.replace(/%\d/gu, "")) return undefined;
  if (level.format === "bullet") return "bullet";

  // Word counts a list per w:num that restarts it (startOverride), else per abstract list.
  const key = num.starts.size ? `num:${numId}` : `abstract:${num.abstractId}`;
  const count = counters.get(key) ?? [];
  counters.set(key, count);
  const startOf = (i: number) => num.starts.get(i) ?? levelOf(i)?.start ?? 1;
  count[levelIndex] = count[levelIndex] === undefined ? startOf(levelIndex) : count[levelIndex]! + 1;
  count.length = levelIndex + 1;

  const label = level.text.replace(/%([1-9])/gu, (_, n: string) => {
    const i = Number(n) - 1;
    const value = count[i] ?? startOf(i);
    const format = level.legal && i < levelIndex ? "decimal" : (levelOf(i)?.format ?? "decimal");
    return formatNumber(value, format);
  });
  if (!label) return undefined;
  // A tab or space after 一、 or （一） is layout; after 1. or A it keeps the number off the word.
  const separated = level.suffix !== "nothing" && !/[\u3000-\u303f\uff00-\uffef]$/u.test(label);
  return separated ? `${label} ` : label;
}

const CN_DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const CN_LEGAL = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/** Chinese counting: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百〇五 (Word's chineseCounting). */
function chineseCounting(n: number, digits = CN_DIGITS, ten = "十", hundred = "百", thousand = "千", zero = digits[0]!): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const units = [thousand, hundred, ten, ""];
  let out = "";
  let pendingZero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out) pendingZero = true;
      return;
    }
    if (pendingZero) out += zero;
    pendingZero = false;
    out += n < 20 && i === 2 && digits === CN_DIGITS ? "" : digits[d]!;
    out += units[i]!;
  });
  return out;
}

const letters = (n: number, base: number) => {
  let out = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(base + ((x - 1) % 26)) + out;
  return out;
};

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  let x = n;
  for (const [value, symbol] of table) while (x >= value) [out, x] = [out + symbol, x - value];
  return out;
}

function formatNumber(n: number, format: string): string {
  const enclosed = (base: number, max: number) => (n >= 1 && n <= max ? String.fromCodePoint(base + n - 1) : String(n));
  switch (format) {
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseCounting(n);
    case "chineseLegalSimplified":
      return chineseCounting(n, CN_LEGAL, "拾", "佰", "仟");
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return String(n).replace(/\d/gu, (d) => CN_DIGITS[Number(d)]!);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? "甲乙丙丁戊己庚辛壬癸"[n - 1]! : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? "子丑寅卯辰巳午未申酉戌亥"[n - 1]! : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
    case "ideographEnclosedCircle":
      return enclosed(0x2460, 20);
    case "decimalEnclosedParen":
      return enclosed(0x2474, 20);
    case "decimalEnclosedFullstop":
      return enclosed(0x2488, 20);
    case "upperLetter":
      return letters(n, 65);
    case "lowerLetter":
      return letters(n, 97);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "none":
      return "";
    default:
      return String(n);
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

// ---------------------------------------------------------------------------------------------
// Notes for the report.

/** Elements mammoth skips that hold no text. */
const TEXTLESS = new Set(["w:permStart", "w:permEnd", "w:customXmlPr", "w:customXmlInsRangeStart", "w:customXmlInsRangeEnd", "w:customXmlDelRangeStart", "w:customXmlDelRangeEnd", "w:moveToRangeStart", "w:moveToRangeEnd", "w:separator", "w:continuationSeparator", "w:sdtPr", "w:sdtEndPr", "w:fitText", "w:lastRenderedPageBreak", "w:softHyphen", "w:dayShort", "w:monthShort", "w:yearShort", "w:dayLong", "w:monthLong", "w:yearLong", "w:annotationRef", "w:pgNum"]);

/** The Word elements mammoth skipped that may hold text, as "w:foo, w:bar ×2", or "". */
function unreadElements(messages: { type: string; message: string }[]): string {
  const ignored = new Map<string, number>();
  for (const message of messages) {
    const element = /^An unrecognised element was ignored: (\S+)/u.exec(message.message)?.[1];
    if (element && !TEXTLESS.has(element)) ignored.set(element, (ignored.get(element) ?? 0) + 1);
  }
  return [...ignored].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ");
}

function notesOf(walked: Walked, pkg: Package | undefined, prepared: Prepared, messages: { type: string; message: string }[], unread: string): string[] {
  const counts = [plural(walked.paragraphs, "paragraph"), walked.tables ? plural(walked.tables, "table") : ""].filter(Boolean).join(", ");
  const furniture: string[] = [];
  if (pkg) {
    const parts = [pkg.header.parts && pkg.header.text ? "header" : "", pkg.footer.parts && (pkg.footer.text || pkg.footer.pageNumbers) ? "footer" : ""].filter(Boolean);
    if (parts.length) furniture.push(`${parts.join(" and ")}${pkg.header.pageNumbers || pkg.footer.pageNumbers ? " (page numbers)" : ""} left out`);
  }
  const notes = [`Word document: ${counts}${furniture.length ? `; ${furniture.join("; ")}` : ""}`];
  if (walked.softBreaks) notes.push(`${plural(walked.softBreaks, "line break")} inside paragraphs (Shift+Enter) kept as line breaks`);
  if (prepared.numbered) notes.push(`Word's automatic numbering written out as text on ${plural(prepared.numbered, "paragraph")}`);
  if (prepared.bullets) notes.push(`automatic bullets left out on ${plural(prepared.bullets, "paragraph")}`);
  if (prepared.fields) notes.push(`${plural(prepared.fields, "field")} (w:fldSimple) read as the text Word shows`);
  const mainXml = pkg?.mainXml ?? "";
  if (/<w:delText\b|<w:moveFrom\b/u.test(mainXml) || /<w:ins\b[^>]*>\s*<w:r\b/u.test(mainXml)) {
    notes.push("tracked changes read as accepted (insertions kept, deletions left out): if the reply was not final, accept or reject them in Word and import again");
  }
  const seen = new Map<string, number>();
  walked.notes.forEach((note) => {
    const n = (seen.get(note.kind) ?? 0) + 1;
    seen.set(note.kind, n);
    notes.push(`${note.kind} ${n} left out of the text (its mark after “${note.after}”): “${note.text}”`);
  });
  const comments = Math.max(walked.comments, pkg?.comments ?? 0);
  if (comments) notes.push(`${plural(comments, "comment")} left out`);
  if (walked.images) notes.push(`${plural(walked.images, "image")} left out (a seal or a letterhead, if any, is not text)`);

  for (const message of messages) if (message.type === "error") notes.push(`mammoth: ${message.message}`);
  if (unread) notes.push(`Word elements mammoth does not read (any text in them is missing; compare with the document): ${unread}`);
  return notes;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 120);
}
