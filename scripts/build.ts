/**
 * npm run build — letters/ → _site/, atomically.
 *
 * The archive is validated first (same messages as `npm run check`) and read once; then a
 * pipeline of named steps fills a temporary directory beside the output, which replaces it only
 * when every step has succeeded. The PDF editions come first, so that the pages link them with
 * their sizes. Each step writes into a directory of its own, merged into the site at the end;
 * no step edits another step's output. A step whose inputs are those of the last build puts
 * its output back from .cache/steps (src/step-cache.ts) instead of running. The steps run one
 * after another: the search index beside the PDF editions made a cold build of 10,000 letters
 * slower on 2 cores (905 s against 835 s), Chromium's two workers already using both. To add a
 * step, add one entry to STEPS.
 *
 * Options: --archive <dir> (letters/ and _data/sessions.json; default: the project),
 *          --out <dir> (default: _site), --path-prefix </sub/> (default: _data/site.json),
 *          --skip search,pdf (leave steps out, e.g. for a quick preview of the pages),
 *          --pages-per-run N (Eleventy renders the pages in runs of N; default 20,000),
 *          --bag (also write the site as a BagIt bag, <out>.bag, for a repository to ingest).
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadArchive, type LoadedArchive } from "../src/archive.ts";
import { swapDirectory } from "../src/atomic.ts";
import { carryOverTimes, lockOutput, outputSize, stagingDirectory } from "../src/output.ts";
import { formatProblem } from "../src/model/validate.ts";
import { renderEditions } from "../src/print/index.ts";
import { indexSite } from "../src/search/index.ts";
import { cachedStep, digestOf, mergeInto, projectDigest } from "../src/step-cache.ts";
import { PageStore, sharedPageInputs } from "../src/site/page-store.ts";
import { chromiumIdentity } from "../src/chromium.ts";
import { writeBag, writeDownloadSums } from "../src/checksums.ts";
import { readSiteSettings } from "../src/settings.ts";
import fuwenSite, { loadSiteData } from "../src/site/plugin.ts";
import { pageBatches } from "../src/site/batches.ts";
import type { EditionFile } from "../src/site/site-data.ts";

export interface BuildContext {
  /** The project (templates, .eleventy.js, _data/site.json). */
  projectRoot: string;
  /** Where letters/ and _data/sessions.json are read from. */
  archiveRoot: string;
  /** The directory the running step writes into. */
  outDir: string;
  pathPrefix?: string;
  /** letters/ as validated before the first step: read once, shared by every step. */
  archive: LoadedArchive;
  /** The PDF editions the pdf step wrote (none when it is skipped), for the pages to link. */
  editions: EditionFile[];
  /** Pages per Eleventy run (src/site/batches.ts). */
  pagesPerRun?: number;
}

interface Step<T = unknown> {
  name: string;
  /** What the step reads beyond the project's code and data and the archive (step-cache.ts). */
  inputs: (context: BuildContext) => string[];
  /** Writes the step's files into context.outDir; returns what later steps need of it (JSON). */
  run: (context: BuildContext) => Promise<T>;
  /** Hands the step's result on to later steps, whether it ran or came from the cache. */
  handOn?: (context: BuildContext, result: T) => void;
}

const pdf: Step<EditionFile[]> = {
  name: "pdf",
  // The Chromium binary and the reproducible-build date shape the bytes too, and the path
  // prefix the editions' catalogue records.
  inputs: (context) => [chromiumIdentity(), process.env.SOURCE_DATE_EPOCH ?? "", context.pathPrefix ?? ""],
  run: async (context) => {
    const editions = await renderEditions({
      root: context.archiveRoot, siteRoot: context.projectRoot, outDir: context.outDir, archive: context.archive, pathPrefix: context.pathPrefix,
      // A bar on a terminal, a plain line per edition elsewhere.
      quiet: false,
    });
    return editions.flatMap((e) => [{ file: basename(e.file), bytes: e.bytes }, ...(e.epub ? [{ file: basename(e.epub.file), bytes: e.epub.bytes }] : [])]);
  },
  handOn: (context, editions) => {
    context.editions = editions;
  },
};

async function eleventy(context: BuildContext): Promise<null> {
  // Eleventy runs in this process, under tsx; the plugin gets the site data and the pages of
  // each run here, before .eleventy.js would register it to read letters/ itself.
  const { Eleventy } = await import("@11ty/eleventy");
  const options = { archiveRoot: context.archiveRoot, archive: context.archive, projectRoot: context.projectRoot, editions: context.editions };
  const data = loadSiteData(options, context.pathPrefix);
  const store = new PageStore(join(context.archiveRoot, ".cache", "pages"), sharedPageInputs(data, context.pathPrefix, projectDigest(context.projectRoot)));
  const fresh = store.reuse(data, context.outDir);
  const kept = data.letters.length + data.listings.length + data.documents.length - (fresh.letters.length + fresh.listings.length + fresh.documents.length);
  if (kept) console.error(`eleventy: ${kept} pages unchanged, kept; rendering ${fresh.letters.length + fresh.listings.length + fresh.documents.length} and the site-wide pages`);
  const batches = pageBatches(fresh, context.pagesPerRun);
  for (const [i, batch] of batches.entries()) {
    if (batches.length > 1) console.error(`eleventy: run ${i + 1} of ${batches.length} (${batch.letters.length} letter pages, ${batch.listings.length} listings)`);
    const elev = new Eleventy(".", context.outDir, {
      configPath: ".eleventy.js",
      quietMode: true,
      ...(context.pathPrefix ? { pathPrefix: context.pathPrefix } : {}),
      config: (eleventyConfig) => eleventyConfig.addPlugin(fuwenSite, { ...options, data, batch }),
    });
    await elev.write();
  }
  store.keep(fresh, context.outDir);
  return null;
}

const STEPS = [
  pdf,
  { name: "eleventy", inputs: (context) => [JSON.stringify(context.editions), context.pathPrefix ?? ""], run: eleventy },
  {
    name: "search",
    inputs: () => [],
    run: async (context) => {
      await indexSite({ root: context.archiveRoot, siteDir: context.outDir, quiet: false, archive: context.archive });
      return null;
    },
  },
] as Step[];

function parse() {
  const { values } = parseArgs({
    options: {
      archive: { type: "string", default: "." },
      out: { type: "string", default: "_site" },
      "path-prefix": { type: "string" },
      skip: { type: "string", default: "" },
      "pages-per-run": { type: "string" },
      bag: { type: "boolean", default: false },
    },
  });
  return values;
}

async function main(): Promise<number> {
  const args = parse();
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const archiveRoot = resolve(args.archive);
  const finalDir = resolve(args.out);
  process.chdir(projectRoot);

  const archive = loadArchive(archiveRoot);
  if (archive.problems.length) {
    for (const problem of archive.problems) console.error(formatProblem(problem));
    console.error(`\n${archive.problems.length} problem(s) in ${join(archiveRoot, "letters")}; nothing was built and ${finalDir} is unchanged.`);
    return 1;
  }

  mkdirSync(dirname(finalDir), { recursive: true });
  let release: () => void;
  try {
    release = lockOutput(finalDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
  try {
    const pagesPerRun = args["pages-per-run"] === undefined ? undefined : Number(args["pages-per-run"]);
    if (pagesPerRun !== undefined && !(Number.isInteger(pagesPerRun) && pagesPerRun > 0)) {
      console.error(`--pages-per-run: a whole number of pages, not “${args["pages-per-run"]}”`);
      return 1;
    }
    return await build(archive, { projectRoot, archiveRoot, finalDir, pathPrefix: args["path-prefix"], skip: args.skip, pagesPerRun, bag: args.bag === true });
  } finally {
    release();
  }
}

async function build(archive: LoadedArchive, options: { projectRoot: string; archiveRoot: string; finalDir: string; pathPrefix?: string; skip: string; pagesPerRun?: number; bag: boolean }): Promise<number> {
  const { projectRoot, archiveRoot, finalDir } = options;
  const tempDir = stagingDirectory(finalDir);
  rmSync(tempDir, { recursive: true, force: true });
  const context: BuildContext = { projectRoot, archiveRoot, outDir: tempDir, pathPrefix: options.pathPrefix, archive, editions: [], pagesPerRun: options.pagesPerRun };
  const started = performance.now();
  try {
    const skipped = new Set(options.skip.split(",").filter(Boolean));
    const unknown = [...skipped].filter((name) => !STEPS.some((step) => step.name === name));
    if (unknown.length) throw new Error(`--skip: no step named ${unknown.join(", ")} (steps: ${STEPS.map((s) => s.name).join(", ")})`);
    const project = projectDigest(projectRoot);
    const ran: string[] = [];
    for (const step of STEPS.filter((s) => !skipped.has(s.name))) {
      const t0 = performance.now();
      const stepContext = { ...context, outDir: join(tempDir, ".steps", step.name) };
      const key = digestOf(step.name, project, archive.digest, ...step.inputs(stepContext));
      const { result, cached } = await cachedStep(join(archiveRoot, ".cache", "steps", step.name), key, stepContext.outDir, () => step.run(stepContext));
      step.handOn?.(context, result);
      ran.push(step.name);
      console.log(`${step.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s${cached ? " (unchanged: kept from the last build)" : ""}`);
    }
    for (const name of ran) if (existsSync(join(tempDir, ".steps", name))) mergeInto(join(tempDir, ".steps", name), tempDir);
    rmSync(join(tempDir, ".steps"), { recursive: true, force: true });
    writeDownloadSums(tempDir);
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    console.error(error instanceof Error ? error.message : error);
    console.error(`\nThe build failed; ${finalDir} is unchanged.`);
    return 1;
  }

  // Unchanged files keep their times, so a sync to the host sends only what changed; the old
  // site stays in place until the new one is complete.
  const unchanged = carryOverTimes(tempDir, finalDir);
  const size = outputSize(tempDir);
  swapDirectory(tempDir, finalDir);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`Built ${archive.letters.length} letters and ${archive.documents.length} related documents into ${finalDir} in ${((performance.now() - started) / 1000).toFixed(1)} s (peak RSS ${peakMb} MB).`);
  console.log(`Output: ${size.files} files, ${(size.bytes / 1024 / 1024).toFixed(1)} MB (${unchanged} unchanged since the last build).`);
  if (options.bag) {
    const settings = readSiteSettings(projectRoot);
    const epoch = process.env.SOURCE_DATE_EPOCH;
    const bagged = writeBag(finalDir, `${finalDir}.bag`, {
      organization: settings.title, description: settings.description,
      baggingDate: new Date(epoch ? Number(epoch) * 1000 : Date.now()).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }),
    });
    console.log(`BagIt bag: ${finalDir}.bag (${bagged.files} payload files; check it with npm run verify-bag -- ${finalDir}.bag).`);
  }
  return 0;
}

process.exitCode = await main();
