/**
 * npm run import -- [--out DIR] [--meta DIR] [--force] [--strict] [--report FILE] FILE|FOLDER...
 * Turns raw replies (text, web pages, Word documents, PDFs; folders are read recursively) into
 * normalized letter files. Prints one line per file (a progress bar on a terminal), then a table;
 * the full report, with every change, goes to the report file.
 */
import { parseArgs } from "node:util";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { writeFileAtomic } from "../src/atomic.ts";
import { importFile, indexDocNumbers, listRawFiles, type FileReport } from "../src/import/files.ts";
import { formatReport, formatSummary, statusLine } from "../src/import/report.ts";

const usage = `usage: npm run import -- [--out DIR] [--meta DIR] [--force] [--strict] [--report FILE] FILE|FOLDER...
  --out DIR      where letter files go (default letters)
  --meta DIR     a folder of sidecar files <raw file name>.meta.yaml
  --force        replace a letter that came from another source (asks for review)
  --strict       exit 3 when any item needs review (for an archive's own CI)
  --report FILE  the full report, with every change (default .cache/import-report.txt)`;
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "letters" },
      meta: { type: "string" },
      force: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      report: { type: "string", default: ".cache/import-report.txt" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help || positionals.length === 0) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const listed = listRawFiles(positionals);
for (const missing of listed.missing) console.error(`✗ ${missing}: no such file or folder`);
const catalogue = loadCatalogue(process.cwd());
const agencies = loadAgencies(process.cwd());
const docNumbers = indexDocNumbers(values.out);
const terminal = process.stderr.isTTY === true;
const reports: FileReport[] = [];
for (const [i, path] of listed.files.entries()) {
  if (terminal) process.stderr.write(`\r${progressBar(i, listed.files.length)} ${path.slice(-50).padEnd(50)}`);
  const fileReports = await importFile(path, { outDir: values.out, catalogue, agencies, force: values.force, metaDir: values.meta, docNumbers });
  reports.push(...fileReports);
  if (!terminal) for (const report of fileReports) console.log(statusLine(report));
}
if (terminal) process.stderr.write(`\r${progressBar(listed.files.length, listed.files.length)}${" ".repeat(51)}\n`);

// The per-file lines are printed already off a terminal: the summary then only repeats what needs attention.
console.log(`\n${formatSummary(reports, "attention")}`);
writeFileAtomic(values.report, `${formatReport(reports)}\n`);
console.log(`full report: ${values.report}`);

const failed = reports.some((r) => r.status === "error") || listed.missing.length > 0;
const needsReview = reports.some((r) => r.review.length > 0);
if (values.strict && needsReview && !failed) console.error("--strict: items need review (see “needs review” above); exiting with status 3");
process.exit(failed ? 1 : values.strict && needsReview ? 3 : 0);

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}
