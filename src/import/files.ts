/** File-system adapter of the importer: reads raw files and sidecars, writes letter files atomically. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { listLetterFiles } from "../archive.ts";
import { writeFileAtomic } from "../atomic.ts";
import { distinctLetterId, docNumberKey, documentId, letterPath } from "../model/ids.ts";
import { recipientLabel } from "../model/titles.ts";
import { parseLetterFile, serializeLetterFile } from "../model/letter-file.ts";
import type { AgencyCatalogue } from "../model/agencies.ts";
import type { LetterData } from "../model/letter.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import type { Change } from "./changes.ts";
import type { ImportOutcome } from "./body.ts";
import { extract } from "./formats/index.ts";
import { importText } from "./text.ts";

export interface ImportOptions {
  outDir: string;
  catalogue: SessionCatalogue;
  agencies: AgencyCatalogue;
  force?: boolean;
  /** A folder of sidecar files named <raw file name>.meta.yaml, besides the raw file's own folder. */
  metaDir?: string;
  /** docNumberKey(文号) → the letter file in outDir holding it (indexDocNumbers); read from outDir when not given. */
  docNumbers?: Map<string, ArchivedNumber>;
}

export interface FileReport {
  file: string;
  status: "written" | "unchanged" | "error";
  target?: string;
  summary?: string;
  error?: string;
  changes: Change[];
  review: string[];
  notes: string[];
  audit?: string;
}

/**
 * Imports one raw file: one report per letter in it (a compendium PDF holds several; every
 * other file one). Never throws for bad input: a failure is a report with `error`.
 */
export async function importFile(path: string, options: ImportOptions): Promise<FileReport[]> {
  const file = basename(path);
  const base: FileReport = { file: path, status: "error", changes: [], review: [], notes: [] };
  const fail = (error: string, report = base): FileReport[] => [{ ...report, status: "error", error }];

  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const extraction = await extract(bytes, file);
  if (!extraction.ok) return fail(`${extraction.reason}; nothing written`);

  let overrides: Record<string, unknown> | undefined;
  const sidecar = [join(options.metaDir ?? dirname(path), `${file}.meta.yaml`), `${path}.meta.yaml`].find((p) => existsSync(p));
  if (sidecar) {
    try {
      const parsed = parseYaml(readFileSync(sidecar, "utf8")) as unknown;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return fail(`sidecar ${sidecar} must hold fields such as \`date: 2020-03-05\``);
      overrides = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
      base.notes.push(`sidecar ${sidecar}`);
    } catch (error) {
      return fail(`sidecar ${sidecar} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const several = extraction.parts.length > 1;
  return extraction.parts.map((part) => {
    const pages = part.pages && (part.pages.first === part.pages.last ? `page ${part.pages.first}` : `pages ${part.pages.first}–${part.pages.last}`);
    const report: FileReport = { ...base, file: several && pages ? `${path} (${pages})` : path, notes: [...base.notes, ...part.notes] };
    const source = {
      file,
      sha256,
      ...(extraction.format === "text" ? {} : { format: extraction.format }),
      ...(part.pages ? { pages: part.pages } : {}),
    };
    const outcome = importText({ text: part.text, source, catalogue: options.catalogue, agencies: options.agencies, overrides, evidence: part.evidence });
    if (outcome.kind === "error") return fail(outcome.line ? `line ${outcome.line}: ${outcome.message}` : outcome.message, report)[0]!;
    return writeOutcome(outcome, { ...report, changes: outcome.changes, review: outcome.review, audit: outcome.audit }, sha256, options);
  });
}

/** Where an imported letter or document goes, the duplicate checks, and the atomic write. */
function writeOutcome(outcome: Exclude<ImportOutcome, { kind: "error" }>, report: FileReport, sha256: string, options: ImportOptions): FileReport {
  const fail = (error: string): FileReport => ({ ...report, status: "error", error });
  const { body } = outcome;
  let data: Record<string, unknown> = outcome.data;
  let target: string;
  let replaced: string | undefined;
  if (outcome.kind === "letter") {
    let letter = outcome.data;
    target = join(options.outDir, letterPath(letter));
    const holder = letter.docNumber && existsSync(target) ? docNumberIn(readFileSync(target, "utf8")) : undefined;
    if (letter.docNumber && holder && docNumberKey(holder) !== docNumberKey(letter.docNumber)) {
      const id = distinctLetterId(letter.docNumber);
      const taken = target;
      letter = withId(letter, id);
      data = letter;
      target = join(options.outDir, letterPath(letter));
      report.changes.push({ kind: "id", note: `id ${id}: ${relative(".", taken)} holds ${holder}, whose initials read the same; the id is written into the front matter so it stays` });
    }
    report.summary = [
      letter.kind === "summary" ? `summary (答复摘要) ${letter.docNumber ?? "without 文号"}` : `letter ${letter.docNumber}`,
      `${letter.issuer}`,
      `${letter.session} 第${letter.proposalNumber}号${letter.proposalType}`,
      ...(letter.recipients.length ? [letter.recipients.map(recipientLabel).join("、")] : []),
      letter.date,
    ].join(" · ");
    const docNumbers = (options.docNumbers ??= indexDocNumbers(options.outDir));
    const existing = letter.docNumber ? docNumbers.get(docNumberKey(letter.docNumber)) : undefined;
    const clash = existing !== undefined && existing.path !== target ? existing : undefined;
    if (clash && !options.force) return fail(duplicate(`文号 ${letter.docNumber} (the same number, with or without 第)`, clash.path, clash.sourceFile, letter.source.file));
    if (clash) replaced = clash.path;
  } else {
    target = join(options.outDir, "documents", outcome.data.date.slice(0, 4), `${documentId(outcome.data.title, outcome.data.date)}.md`);
    report.summary = `related document 《${outcome.data.title}》 · ${outcome.data.publisher} · ${outcome.data.date}${outcome.data.truncated ? " · truncated" : ""}`;
  }
  report.target = target;

  const content = serializeLetterFile(data, body);
  if (existsSync(target)) {
    const existing = readFileSync(target, "utf8");
    if (existing === content) return { ...report, status: "unchanged" };
    const held = parseLetterFile(existing).data as { docNumber?: string; title?: string; source?: { sha256?: string; file?: string } } | undefined;
    if (held?.source?.sha256 !== sha256 && !options.force) {
      const what = outcome.kind === "letter" ? `文号 ${held?.docNumber ?? outcome.data.docNumber ?? ""}` : `related document 《${outcome.data.title}》`;
      return fail(duplicate(what, target, held?.source?.file, outcome.data.source.file));
    }
    if (held?.source?.sha256 !== sha256) report.review.push(`--force: this file replaced ${target}, imported from ${held?.source?.file ?? "an unknown source"}; check that this one should stand`);
  }
  writeFileAtomic(target, content);
  if (outcome.kind === "letter" && outcome.data.docNumber) options.docNumbers?.set(docNumberKey(outcome.data.docNumber), { path: target, sourceFile: outcome.data.source.file });
  if (replaced) {
    rmSync(replaced);
    report.review.push(`--force: this file replaced ${replaced}, which held the same 文号 from another source; check that this one should stand`);
  }
  return { ...report, status: "written" };
}

/** FILE and FOLDER arguments to raw files: folders recursively, without sidecars and hidden files, in a stable order. */
export function listRawFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      missing.push(path);
      continue;
    }
    if (!statSync(path).isDirectory()) {
      files.push(path);
      continue;
    }
    const found = readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".meta.yaml"))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !relative(path, file).split(sep).some((part) => part.startsWith(".")));
    files.push(...found);
  }
  // Code-point order, the same on every machine.
  return { files: [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), missing };
}

/** A refusal naming what is duplicated, the letter file that holds it, the raw file it came from, and this raw file. */
function duplicate(what: string, holder: string, holderSource: string | undefined, source: string): string {
  return `duplicate ${what}: ${holder} already holds it, imported from ${holderSource ?? "an unknown source"}; this file (${source}) is another source. Keep one: remove ${holder} and import again, or import with --force to replace it with this file`;
}

function docNumberIn(letterFile: string): string | undefined {
  return /^docNumber: "?([^"\n]+)"?$/m.exec(letterFile.slice(0, 3000))?.[1];
}

/** The letter with an id, placed after its 文号 in the front matter. */
function withId(letter: LetterData, id: string): LetterData {
  const entries = Object.entries(letter);
  const at = entries.findIndex(([key]) => key === "docNumber") + 1;
  return Object.fromEntries([...entries.slice(0, at), ["id", id], ...entries.slice(at)]) as LetterData;
}

export interface ArchivedNumber {
  path: string;
  /** The raw file the letter was imported from (its source.file). */
  sourceFile?: string;
}

export function indexDocNumbers(outDir: string): Map<string, ArchivedNumber> {
  const index = new Map<string, ArchivedNumber>();
  if (!existsSync(outDir)) return index;
  for (const file of listLetterFiles(outDir, ".")) {
    const path = join(outDir, file);
    const head = readFileSync(path, "utf8").slice(0, 3000);
    const docNumber = docNumberIn(head);
    const sourceFile = /^source:\n\s+file: "?([^"\n]+)"?$/m.exec(head)?.[1];
    if (docNumber) index.set(docNumberKey(docNumber), { path, sourceFile });
  }
  return index;
}
