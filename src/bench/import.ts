/**
 * Import benchmark: N raw replies of mixed formats are written into an inbox folder (the
 * synthetic corpus's letters as an archivist receives them: plain text in the official layout,
 * a PDF copy with 28-character lines and folios, GB18030 text, a saved ministry web page, a Word
 * document; summaries with their sidecar), then `npm run import -- inbox/` runs in a child
 * process. Reported: wall time, files per second, and the outcome counts, which must show every
 * file imported. PDFs are left out: printing a thousand with Chromium would take longer than
 * importing them (their reader is measured by its tests).
 *
 * The web-page and Word generators are the tests' own (tests/fixtures), so the bench reads
 * the same realistic shells the tests check.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocx, paragraphsFromText } from "../../tests/fixtures/docx.ts";
import { ministryPage, SITES } from "../../tests/fixtures/web-pages.ts";
import { encodeGb18030 } from "../../tests/helpers/gb18030.ts";
import { loadCatalogue } from "../archive.ts";
import { formatChineseDate } from "../model/dates.ts";
import type { LetterData } from "../model/letter.ts";
import { replyTitle, salutation } from "../model/titles.ts";
import { generateCorpus } from "./corpus.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Beyond this the inbox alone takes minutes to write; the goal is 1,000 files in under a minute. */
const MAX_FILES = 10_000;
const FORMATS = ["text", "pdf-copy", "gb18030", "html", "docx"] as const;

/** A reply as its issuer prints it: 版头, title, 文号, salutation, body, signature, date, disclosure. */
export function rawReply(letter: LetterData, body: string): string[] {
  const paragraphs = body.split(/\n\n+/u).map((p) => p.replace(/^## /u, ""));
  const head = letter.kind === "summary" ? [replyTitle(letter)] : [letter.issuer, replyTitle(letter), letter.docNumber!, salutation(letter)];
  const close = letter.kind === "summary" ? [] : [letter.issuer, formatChineseDate(letter.date), ...(letter.disclosure ? [`（此件${letter.disclosure}）`] : [])];
  return [...head.filter(Boolean), ...paragraphs, ...close];
}

function pdfCopy(lines: string[]): string {
  const out: string[] = [];
  let page = 1;
  for (const line of lines) {
    const chars = [..."　　" + line];
    for (let i = 0; i < chars.length; i += 28) {
      out.push(chars.slice(i, i + 28).join(""));
      if (out.length % 30 === 0) out.push("", `— ${++page} —`, "");
    }
  }
  return `${out.join("\n")}\n`;
}

function fileFor(letter: LetterData, body: string, format: (typeof FORMATS)[number]): { name: string; bytes: Uint8Array | string } {
  const lines = rawReply(letter, body);
  const text = `${lines.join("\n\n")}\n`;
  switch (format) {
    case "text":
      return { name: "txt", bytes: text };
    case "pdf-copy":
      return { name: "txt", bytes: pdfCopy(lines) };
    case "gb18030":
      return { name: "txt", bytes: encodeGb18030(text) };
    case "html":
      return {
        name: "html",
        bytes: ministryPage({ site: SITES.nhc, charset: { name: "utf-8", as: "meta" }, heading: replyTitle(letter), content: lines, published: letter.date, fontControl: "toolbar" }),
      };
    case "docx":
      return { name: "docx", bytes: buildDocx({ body: paragraphsFromText(text), footerPageField: true }) };
  }
}

export async function benchImport(sizes: number[]): Promise<void> {
  const catalogue = loadCatalogue(PROJECT_ROOT);
  console.log(`${cpus().length} cores; formats in turn: ${FORMATS.join(", ")}`);
  for (const size of sizes) {
    if (size > MAX_FILES) {
      console.log(`${size} files: skipped (the import bench goes up to ${MAX_FILES})`);
      continue;
    }
    const work = mkdtempSync(join(tmpdir(), "fuwen-bench-import-"));
    try {
      const inbox = join(work, "inbox");
      mkdirSync(inbox);
      const letters = generateCorpus(size, catalogue);
      letters.forEach(({ data, body }, i) => {
        const format = FORMATS[i % FORMATS.length]!;
        const { name, bytes } = fileFor(data, body, format);
        const file = join(inbox, `${String(i + 1).padStart(6, "0")}-${format}.${name}`);
        writeFileSync(file, bytes);
        if (data.kind === "summary") writeFileSync(`${file}.meta.yaml`, `issuer: ${data.issuer}\ndate: ${data.date}\n`);
      });
      const started = performance.now();
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--out", join(work, "letters"), "--report", join(work, "report.txt"), inbox], {
        cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 1 << 28,
      });
      const seconds = (performance.now() - started) / 1000;
      const totals = /\d+ file\(s\): .*$/mu.exec(run.stdout)?.[0] ?? `no totals (exit ${run.status}): ${run.stderr.slice(0, 300)}`;
      console.log(`${size} files: ${seconds.toFixed(1)} s, ${(size / seconds).toFixed(0)} files/s — ${totals}`);
      const report = readFileSync(join(work, "report.txt"), "utf8").split("\n");
      for (const failure of report.filter((line) => line.startsWith("✗")).slice(0, 3)) console.log(`  ${failure}`);
      // What the review items are about: their wording up to the first quoted name.
      const kinds = new Map<string, number>();
      for (const line of report.filter((l) => l.startsWith("  needs review: "))) {
        const kind = line.slice(16).replace(/“[^”]*”.*$/u, "…").replace(/\d+/gu, "N").slice(0, 70);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  review ×${n}: ${kind}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}
