/**
 * npm run dev [-- --port 8080] [--archive <dir>]
 *
 * Eleventy's dev server with live reload, for archivists editing letters/. It builds into
 * .cache/dev-site/ so the published _site/ is never half-written; an invalid letter prints
 * the `npm run check` messages and the server keeps the last good pages until it is fixed.
 */
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";
import fuwenSite from "../src/site/plugin.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    archive: { type: "string", default: "." },
  },
});

const archiveRoot = resolve(values.archive!);
process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), ".."));

const elev = new Eleventy(".", ".cache/dev-site", {
  configPath: ".eleventy.js",
  runMode: "serve",
  quietMode: true,
  // No archive given: the plugin reads letters/ under archiveRoot on every rebuild.
  config: (eleventyConfig) => eleventyConfig.addPlugin(fuwenSite, { archiveRoot }),
});
await elev.init();
await elev.watch();
await elev.serve(Number(values.port));
console.log(`Watching ${archiveRoot}/letters/; edits rebuild the site.`);

process.on("SIGINT", async () => {
  await elev.stopWatch();
  process.exit(0);
});
