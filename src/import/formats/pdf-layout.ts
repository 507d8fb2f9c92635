/**
 * A PDF's text layer, as positioned pieces of text, to the text the importer reads: lines rebuilt
 * from baselines, page furniture (folios, running heads and feet) dropped by where it stands,
 * paragraphs rebuilt from indents, line ends and vertical space, one text per reply. Pure: pdf.ts
 * reads the pieces out of the file with pdf.js and hands them here.
 *
 * The rules follow the layout of official documents (GB/T 9704): a 版心 of 28 characters a line,
 * a paragraph's first line indented 2 characters, the 版头 (issuer) large and red at the top of a
 * reply's first page, 文号 and title centred, the signature block right-aligned, the folio
 * — N — below the 版心 (odd pages right, even pages left). The thresholds are in em of the body
 * size and in line pitches, measured on PDFs Chromium prints from such a layout
 * (tests/fixtures/pdf.ts); each is explained where it is set.
 */
import type { ExtractedText } from "./extracted.ts";

/** One piece of text as pdf.js gives it: a run of characters on one baseline. */
export interface PositionedText {
  str: string;
  /** Left end of the baseline, in points from the page's left edge. */
  x: number;
  /** The baseline, in points from the page's top edge. */
  y: number;
  /** Advance width of the whole run, in points. */
  width: number;
  /** Font size (the text's height), in points. */
  size: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PositionedText[];
  /** Images painted on the page, when the reader looked (pages with little or no text, at least). */
  images?: number;
  /** Text drawn in red on the page (a 版头), when the reader looked. */
  red?: string[];
}

export type Layout =
  | { ok: true; parts: ExtractedText[] }
  | { ok: false; reason: string };

/** A page with fewer characters than this has no text layer to speak of (a scan, an image, a blank). */
export const MIN_PAGE_CHARS = 20;

const OCR_WAY = "run OCR first (for example ocrmypdf -l chi_sim FILE out.pdf), then import the result";
export const SCANNED = (pages: number) => `a scanned PDF with no text layer (${pages} page${pages === 1 ? "" : "s"} of images): ${OCR_WAY}`;

// ---------------------------------------------------------------------------------------------
// Characters

const LATIN = /[A-Za-z0-9]/;
/** Han characters and CJK punctuation: text that needs no space between its characters. */
const CJK_CHAR = "[\\p{Script=Han}\\u3001-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20“”‘’《》（）【】〔〕—…·]";
const SPACED_PAIR = new RegExp(`(?<=${CJK_CHAR}) (?=${CJK_CHAR})`, "gu");
const CJK_PAIR = new RegExp(`${CJK_CHAR}(?= ?${CJK_CHAR})`, "gu");

/**
 * A line whose CJK characters are spaced one by one (distributed justification, a letter-spaced
 * name, an OCR text layer that makes each character a word) reads as the characters closed up:
 * “我 委 会 同” → “我委会同”. A space here and there (中共中央 国务院) stays.
 */
export function closeUpSpacedCjk(text: string): string {
  const spaced = text.match(SPACED_PAIR)?.length ?? 0;
  const pairs = text.match(CJK_PAIR)?.length ?? 0;
  return spaced >= 3 && spaced >= 0.5 * pairs ? text.replace(SPACED_PAIR, "") : text;
}

/**
 * Radicals a font's ToUnicode map gives for the ideographs they share a glyph with: Noto CJK draws
 * 一 and the Kangxi radical ⼀ with one glyph, and Chromium's PDF writer (Skia) names the radical,
 * so a copied 工作 reads ⼯作. A reply never means a radical: each is read as its ideograph. The
 * Kangxi Radicals (U+2F00–U+2FD5) are NFKC-equivalent to their ideographs; the CJK Radicals
 * Supplement (U+2E80–U+2EF3) has no NFKC mapping, so its pairs are listed here (Unicode's
 * EquivalentUnifiedIdeograph.txt; the ones Noto Serif SC shares a glyph for). One Kangxi radical
 * draws another character in a Simplified Chinese font than its NFKC form: ⼾ is 户 there, not 戶
 * (checked against Noto Serif SC's cmap: the only such radical).
 */
const SIMPLIFIED = new Map([["⼾", "户"]]);
const SUPPLEMENT = new Map(
  [..."⺂乛⺃乚⺅亻⺇𠘨⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺦丬⺨犭⺩𤣩⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺹耂⺺肀⺽𦥑⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻇𧢲⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"].reduce<[string, string][]>(
    (pairs, char, i, all) => (i % 2 ? pairs : [...pairs, [char, all[i + 1]!]]),
    [],
  ),
);

/** Radicals → ideographs; `counts` collects what was replaced, for the notes. */
export function unifyRadicals(text: string, counts?: Map<string, number>): string {
  return text.replace(/[\u2e80-\u2fdf]/gu, (char) => {
    const ideograph = SIMPLIFIED.get(char) ?? (char >= "\u2f00" ? char.normalize("NFKC") : SUPPLEMENT.get(char) ?? char);
    if (ideograph !== char && counts) counts.set(`${char}→${ideograph}`, (counts.get(`${char}→${ideograph}`) ?? 0) + 1);
    return ideograph;
  });
}

const compact = (text: string): string => text.replace(/[\s\u3000]+/gu, "");

// ---------------------------------------------------------------------------------------------
// Lines

export interface Line {
  page: number;
  text: string;
  /** Where the line starts and ends, in points from the left edge. */
  x0: number;
  x1: number;
  /** Baseline, from the top edge. */
  y: number;
  /** Font size of most of its characters. */
  size: number;
  red: boolean;
}

/**
 * A gap of at least this many em between two pieces on a line is a wide space (between a
 * signature and its date, 联系人 and 联系电话): written as full-width spaces, one per em, as a
 * copy of the letter shows it. Narrower gaps of at least SPACE_EM are one space (中共中央 国务院),
 * as pdf.js itself writes a space inside a piece for a gap over ~0.1 em; justified CJK lines
 * spread their characters by 0.08 em at most (measured over every line of the fixtures), and
 * Latin words are spaced from WORD_GAP_EM.
 */
const WIDE_GAP_EM = 0.8;
const SPACE_EM = 0.2;
const WORD_GAP_EM = 0.15;
/** Pieces whose baselines differ by less than this share a line (pdf.js gives one baseline exactly; superscripts move ~0.3 em). */
const SAME_LINE_EM = 0.4;

/** The pieces of one page, grouped by baseline and sorted by x, to lines of text. */
export function pageLines(page: PdfPage, radicals?: Map<string, number>): Line[] {
  const items = page.items
    .filter((item) => item.str.trim() !== "" && item.size > 0)
    .map((item) => ({ ...item, str: unifyRadicals(item.str, radicals) }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: (typeof items)[] = [];
  for (const item of items) {
    const group = groups.at(-1);
    if (group && Math.abs(item.y - group[0]!.y) <= SAME_LINE_EM * Math.max(item.size, group[0]!.size)) group.push(item);
    else groups.push([item]);
  }
  const redText = compact(unifyRadicals((page.red ?? []).join("")));
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    let previous: (typeof items)[number] | undefined;
    const sizes = new Map<number, number>();
    for (const item of group) {
      // Text drawn twice to fake bold: the same run again at (almost) the same place.
      if (previous && item.str === previous.str && Math.abs(item.x - previous.x) < 0.2 * item.size) continue;
      // Spaces inside a piece are the file's own (a space glyph, or a gap pdf.js read as one).
      const str = item.str.replace(/[ \u00a0]+/gu, " ");
      if (previous) {
        const gap = item.x - end;
        const em = Math.max(item.size, previous.size);
        const before = text.at(-1);
        const after = str[0];
        if (gap >= WIDE_GAP_EM * em) text += "\u3000".repeat(Math.max(1, Math.round(gap / em)));
        else if (before && after && before !== " " && after !== " " && (gap >= SPACE_EM * em || (gap >= WORD_GAP_EM * em && LATIN.test(before) && LATIN.test(after)))) text += " ";
      }
      text += str;
      end = Math.max(end, item.x + item.width);
      previous = item;
      const size = Math.round(item.size * 4) / 4;
      sizes.set(size, (sizes.get(size) ?? 0) + [...item.str].length);
    }
    text = closeUpSpacedCjk(text.trim());
    const size = [...sizes].sort((a, b) => b[1] - a[1])[0]![0];
    const y = group.reduce((sum, item) => sum + item.y, 0) / group.length;
    const red = redText.length > 0 && compact(text).length > 0 && redText.includes(compact(text));
    return { page: page.number, text, x0: group[0]!.x, x1: end, y, size, red };
  }).filter((line) => line.text !== "");
}

// ---------------------------------------------------------------------------------------------
// The body's measures

export interface Metrics {
  /** Body font size: the size most characters are set in. */
  size: number;
  /** Baseline to baseline of consecutive body lines. */
  pitch: number;
  /** Left and right edges of the body's text (the 版心). */
  left: number;
  right: number;
}

function mode(values: number[], step: number): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) {
    const key = Math.round(value / step) * step;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

export function measure(lines: Line[]): Metrics | undefined {
  if (!lines.length) return undefined;
  const bySize = new Map<number, number>();
  for (const line of lines) bySize.set(line.size, (bySize.get(line.size) ?? 0) + [...line.text].length);
  const size = [...bySize].sort((a, b) => b[1] - a[1])[0]![0];
  const body = lines.filter((line) => Math.abs(line.size - size) < 0.5);

  const steps: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const [a, b] = [body[i - 1]!, body[i]!];
    const step = b.y - a.y;
    if (a.page === b.page && step > 0.9 * size && step < 3 * size) steps.push(step);
  }
  const pitch = mode(steps, 0.5) ?? 1.5 * size;

  // The left edge: the leftmost start that many lines share (wrapped lines start there; first
  // lines are indented, centred lines start anywhere), within 2 pt.
  const starts = body.map((line) => line.x0).sort((a, b) => a - b);
  const enough = Math.max(2, 0.15 * body.length);
  let left = starts[0]!;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j]! <= starts[i]! + 2) j++;
    if (j - i >= enough) {
      left = starts[i]!;
      break;
    }
  }
  // The right edge: where full lines end, the top of the densest 1 em window of line ends
  // (justified lines end within a point of it, ragged ones within an em; short lines anywhere).
  const ends = body.filter((line) => [...line.text].length >= 8).map((line) => line.x1).sort((a, b) => a - b);
  let right = Math.max(...body.map((line) => line.x1));
  let best = 0;
  for (let i = 0, j = 0; i < ends.length; i++) {
    // ends[j..i] lie within 1 em below ends[i]; a later end (equal counts) wins.
    while (ends[j]! < ends[i]! - size) j++;
    let k = i;
    while (k + 1 < ends.length && ends[k + 1]! <= ends[i]! + 0.5) k++;
    const count = k - j + 1;
    if (count >= best) [best, right] = [count, ends[i]!];
  }
  return { size, pitch, left, right: Math.max(right, left + size) };
}

export type Kind = "big" | "left" | "indent" | "centred" | "other";

/** A line ending within this many em of the right edge is full: its paragraph goes on (Word may leave one character's room for 避头尾). */
const FULL_EM = 1.5;
/** Indents from this many em to INDENT_MAX_EM are a first line's 2-character indent. */
const INDENT_MIN_EM = 0.8;
const INDENT_MAX_EM = 3.3;
/** A size this much above the body's is a title's or a 版头's. */
const BIG = 1.15;

export function kindOf(line: Line, m: Metrics): Kind {
  if (line.size > BIG * m.size) return "big";
  const start = line.x0 - m.left;
  const end = m.right - line.x1;
  const em = m.size;
  if (!isFull(line, m) && start > INDENT_MIN_EM * em && end > INDENT_MIN_EM * em && Math.abs(start - end) <= 1.5 * em) return "centred";
  if (start < INDENT_MIN_EM * em) return "left";
  if (start <= INDENT_MAX_EM * em) return "indent";
  return "other";
}

export function isFull(line: Line, m: Metrics): boolean {
  return m.right - line.x1 <= FULL_EM * m.size;
}

// ---------------------------------------------------------------------------------------------
// Page furniture

const FOLIO = [
  /^[-—–－一_~·•]*[0-9０-９]{1,4}[-—–－一_~·•]*$/u,
  /^第[0-9０-９]{1,4}页(?:[，,/]?共[0-9０-９]{1,4}页)?$/u,
  /^[0-9]{1,4}\/[0-9]{1,4}$/u,
  /^(?:page)?[0-9]{1,4}(?:of[0-9]{1,4})?$/iu,
];
export const isFolio = (text: string): boolean => FOLIO.some((shape) => shape.test(compact(text)));

/**
 * Furniture stands apart: measured on the fixtures' GB/T 9704 pages, a running head sits 2.4
 * pitches above the first body line and the folio 1.4–1.5 below the last (7 mm under the 版心),
 * while consecutive body lines are 1.0 apart and a paragraph's extra space rarely reaches 1.25.
 */
const APART = 1.25;
/** …and in the top or bottom fifth of the page. */
const MARGIN_ZONE = 0.2;
/**
 * A running head printed once (a two-page reply's second page) is also set smaller than the body:
 * heads and feet are 9–10.5 pt over a 16 pt body (0.56–0.66), while the 版记 (抄送, 印发) is 14 pt
 * (0.875) and must stay.
 */
const HEAD_SMALLER = 0.8;
/** 版记 lines, never furniture wherever they stand. */
const ENDNOTE = /^(?:抄\s*送|抄\s*报|联\s*系|附\s*件)|印\s*发$/u;

interface Furniture {
  line: Line;
  why: "folio" | "running head" | "running foot";
}

/**
 * The lines at a page's top or bottom that stand apart in the margin, outermost first: up to
 * three lines in the margin zone, separated from the body by a gap of more than APART pitches,
 * or set smaller than the body right up to it (a word processor's footer: measured 0.8–0.9 pitch
 * under the last line, its folio 0.6 under the running foot).
 */
function marginLines(lines: Line[], page: PdfPage, m: Metrics, edge: "top" | "bottom"): Line[] {
  const ordered = edge === "top" ? lines : [...lines].reverse();
  const small = (line: Line) => line.size < HEAD_SMALLER * m.size;
  for (let n = 1; n <= Math.min(3, ordered.length); n++) {
    const line = ordered[n - 1]!;
    const inZone = edge === "top" ? line.y < MARGIN_ZONE * page.height : line.y > (1 - MARGIN_ZONE) * page.height;
    if (!inZone) return [];
    const next = ordered[n];
    if (!next || Math.abs(next.y - line.y) > APART * m.pitch) return ordered.slice(0, n);
    if (!small(next) && ordered.slice(0, n).every(small)) return ordered.slice(0, n);
  }
  return [];
}

const SENTENCE = /[。；！？：]/u;

/**
 * Folios (— 3 —, - 3 -, 第3页 共5页) wherever they stand apart at the top or bottom; lines
 * repeated at the same place on two or more pages (the same text, numbers aside), apart in the
 * margin and no bigger than the body (a red 版头 repeated on each reply's first page stays).
 */
function repeatedFurniture(pages: PdfPage[], lines: Map<number, Line[]>, m: Metrics): Furniture[] {
  const found: Furniture[] = [];
  const candidates: { line: Line; edge: "top" | "bottom" }[] = [];
  for (const page of pages) {
    for (const edge of ["top", "bottom"] as const) {
      for (const line of marginLines(lines.get(page.number) ?? [], page, m, edge)) {
        if (isFolio(line.text)) found.push({ line, why: "folio" });
        else candidates.push({ line, edge });
      }
    }
  }
  const groups = new Map<string, { line: Line; edge: "top" | "bottom" }[]>();
  for (const candidate of candidates) {
    const { line, edge } = candidate;
    if (line.red || line.size > 1.05 * m.size) continue;
    const key = `${edge} ${compact(line.text).replace(/[0-9０-９]+/gu, "#")}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  for (const group of groups.values()) {
    for (const { line, edge } of group) {
      const same = group.filter((other) => Math.abs(other.line.y - line.y) <= 3);
      if (new Set(same.map((other) => other.line.page)).size >= 2) found.push({ line, why: edge === "top" ? "running head" : "running foot" });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Where replies start

/** How a reply's title ends: …的答复, …答复的函, …答复的摘要, …的答复（摘要）, …的复函. */
const TITLE_END = /(?:的答复|答复的函|答复的摘要|答复摘要|的答复函|的复函|办理情况摘要|的答复[（(]摘要[）)]|答复的函[（(]摘要[）)]|的答复意见)$/u;
const DOC_NUMBER = /\p{Script=Han}{1,12}[〔［\[【（(]\s*[0-9０-９]{4}\s*[〕］\]】）)]\s*第?\s*[0-9０-９]{1,6}\s*号/u;

/**
 * The lines at the top of a page before its first body line: a 版头, a 文号, a title (centred or
 * larger than the body), in the top half of the page.
 */
function leadingLines(lines: Line[], page: PdfPage, m: Metrics): Line[] {
  const leading: Line[] = [];
  for (const line of lines) {
    if (leading.length >= 8 || line.y > 0.5 * page.height) break;
    const kind = kindOf(line, m);
    if ((kind === "left" || kind === "indent") && !DOC_NUMBER.test(line.text)) break;
    leading.push(line);
  }
  return leading;
}

/**
 * A reply starts on a page whose leading lines hold its title: the line that ends like a title,
 * with the lines above it in the same size (a title wrapped or set over several lines), never a
 * red line or a 文号 (the 版头 and the 文号 above a title are not part of it).
 */
function titleAt(leading: Line[]): { start: number; title: string } | undefined {
  const part = (line: Line) => !line.red && !DOC_NUMBER.test(line.text);
  for (let end = 0; end < leading.length; end++) {
    if (!part(leading[end]!)) continue;
    let start = end;
    while (start > 0 && part(leading[start - 1]!) && Math.abs(leading[start - 1]!.size - leading[start]!.size) < 0.5) start--;
    const title = leading.slice(start, end + 1).map((line) => compact(line.text)).join("");
    if (TITLE_END.test(title) && /建议|提案|议案/u.test(title)) return { start, title };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/** A vertical step this many pitches or more between lines of one page is a paragraph's space. */
const PARAGRAPH_SPACE = 1.5;
/** Two lines of a title (larger than the body, centred or full) follow each other at up to this many times their size. */
const TITLE_LEADING = 1.7;
const SECTION_HEADING = /^[一二三四五六七八九十]{1,3}、/u;

interface Paragraph {
  text: string;
  kind: Kind;
  size: number;
  open: boolean;
  last: Line;
  pagesCrossed: number;
}

/** What cannot be split from a line's first character: the punctuation that may not start a line after it (避头), or a run of Latin letters and digits. */
const FIRST_UNIT = /^(?:[A-Za-z0-9.,%\-+/]+|.[，。、；：？！”’）》」』】〕…—]*)/u;

/**
 * The line before `line` ended because `line`'s first word would not fit: it is full, or short by
 * no more than that word (in ragged-right text, and where 避头尾 carried a character over with its
 * comma). A shorter line ended its paragraph. Widths of the word are estimated: 1 em a CJK
 * character, 0.55 em a Latin letter or digit.
 */
function brokeBefore(previous: Line, line: Line, m: Metrics): boolean {
  const short = m.right - previous.x1;
  if (short <= FULL_EM * m.size) return true;
  const unit = FIRST_UNIT.exec(line.text)?.[0] ?? "";
  const width = [...unit].reduce((sum, char) => sum + (/[A-Za-z0-9.,%\-+/]/.test(char) ? 0.55 : 1), 0);
  return short <= (width + 0.5) * m.size;
}

function buildParagraphs(lines: Line[], m: Metrics): { paragraphs: Paragraph[]; crossed: number } {
  const paragraphs: Paragraph[] = [];
  let crossed = 0;
  for (const line of lines) {
    const kind = kindOf(line, m);
    const current = paragraphs.at(-1);
    const samePage = current && current.last.page === line.page;
    const step = current && samePage ? line.y - current.last.y : 0;
    let joins = false;
    if (current && current.open && kind === "left" && !SECTION_HEADING.test(line.text) && Math.abs(line.size - current.size) < 0.5 && brokeBefore(current.last, line, m)) {
      // A wrapped line: the line before was full, and no paragraph space (or a page break) between.
      joins = samePage ? step < PARAGRAPH_SPACE * m.pitch : line.page === current.last.page + 1;
    } else if (current && current.kind === "big" && kind === "big" && samePage && Math.abs(line.size - current.size) < 0.5) {
      // A title wrapped over two lines.
      joins = step <= TITLE_LEADING * line.size;
    }
    if (current && joins) {
      const before = current.text.at(-1) ?? "";
      const after = line.text[0] ?? "";
      current.text += /[A-Za-z]/.test(before) && /[A-Za-z]/.test(after) ? ` ${line.text}` : line.text;
      if (!samePage) {
        current.pagesCrossed++;
        crossed++;
      }
      current.last = line;
    } else {
      paragraphs.push({ text: line.text, kind, size: line.size, open: false, last: line, pagesCrossed: 0 });
    }
    const paragraph = paragraphs.at(-1)!;
    // Body text goes on after a full line; a short line ends its paragraph, and centred or
    // right-aligned lines (文号, signature, date) stand alone.
    paragraph.open = (paragraph.kind === "left" || paragraph.kind === "indent") && kind !== "centred" && kind !== "other";
  }
  return { paragraphs, crossed };
}

// ---------------------------------------------------------------------------------------------
// The whole file

/** 3 → “page 3”, [3, 4, 5, 7] → “pages 3–5, 7”. */
export function pagesPhrase(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    spans.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? "page" : "pages"} ${spans.join(", ")}`;
}

const quote = (text: string, max = 24): string => {
  const chars = [...text];
  return `“${chars.length > max ? `${chars.slice(0, max).join("")}…` : text}”`;
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function layoutPages(pages: PdfPage[]): Layout {
  if (!pages.length) return { ok: false, reason: "the PDF has no pages" };
  const chars = (page: PdfPage) => page.items.reduce((n, item) => n + compact(item.str).length, 0);
  const textless = pages.filter((page) => chars(page) < MIN_PAGE_CHARS);
  const imagePages = textless.filter((page) => (page.images ?? 0) > 0);
  if (textless.length === pages.length) {
    if (imagePages.length) return { ok: false, reason: SCANNED(imagePages.length) };
    return { ok: false, reason: `the PDF has no text layer and no images (${plural(pages.length, "page")}): its pages are blank or their text is drawn as outlines; ${OCR_WAY}` };
  }

  const radicals = new Map<number, Map<string, number>>();
  const linesByPage = new Map<number, Line[]>();
  for (const page of pages) {
    radicals.set(page.number, new Map());
    linesByPage.set(page.number, pageLines(page, radicals.get(page.number)));
  }
  const m = measure([...linesByPage.values()].flat())!;

  // Folios and furniture repeated on several pages first: a reply's title must be the first thing on its page.
  const furniture = repeatedFurniture(pages, linesByPage, m);
  const dropped = new Set(furniture.map((f) => f.line));
  const kept = (page: PdfPage) => (linesByPage.get(page.number) ?? []).filter((line) => !dropped.has(line));

  const starts: { page: number; masthead?: Line }[] = [];
  for (const page of pages) {
    const leading = leadingLines(kept(page), page, m);
    const found = titleAt(leading);
    if (!found) continue;
    // The 版头: the issuer's name above the title (and above the 文号), red or larger than the title.
    const first = leading[0]!;
    const bigger = first.red || first.size >= leading[found.start]!.size + 1;
    const masthead = found.start > 0 && bigger && [...compact(first.text)].length <= 30 && !DOC_NUMBER.test(first.text) ? first : undefined;
    starts.push({ page: page.number, masthead });
  }

  // A running head printed on one page only (a two-page reply): in the top margin of a page that
  // does not start a reply, smaller than the body, and not a sentence.
  for (const page of pages) {
    if (starts.some((start) => start.page === page.number)) continue;
    for (const line of marginLines(kept(page), page, m, "top")) {
      const head = line.size < HEAD_SMALLER * m.size && !line.red && [...line.text].length <= 40;
      if (head && !SENTENCE.test(line.text) && !ENDNOTE.test(compact(line.text)) && !isFolio(line.text)) {
        furniture.push({ line, why: "running head" });
        dropped.add(line);
      }
    }
  }

  const firstStart = starts[0]?.page ?? 1;
  // Scanned pages inside the replies would lose their text silently: refuse, naming them.
  const scannedInside = imagePages.filter((page) => page.number >= firstStart).map((page) => page.number);
  if (scannedInside.length) {
    const verb = scannedInside.length === 1 ? "is a scan" : "are scans";
    return { ok: false, reason: `a PDF whose ${pagesPhrase(scannedInside)} (of ${pages.length}) ${verb} with no text layer: ${OCR_WAY}` };
  }

  // A reply ends before the blank pages (a verso left empty so the next reply opens on a right-hand
  // page) and the divider pages (a part title alone, larger than the body) that follow it.
  const filler = (page: PdfPage) => kept(page).length <= 4 && kept(page).every((line) => kindOf(line, m) === "big");
  const spans = (starts.length ? starts : [{ page: 1, masthead: undefined }]).map((start, i) => {
    let last = (starts[i + 1]?.page ?? pages.length + 1) - 1;
    const left: PdfPage[] = [];
    while (last > start.page && filler(pages[last - 1]!)) {
      left.unshift(pages[last - 1]!);
      last--;
    }
    return { ...start, last, left };
  });
  const before = pages.filter((page) => page.number < firstStart);
  const parts: ExtractedText[] = [];
  for (const [i, span] of spans.entries()) {
    const own = pages.filter((page) => page.number >= span.page && page.number <= span.last);
    const lines = own.flatMap(kept);
    if (!lines.length) continue;
    const metrics = measure(lines)!;
    const { paragraphs, crossed } = buildParagraphs(lines, metrics);

    const notes: string[] = [];
    if (i === 0 && before.length) {
      const what = before.map((page) => `${page.number} ${quote(kept(page)[0]?.text ?? "(no text)", 16)}`).join(", ");
      notes.push(`PDF: ${pagesPhrase(before.map((page) => page.number))} before the first reply left out (cover, contents): ${what}`);
    }
    const which = spans.length > 1 ? ` (reply ${i + 1} of ${spans.length})` : starts.length ? "" : " (no reply title at the top of a page: read as one text)";
    notes.push(`PDF ${pagesPhrase(own.map((page) => page.number))}${which}: ${lines.length} lines rebuilt into ${plural(paragraphs.length, "paragraph")} from their positions (body ${metrics.size} pt, lines ${metrics.pitch} pt apart)`);
    if (span.masthead) notes.push(`版头 ${quote(span.masthead.text)} kept as the first line (${span.masthead.red ? "red, " : ""}${span.masthead.size} pt)`);
    const ownFurniture = furniture.filter((f) => f.line.page >= span.page && f.line.page <= span.last);
    const folios = ownFurniture.filter((f) => f.why === "folio");
    if (folios.length) notes.push(`folios removed on ${pagesPhrase(folios.map((f) => f.line.page))}`);
    for (const why of ["running head", "running foot"] as const) {
      const found = ownFurniture.filter((f) => f.why === why);
      for (const text of new Set(found.map((f) => f.line.text))) {
        notes.push(`${why} ${quote(text)} removed (${pagesPhrase(found.filter((f) => f.line.text === text).map((f) => f.line.page))})`);
      }
    }
    if (crossed) notes.push(`${plural(crossed, "paragraph")} continued across a page break, joined`);
    if (span.left.length) {
      const what = span.left.map((page) => (kept(page).length ? quote(kept(page).map((line) => line.text).join(" "), 16) : "blank")).join(", ");
      notes.push(`PDF: ${pagesPhrase(span.left.map((page) => page.number))} after the reply left out (${what})`);
    }
    const replaced = new Map<string, number>();
    for (const page of own) for (const [pair, n] of radicals.get(page.number)!) replaced.set(pair, (replaced.get(pair) ?? 0) + n);
    if (replaced.size) {
      const total = [...replaced.values()].reduce((a, b) => a + b, 0);
      const shown = [...replaced.keys()].slice(0, 6).join(", ");
      notes.push(`text layer: ${plural(total, "radical")} read as the ideographs they draw (${shown}${replaced.size > 6 ? ", …" : ""}): the font's ToUnicode map names radicals for shared glyphs`);
    }
    parts.push({ text: `${paragraphs.map((p) => p.text).join("\n\n")}\n`, pages: { first: span.page, last: span.last }, notes });
  }
  if (!parts.length) return { ok: false, reason: "the PDF's text layer holds no lines of text" };
  return { ok: true, parts };
}
