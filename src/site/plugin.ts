/**
 * Eleventy adapter: hands the site data, built once from the resolved archive, to the
 * templates as the global `fuwen`, and registers the few filters they need. The archive comes
 * in through the plugin's options: the build passes the archive it has validated and the PDF
 * editions it has printed; the dev server (no archive given) reads letters/ on every rebuild.
 * Everything of substance lives in the pure modules beside this one.
 */
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAgencies, loadArchive, type ArchiveMemo, type LoadedArchive } from "../archive.ts";
import { renderBody } from "../model/body.ts";
import { formatProblem } from "../model/validate.ts";
import { normalizePrefix, readSiteSettings, type SiteSettings } from "../settings.ts";
import { cslItem, dataUrl, messageJsonLd, risRecord } from "./citation.ts";
import { atomFeed, lettersCsl, lettersCsv, lettersJson, robotsTxt, sitemaps } from "./exports.ts";
import type { PageBatch, PageFamilies } from "./batches.ts";
import { buildSiteData, type DocumentPage, type EditionFile, type LetterPage, type SiteListingPage } from "./site-data.ts";

export interface FuwenSiteOptions {
  /** Directory holding letters/, _data/sessions.json and _data/issuers.json; letters/ is read on every build when `archive` is not given. */
  archiveRoot: string;
  /** The archive as the caller validated it (read once per build). */
  archive?: LoadedArchive;
  /** Without an archive: what is kept between reads of letters/ (the dev server's). */
  archiveMemo?: ArchiveMemo;
  /** The project: _data/site.json; default: the working directory. */
  projectRoot?: string;
  /** The PDF editions printed for this build, which the pages link with their sizes. */
  editions?: readonly EditionFile[];
  /** The site data, when the caller built it already (a build of several runs builds it once). */
  data?: FuwenData;
  /** The pages this run renders (batches.ts); default: all of them. */
  batch?: SiteBatch;
  /** Chooses the paginated pages of each run from its site data (the dev server: those an edit changed). */
  pagesOf?: (data: FuwenData) => PageFamilies<LetterPage, SiteListingPage, DocumentPage>;
}

export type SiteBatch = PageBatch<LetterPage, SiteListingPage, DocumentPage>;

/** The page templates that paginate over `fuwen.pages`; every other one is a single page. */
const PAGINATED = new Set(["letter.njk", "listing.njk", "document.njk"]);
const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), "pages");

/** Thrown when letters/ does not validate; the message is what `npm run check` prints. */
export class ArchiveInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`letters/ has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.join("\n")}`);
    this.name = "ArchiveInvalidError";
  }
}

// The subset of Eleventy's UserConfig this adapter uses.
interface EleventyConfig {
  pathPrefix?: string;
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addWatchTarget(target: string): void;
  ignores: Set<string>;
  setWatchJavaScriptDependencies(watch: boolean): void;
}

export function loadSiteData(options: FuwenSiteOptions, pathPrefix: string | undefined) {
  const archive = options.archive ?? loadArchive(options.archiveRoot, "letters", options.archiveMemo);
  if (archive.problems.length) throw new ArchiveInvalidError(archive.problems.map(formatProblem));
  const settings: SiteSettings = readSiteSettings(options.projectRoot ?? process.cwd());
  const site = buildSiteData(archive.letters, archive.documents, archive.catalogue, { ...settings, pathPrefix: pathPrefix ?? settings.pathPrefix }, {
    editions: options.editions, agencies: loadAgencies(options.archiveRoot),
  });
  return { ...site, sitemaps: sitemaps(site) };
}

export type FuwenData = ReturnType<typeof loadSiteData>;

export default function fuwenSite(eleventyConfig: EleventyConfig, options: FuwenSiteOptions): void {
  eleventyConfig.addWatchTarget(join(options.archiveRoot, "letters/"));
  // Eleventy's dependency scanner cannot read TypeScript; the dev server watches letters/ and
  // templates, and a change to src/ needs a restart.
  eleventyConfig.setWatchJavaScriptDependencies(false);

  const { batch } = options;
  if (batch && !batch.singles) {
    for (const file of readdirSync(PAGES_DIR)) if (file.endsWith(".njk") && !PAGINATED.has(file)) eleventyConfig.ignores.add(relative(process.cwd(), join(PAGES_DIR, file)));
  }
  let data: FuwenData | undefined;
  eleventyConfig.addGlobalData("fuwen", () => {
    // The dev server calls this again after each edit; the pathPrefix is final by now.
    data = options.data ?? loadSiteData(options, eleventyConfig.pathPrefix);
    const pages: PageFamilies<LetterPage, SiteListingPage, DocumentPage> = options.pagesOf?.(data) ?? batch ?? data;
    return { ...data, pages: { letters: pages.letters, listings: pages.listings, documents: pages.documents } };
  });

  // A plain prefix join: every URL the site makes is root-relative and already normalized.
  const url = (path: string): string => `${normalizePrefix(eleventyConfig.pathPrefix)}${path.replace(/^\//, "")}`;
  eleventyConfig.addFilter("href", url);
  eleventyConfig.addFilter("letterBody", (page: LetterPage) => {
    const html = renderBody(page.letter.parts.body);
    return data ? data.linker.link(html, url) : html;
  });
  eleventyConfig.addFilter("documentBody", (page: DocumentPage) => renderBody(page.document.body));
  // Citations and descriptions, made when the page is written: 100,000 of them need not be kept.
  const archiveInfo = () => ({ title: data!.settings.title, baseUrl: data!.baseUrl });
  eleventyConfig.addFilter("jsonLd", (page: LetterPage) => messageJsonLd(page.letter, page.absoluteUrl, archiveInfo()));
  eleventyConfig.addFilter("risHref", (page: LetterPage) => dataUrl("application/x-research-info-systems", risRecord(page.letter, page.absoluteUrl)));
  eleventyConfig.addFilter("cslHref", (page: LetterPage) => dataUrl("application/vnd.citationstyles.csl+json", `${JSON.stringify([cslItem(page.letter, page.absoluteUrl)], null, 1)}\n`));
  eleventyConfig.addFilter("lettersCsl", (site: FuwenData) => lettersCsl(site));
  eleventyConfig.addFilter("lettersJson", (site: FuwenData) => lettersJson(site));
  eleventyConfig.addFilter("lettersCsv", (site: FuwenData) => lettersCsv(site));
  eleventyConfig.addFilter("atomFeed", (site: FuwenData) => atomFeed(site));
  eleventyConfig.addFilter("robotsTxt", (site: FuwenData) => robotsTxt(site));
  // 2020-10-27 → 2020/10/27, the form Google Scholar's citation_date expects.
  eleventyConfig.addFilter("slashDate", (isoDate: string) => isoDate.replace(/-/g, "/"));
}

// The first registration wins: a build registers the plugin with its archive before
// .eleventy.js registers it with the archive root alone.
fuwenSite.eleventyPluginOptions = { unique: true };
