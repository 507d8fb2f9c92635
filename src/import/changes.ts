/** What the importer did to a text, line by line, so an archivist can audit it. */

export type ChangeKind =
  | "encoding"
  | "folio"
  | "join"
  | "indent"
  | "whitespace"
  | "bracket"
  | "header"
  | "signature"
  | "junk"
  | "heading"
  | "sidecar"
  | "issuer"
  | "endnote"
  | "running-head"
  | "id"
  | "evidence";

export interface Change {
  kind: ChangeKind;
  /** 1-based line in the source (after decoding), where known. */
  line?: number;
  /** What happened, in a few words. */
  note: string;
  /** Text taken out of the body (counted by the no-text-lost audit), if any. */
  removed?: string;
}

/** 1-based line of an offset in text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A short excerpt for the report: the text around an offset, on one line. */
export function contextAt(text: string, start: number, end: number, width = 6): string {
  const before = text.slice(Math.max(0, start - width), start).replace(/\s+/g, " ");
  const after = text.slice(end, end + width).replace(/\s+/g, " ");
  return `…${before}[${text.slice(start, end)}]${after}…`;
}
