/** A letter file: YAML front matter between --- lines, then a Markdown body. Pure: strings in, values out. */
import jsYaml from "js-yaml";
import { Document, isMap, isScalar, LineCounter, parseDocument, type Pair } from "yaml";

export interface ParsedFile {
  data: unknown;
  body: string;
  /** 1-based line in the file where a top-level field's value starts, for error messages. */
  lineOf(field: string): number | undefined;
  errors: { line: number; message: string }[];
}

/**
 * Reading is the hot path of every build (10,000s of files), so it uses js-yaml, about
 * 14× faster than yaml's document API; the line numbers that only error messages need
 * are worked out lazily with yaml's line counter. The core schema matches YAML 1.2: an
 * unquoted 2020-10-27 stays a string, never a Date in the machine's time zone.
 */
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
  const yaml = match[1] ?? "";
  const body = content.slice(match[0].length).replace(/^\n+/, "");
  try {
    const data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA, json: false });
    return { data, body, lineOf: (field) => lineOfField(yaml, field), errors: [] };
  } catch (error) {
    const exception = error as { reason?: string; mark?: { line?: number }; message: string };
    return {
      data: undefined,
      body,
      lineOf: () => undefined,
      // +2: the opening --- line, and js-yaml counts from 0.
      errors: [{ line: (exception.mark?.line ?? 0) + 2, message: `YAML: ${exception.reason ?? exception.message.split("\n")[0]}` }],
    };
  }
}

function lineOfField(yaml: string, field: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter });
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((item: Pair) => isScalar(item.key) && item.key.value === field);
  const offset = (pair?.value as { range?: number[] } | undefined)?.range?.[0] ??
    (pair?.key as { range?: number[] } | undefined)?.range?.[0];
  // +1: the opening --- line.
  return offset === undefined ? undefined : lineCounter.linePos(offset).line + 1;
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
