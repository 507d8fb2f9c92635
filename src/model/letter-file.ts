/** A letter file: YAML front matter between --- lines, then a Markdown body. Pure: strings in, values out. */
import { Document, isMap, isScalar, LineCounter, parseDocument, type Pair } from "yaml";

export interface ParsedFile {
  data: unknown;
  body: string;
  /** 1-based line in the file where a top-level field's value starts, for error messages. */
  lineOf(field: string): number | undefined;
  errors: { line: number; message: string }[];
}

export function parseLetterFile(text: string): ParsedFile {
  const content = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(content);
  if (!match) {
    return {
      data: undefined,
      body: content,
      lineOf: () => undefined,
      errors: [{ line: 1, message: "no front matter: the file must start with a line '---'" }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(match[1] ?? "", { lineCounter, uniqueKeys: true });
  const errors = doc.errors.map((error) => ({
    line: (error.linePos?.[0]?.line ?? 0) + 1,
    message: `YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
  }));
  const lineOf = (field: string): number | undefined => {
    if (!isMap(doc.contents)) return undefined;
    const pair = doc.contents.items.find((item: Pair) => isScalar(item.key) && item.key.value === field);
    const offset = (pair?.value as { range?: number[] } | undefined)?.range?.[0] ??
      (pair?.key as { range?: number[] } | undefined)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line + 1;
  };
  return {
    data: errors.length ? undefined : doc.toJS(),
    body: content.slice(match[0].length).replace(/^\n+/, ""),
    lineOf,
    errors,
  };
}

/**
 * Serializes front matter and body deterministically. Strings that YAML 1.1 readers
 * (Eleventy's front-matter parser among them) would turn into numbers or dates are quoted.
 */
export function serializeLetterFile(data: Record<string, unknown>, body: string): string {
  const doc = new Document(data, { version: "1.1" });
  const yaml = doc.toString({ lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}
