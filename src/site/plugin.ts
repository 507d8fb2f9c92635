/**
 * Eleventy adapter: loads and validates the archive once, hands the site data to the
 * templates as the global `fuwen`, and registers the few filters they need.
 * Everything of substance lives in the pure modules beside this one.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import markdownIt from "markdown-it";
import { loadArchive, type LoadedArchive } from "../archive.ts";
import { formatProblem } from "../model/validate.ts";
import type { LetterPage, DocumentPage, SiteSettings } from "./site-data.ts";
import { buildSiteData, normalizePrefix } from "./site-data.ts";
import { CitationLinker } from "./citations.ts";
import { atomFeed, lettersCsv, lettersJson, robotsTxt, sitemaps } from "./exports.ts";
import { editionMarker } from "./editions.ts";

export interface FuwenSiteOptions {
  /** Directory holding letters/ and _data/sessions.json. */
  archiveRoot: string;
  /** The site settings file (title, url, pathPrefix, license). */
  siteFile: string;
}

/** Thrown when letters/ does not validate; the message is what `npm run check` prints. */
export class ArchiveInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`letters/ has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.join("\n")}`);
    this.name = "ArchiveInvalidError";
  }
}

/** Letter Markdown is rendered as data, never as a template: `{{` in a letter stays text, raw HTML is escaped. */
export const letterMarkdown = markdownIt({ html: false, linkify: false, typographer: false });

// The subset of Eleventy's UserConfig this adapter uses.
interface EleventyConfig {
  pathPrefix?: string;
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addWatchTarget(target: string): void;
  setLibrary(name: string, library: unknown): void;
  setWatchJavaScriptDependencies(watch: boolean): void;
}

let preloaded: { root: string; archive: LoadedArchive } | undefined;

/**
 * The build validates letters/ before Eleventy starts; handing the result over saves parsing
 * every file twice (a second or more at 10,000 letters). Used once, so the dev server's
 * rebuilds read the edited files.
 */
export function preloadArchive(archiveRoot: string, archive: LoadedArchive): void {
  preloaded = { root: resolve(archiveRoot), archive };
}

function takeArchive(archiveRoot: string): LoadedArchive {
  const root = resolve(archiveRoot);
  const archive = preloaded?.root === root ? preloaded.archive : loadArchive(root);
  preloaded = undefined;
  return archive;
}

export function loadSiteData(options: FuwenSiteOptions, pathPrefix: string | undefined) {
  const archive = takeArchive(options.archiveRoot);
  if (archive.problems.length) throw new ArchiveInvalidError(archive.problems.map(formatProblem));
  const settings = JSON.parse(readFileSync(options.siteFile, "utf8")) as SiteSettings;
  const site = buildSiteData(archive.letters, archive.documents, archive.catalogue, { ...settings, pathPrefix: pathPrefix ?? settings.pathPrefix });
  const linker = new CitationLinker(site.documents.map((d) => ({ title: d.document.title, url: d.url })));
  return { ...site, linker, sitemaps: sitemaps(site) };
}

export type FuwenData = ReturnType<typeof loadSiteData>;

export default function fuwenSite(eleventyConfig: EleventyConfig, options: FuwenSiteOptions): void {
  eleventyConfig.setLibrary("md", letterMarkdown);
  eleventyConfig.addWatchTarget(join(options.archiveRoot, "letters/"));
  // Eleventy's dependency scanner cannot read TypeScript; the dev server watches letters/ and
  // templates, and a change to src/ needs a restart.
  eleventyConfig.setWatchJavaScriptDependencies(false);

  let data: FuwenData | undefined;
  eleventyConfig.addGlobalData("fuwen", () => {
    // The dev server calls this again after each edit; the pathPrefix is final by now.
    data = loadSiteData(options, eleventyConfig.pathPrefix);
    return data;
  });

  // A plain prefix join: every URL the site makes is root-relative and already normalized.
  const url = (path: string): string => `${normalizePrefix(eleventyConfig.pathPrefix)}${path.replace(/^\//, "")}`;
  eleventyConfig.addFilter("href", url);
  eleventyConfig.addFilter("letterBody", (page: LetterPage) => {
    const html = letterMarkdown.render(page.letter.body);
    return data ? data.linker.link(html, url) : html;
  });
  eleventyConfig.addFilter("documentBody", (page: DocumentPage) => letterMarkdown.render(page.document.body));
  eleventyConfig.addFilter("lettersJson", (site: FuwenData) => lettersJson(site));
  eleventyConfig.addFilter("lettersCsv", (site: FuwenData) => lettersCsv(site));
  eleventyConfig.addFilter("atomFeed", (site: FuwenData) => atomFeed(site));
  eleventyConfig.addFilter("robotsTxt", (site: FuwenData) => robotsTxt(site));
  eleventyConfig.addFilter("editionMarker", (file: string, label: string) => editionMarker(url(`/${file}`), file, label));
  // 2020-10-27 → 2020/10/27, the form Google Scholar's citation_date expects.
  eleventyConfig.addFilter("slashDate", (isoDate: string) => isoDate.replace(/-/g, "/"));
}
