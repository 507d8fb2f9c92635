/**
 * Rebuilds paragraphs from text whose line breaks are layout: PDF copies wrapped at
 * ~28 characters, paragraphs marked by a leading 　　 indent, a paragraph cut by a
 * page break, or blank-line separated paragraphs as web pages give them. Pure.
 */
import type { Change } from "./changes.ts";

export interface SourceLine {
  /** 1-based line number in the source. */
  no: number;
  text: string;
}

export interface Paragraph {
  text: string;
  firstLine: number;
  lastLine: number;
  heading: boolean;
}

const INDENT = /^[\u3000\u00a0 \t]+/;
/** A line that ends a sentence: 。！？；：… possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[。！？；：…!?;:](?:[”’」』）)》】"']*)$/;
/** Top-level section headings of a reply: 一、关于… */
const SECTION_HEADING = /^[一二三四五六七八九十]{1,3}、/;

export function isSectionHeading(text: string): boolean {
  return SECTION_HEADING.test(text) && !text.includes("。") && [...text].length <= 60;
}

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

interface Layout {
  indentMarksParagraphs: boolean;
  /** The width PDF text was wrapped at, or 0 when lines are not wrapped. */
  wrapWidth: number;
}

function detectLayout(lines: SourceLine[]): Layout {
  const nonEmpty = lines.filter((line) => line.text.trim());
  const indented = nonEmpty.filter((line) => INDENT.test(line.text)).length;
  const blank = lines.length - nonEmpty.length;
  const indentMarksParagraphs = indented >= 2 && indented < nonEmpty.length * 0.9 && blank < nonEmpty.length * 0.3;

  const lengths = nonEmpty.map((line) => [...line.text.trim()].length).filter((n) => n >= 12);
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  let wrapWidth = 0;
  for (const [width, count] of counts) {
    // Wrapped text: many lines share one length (±1 for a hanging punctuation mark), and it is the longest common length.
    const near = (counts.get(width - 1) ?? 0) + count + (counts.get(width + 1) ?? 0);
    if (near >= Math.max(3, nonEmpty.length * 0.3) && width <= 80 && width > wrapWidth) wrapWidth = width;
  }
  return { indentMarksParagraphs, wrapWidth };
}

/** Joins the body's lines into paragraphs; records each join and removed indentation. */
export function buildParagraphs(lines: SourceLine[]): { paragraphs: Paragraph[]; changes: Change[] } {
  const layout = detectLayout(lines);
  const paragraphs: Paragraph[] = [];
  const changes: Change[] = [];
  const indentLines: number[] = [];
  let blankBefore = false;
  let previousLineText = "";
  let pageBreakJoins: number[] = [];

  const flush = () => {
    const last = paragraphs.at(-1);
    if (last && last.lastLine > last.firstLine && !pageBreakJoins.length) {
      changes.push({ kind: "join", line: last.firstLine, note: `lines ${last.firstLine}–${last.lastLine} joined into one paragraph (hard line breaks)` });
    } else if (last && pageBreakJoins.length) {
      changes.push({ kind: "join", line: last.firstLine, note: `lines ${last.firstLine}–${last.lastLine} joined into one paragraph: it continued after a break at line ${pageBreakJoins.join(", ")}` });
    }
    pageBreakJoins = [];
  };

  for (const line of lines) {
    const raw = line.text;
    if (!raw.trim()) {
      blankBefore = true;
      continue;
    }
    const indented = INDENT.test(raw);
    const text = raw.replace(INDENT, "").trimEnd();
    if (indented) indentLines.push(line.no);

    const current = paragraphs.at(-1);
    // A line as long as the wrap width was cut there; a longer one was not wrapped at all.
    const previousLength = [...previousLineText].length;
    const previousFull = layout.wrapWidth > 0 && previousLength >= layout.wrapWidth - 2 && previousLength <= layout.wrapWidth + 1;
    let continues = false;
    if (current && !current.heading) {
      // Indented text: only an indent (or a section heading) starts a paragraph, even after a page break.
      if (layout.indentMarksParagraphs) continues = !indented && !isSectionHeading(text);
      else if (blankBefore) continues = !endsSentence(current.text);
      else if (layout.wrapWidth) continues = previousFull || !endsSentence(current.text);
      else continues = !endsSentence(current.text);
    } else if (current?.heading) {
      // A heading wrapped by the PDF: its first line is full and does not end the heading.
      continues = previousFull && !blankBefore && !isSectionHeading(text) && !indented && !endsSentence(current.text);
    }

    if (current && continues) {
      if (blankBefore) pageBreakJoins.push(current.lastLine);
      current.text += text;
      current.lastLine = line.no;
      current.heading = isSectionHeading(current.text);
    } else {
      flush();
      paragraphs.push({ text, firstLine: line.no, lastLine: line.no, heading: isSectionHeading(text) });
    }
    previousLineText = text;
    blankBefore = false;
  }
  flush();
  if (indentLines.length) {
    changes.push({ kind: "indent", line: indentLines[0], note: `removed leading indentation on ${describeLines(indentLines)}` });
  }
  return { paragraphs, changes };
}

export function describeLines(lines: number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 12).join(", ");
  return `${lines.length} lines (${shown}${lines.length > 12 ? ", …" : ""})`;
}
