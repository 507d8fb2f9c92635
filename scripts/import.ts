/**
 * npm run import -- [--out DIR] [--meta DIR] [--force] [--strict] [--report FILE] FILE...
 * Turns raw reply texts into normalized letter files; prints what it did to each.
 */
import { parseArgs } from "node:util";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { writeFileAtomic } from "../src/atomic.ts";
import { importFile, indexDocNumbers } from "../src/import/files.ts";
import { formatReport } from "../src/import/report.ts";

const usage = "usage: npm run import -- [--out DIR] [--meta DIR] [--force] [--strict] [--report FILE] FILE...\n  --strict  exit non-zero when any item needs review (for an archive's own CI)";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "letters" },
      meta: { type: "string" },
      force: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      report: { type: "string" },
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

const catalogue = loadCatalogue(process.cwd());
const agencies = loadAgencies(process.cwd());
const docNumbers = indexDocNumbers(values.out);
const reports = [...positionals].sort().map((path) =>
  importFile(path, { outDir: values.out, catalogue, agencies, force: values.force, metaDir: values.meta, docNumbers }),
);
const text = formatReport(reports);
console.log(text);
if (values.report) writeFileAtomic(values.report, `${text}\n`);
const failed = reports.some((r) => r.status === "error");
const needsReview = reports.some((r) => r.review.length > 0);
if (values.strict && needsReview && !failed) console.error("--strict: items need review (see “needs review” above); exiting with status 3");
process.exit(failed ? 1 : values.strict && needsReview ? 3 : 0);
