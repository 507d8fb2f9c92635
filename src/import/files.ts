/** File-system adapter of the importer: reads raw files and sidecars, writes letter files atomically. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { listLetterFiles } from "../archive.ts";
import { writeFileAtomic } from "../atomic.ts";
import { docNumberKey, documentId, letterId } from "../model/ids.ts";
import { parseLetterFile, serializeLetterFile } from "../model/letter-file.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import type { Change } from "./changes.ts";
import { decodeRaw } from "./decode.ts";
import { importText } from "./text.ts";

export interface ImportOptions {
  outDir: string;
  catalogue: SessionCatalogue;
  force?: boolean;
  /** A folder of sidecar files named <raw file name>.meta.yaml, besides the raw file's own folder. */
  metaDir?: string;
  /** docNumberKey(文号) → file in outDir (indexDocNumbers); read from outDir when not given. */
  docNumbers?: Map<string, string>;
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

export function importFile(path: string, options: ImportOptions): FileReport {
  const file = basename(path);
  const report: FileReport = { file: path, status: "error", changes: [], review: [], notes: [] };
  const fail = (error: string, line?: number): FileReport => ({ ...report, status: "error", error: line ? `line ${line}: ${error}` : error });

  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const decoded = decodeRaw(bytes);
  if (!decoded.ok) return fail(decoded.reason);
  report.notes.push(...decoded.notes);

  let overrides: Record<string, unknown> | undefined;
  const sidecar = [join(options.metaDir ?? dirname(path), `${file}.meta.yaml`), `${path}.meta.yaml`].find((p) => existsSync(p));
  if (sidecar) {
    try {
      const parsed = parseYaml(readFileSync(sidecar, "utf8")) as unknown;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return fail(`sidecar ${sidecar} must hold fields such as \`date: 2020-03-05\``);
      overrides = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
      report.notes.push(`sidecar ${sidecar}`);
    } catch (error) {
      return fail(`sidecar ${sidecar} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const outcome = importText({ text: decoded.text, file, sha256, catalogue: options.catalogue, overrides });
  if (outcome.kind === "error") return fail(outcome.message, outcome.line);
  report.changes = outcome.changes;
  report.review = outcome.review;
  report.audit = outcome.audit;

  const { data, body } = outcome;
  let target: string;
  let replaced: string | undefined;
  if (outcome.kind === "letter") {
    target = join(options.outDir, outcome.data.date.slice(0, 4), `${letterId(outcome.data.docNumber)}.md`);
    report.summary = `letter ${outcome.data.docNumber} · ${outcome.data.session} 第${outcome.data.proposalNumber}号${outcome.data.proposalType} · ${outcome.data.recipients.map((r) => r.name + r.role).join("、")} · ${outcome.data.date}`;
    const docNumbers = (options.docNumbers ??= indexDocNumbers(options.outDir));
    const existing = docNumbers.get(docNumberKey(outcome.data.docNumber));
    const clash = existing !== undefined && existing !== target ? existing : undefined;
    if (clash && !options.force) return fail(`${outcome.data.docNumber} is already in the archive at ${clash} (the same 文号, with or without 第); remove that file, or import with --force to replace it`);
    if (clash) replaced = clash;
  } else {
    target = join(options.outDir, "documents", outcome.data.date.slice(0, 4), `${documentId(outcome.data.title, outcome.data.date)}.md`);
    report.summary = `related document 《${outcome.data.title}》 · ${outcome.data.publisher} · ${outcome.data.date}${outcome.data.truncated ? " · truncated" : ""}`;
  }
  report.target = target;

  const content = serializeLetterFile(data as Record<string, unknown>, body);
  if (existsSync(target)) {
    const existing = readFileSync(target, "utf8");
    if (existing === content) return { ...report, status: "unchanged" };
    const existingSha = (parseLetterFile(existing).data as { source?: { sha256?: string } } | undefined)?.source?.sha256;
    if (existingSha !== sha256 && !options.force) {
      return fail(`${relative(".", target)} already holds this 文号 from another source (sha256 ${existingSha?.slice(0, 12) ?? "unknown"}…); import with --force to replace it`);
    }
  }
  writeFileAtomic(target, content);
  if (outcome.kind === "letter") options.docNumbers?.set(docNumberKey(outcome.data.docNumber), target);
  if (replaced) {
    rmSync(replaced);
    report.notes.push(`replaced ${replaced} (--force)`);
  }
  return { ...report, status: "written" };
}

/**
 * Where each 文号 already stands in outDir, keyed by docNumberKey (a printed 第 does not count). Built once per import run and kept up to date as
 * files are written, so importing many files reads the archive once, not once per file.
 */
export function indexDocNumbers(outDir: string): Map<string, string> {
  const index = new Map<string, string>();
  if (!existsSync(outDir)) return index;
  for (const file of listLetterFiles(outDir, ".")) {
    const path = join(outDir, file);
    const docNumber = /^docNumber: "?([^"\n]+)"?$/m.exec(readFileSync(path, "utf8").slice(0, 2000))?.[1];
    if (docNumber) index.set(docNumberKey(docNumber), path);
  }
  return index;
}
