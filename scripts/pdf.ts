/**
 * npm run pdf -- [--year 2022] [--size A4|A5|16k] [--out DIR] [--quiet]
 *
 * Renders the bound PDF edition with Chromium: by default the whole archive
 * (compendium.pdf) and one volume per year of reply (compendium-<year>.pdf) into _site/.
 * --year (repeatable) renders only those years' volumes.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PAGE_SIZES, renderEditions, type PageSize } from "../src/print/index.ts";

const { values } = parseArgs({
  options: {
    year: { type: "string", multiple: true },
    size: { type: "string", default: "A4" },
    out: { type: "string", default: "_site" },
    quiet: { type: "boolean", default: false },
  },
});

const size = values.size === "16开" ? "16k" : values.size;
if (!PAGE_SIZES.includes(size as PageSize)) {
  console.error(`--size must be one of ${PAGE_SIZES.join(", ")} (got ${values.size})`);
  process.exit(2);
}
const years = values.year?.map(Number);
if (years?.some((y) => !Number.isInteger(y) || y < 1949)) {
  console.error(`--year takes a year of reply, e.g. --year 2022 (got ${values.year?.join(", ")})`);
  process.exit(2);
}

const started = Date.now();
try {
  const editions = await renderEditions({
    root: process.cwd(),
    outDir: resolve(values.out ?? "_site"),
    years: years ?? "all",
    size: size as PageSize,
    quiet: values.quiet,
  });
  for (const edition of editions) {
    console.log(`${edition.file}  ${edition.pages} pages  ${(edition.bytes / 1024 / 1024).toFixed(1)} MB`);
  }
  console.log(`${editions.length} PDF edition(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`pdf: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
