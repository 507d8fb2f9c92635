/**
 * npm run dev [-- --port 8080] [--archive <dir>]
 *
 * Eleventy's dev server with live reload, for archivists editing letters/. It builds into
 * .cache/dev-site/ so the published _site/ is never half-written; an invalid letter prints
 * the `npm run check` messages and the server keeps the last good pages until it is fixed.
 * After an edit only the pages whose content changed are rendered again (and the home, search
 * and data pages); the others stay as they are.
 */
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";
import fuwenSite, { type FuwenData } from "../src/site/plugin.ts";
import { changedPages, outputFile, PageKeys, sharedPageInputs } from "../src/site/page-store.ts";
import { projectDigest } from "../src/step-cache.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    archive: { type: "string", default: "." },
  },
});

const archiveRoot = resolve(values.archive!);
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(projectRoot);
const outDir = resolve(".cache/dev-site");
// Pages left by an earlier session may be of letters deleted since.
rmSync(outDir, { recursive: true, force: true });
/** URL → key of every page in outDir as last rendered (page-store.ts). */
const rendered = new Map<string, string>();

const elev = new Eleventy(".", outDir, {
  configPath: ".eleventy.js",
  runMode: "serve",
  quietMode: true,
  // No archive given: the plugin reads letters/ under archiveRoot on every rebuild.
  config: (eleventyConfig) => eleventyConfig.addPlugin(fuwenSite, {
    archiveRoot,
    archiveMemo: { files: new Map() },
    pagesOf: (data: FuwenData) => {
      const keys = new PageKeys(sharedPageInputs(data, undefined, projectDigest(projectRoot)));
      const { fresh, gone } = changedPages(data, keys, rendered);
      for (const url of gone) rmSync(join(outDir, outputFile(url)), { force: true });
      return fresh;
    },
  }),
});
await elev.init();
await elev.watch();
await elev.serve(Number(values.port));
console.log(`Watching ${archiveRoot}/letters/; edits rebuild the site.`);

process.on("SIGINT", async () => {
  await elev.stopWatch();
  process.exit(0);
});
