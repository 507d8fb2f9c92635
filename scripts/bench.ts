/**
 * npm run bench [-- --only site[,search,pdf,import,rebuild,dev]] [--sizes 1000,10000,50000]
 *
 * Each section is a module in src/bench/ exporting one function that takes the sizes and
 * prints its own figures. A section whose module does not exist yet is skipped with a note.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type Section = (sizes: number[]) => Promise<unknown>;

const SECTIONS: Record<string, { module: string; exportName: string }> = {
  site: { module: "site.ts", exportName: "benchSite" },
  search: { module: "search.ts", exportName: "benchSearch" },
  pdf: { module: "pdf.ts", exportName: "benchPdf" },
  import: { module: "import.ts", exportName: "benchImport" },
  rebuild: { module: "rebuild.ts", exportName: "benchRebuild" },
  dev: { module: "dev.ts", exportName: "benchDev" },
};

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    sizes: { type: "string", default: "1000,10000,50000" },
  },
});
const sizes = values.sizes!.split(",").map((s) => Number(s.replace(/[_,]/g, "")));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--sizes must be whole numbers separated by commas, e.g. 1000,10000 (got ${values.sizes})`);
  process.exit(2);
}
const wanted = values.only ? values.only.split(",") : Object.keys(SECTIONS);
const unknown = wanted.filter((name) => !SECTIONS[name]);
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(", ")}; choose from ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "bench");
for (const name of wanted) {
  const { module, exportName } = SECTIONS[name]!;
  const path = join(benchDir, module);
  if (!existsSync(path)) {
    console.log(`${name}: not available yet (src/bench/${module} does not exist)`);
    continue;
  }
  const section = (await import(path))[exportName] as Section | undefined;
  if (typeof section !== "function") {
    console.error(`${name}: src/bench/${module} does not export ${exportName}(sizes)`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n== ${name} (sizes ${sizes.join(", ")}) ==`);
  await section(sizes);
}
