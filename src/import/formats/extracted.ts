/**
 * What a file format's reader hands the text importer: the letter's text with its paragraph
 * boundaries, and what the file's wrapper says about it. Each reader (html.ts, docx.ts, pdf.ts)
 * is pure over the file's bytes; sniff.ts decides which one reads a file.
 */

/** The formats Fuwen reads. */
export type Format = "text" | "html" | "docx" | "pdf";

/**
 * Facts a file's wrapper states about the letter, outside its text: a web page's 信息公开 table
 * (发文字号, 发文机关, 成文日期, 标题) and its 发布日期. The importer uses them to confirm or fill the
 * letter's own fields; a disagreement is a review line. `published` is never the reply's date.
 */
export interface Evidence {
  docNumber?: string;
  issuer?: string;
  /** 成文日期, YYYY-MM-DD. */
  date?: string;
  title?: string;
  /** 发布日期, YYYY-MM-DD. */
  published?: string;
}

export interface ExtractedText {
  /**
   * The text as the text importer reads it: one line per paragraph or heading, a blank line
   * between paragraphs where the format knows them (a web page's <p>, a Word paragraph, a PDF
   * paragraph rebuilt from geometry); the wording exactly as in the file.
   */
  text: string;
  /** For a PDF: the pages this text came from (1-based, inclusive). */
  pages?: { first: number; last: number };
  evidence?: Evidence;
  /** What the reader did, for the report: “web page: letter found in div.TRS_Editor; shell removed: …”. */
  notes: string[];
}

export type Extraction =
  | { ok: true; format: Format; encoding?: string; parts: ExtractedText[] }
  | { ok: false; reason: string };
