/**
 * The bound PDF edition: the whole archive (compendium.pdf) and one volume per year
 * (compendium-<year>.pdf), written atomically into outDir.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { loadAgencies, loadValidArchive, type LoadedArchive } from "../archive.ts";
import { writeFileAtomicAsync } from "../atomic.ts";
import { readSiteSettings } from "../settings.ts";
import { planBook, type Book, type PageSize } from "./book.ts";
import { ProgressBar } from "./progress.ts";
import { BrowserSession, renderBook } from "./render.ts";

export { planBook, PAGE_SIZES, type Book, type PageSize } from "./book.ts";
export { printDocument, bookBlocks, ANCHORS } from "./document.ts";

export interface RenderEditionsOptions {
  /** Where letters/ and _data/sessions.json are read from. */
  root: string;
  /** Where _data/site.json is read from, when the archive lives apart from the project; default: root. */
  siteRoot?: string;
  outDir: string;
  /** 'all' (default): the compendium and every year's volume; a list: only those years' volumes. */
  years?: "all" | number[];
  /** Also render the whole-archive compendium; default: only when years is 'all'. */
  compendium?: boolean;
  size?: PageSize;
  quiet?: boolean;
  /** Where page plans of earlier runs are kept (default <root>/.cache/print); false: always measure. */
  planCache?: string | false;
  /** The archive, when the caller has read it already (the build does). */
  archive?: LoadedArchive;
  /** Environment for Chromium (e.g. FONTCONFIG_FILE); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

export interface RenderedEdition {
  file: string;
  pages: number;
  bytes: number;
}

export async function renderEditions(options: RenderEditionsOptions): Promise<RenderedEdition[]> {
  const archive = options.archive ?? loadValidArchive(options.root);
  const site = readSiteSettings(options.siteRoot ?? options.root);
  const epoch = sourceDateEpoch(options.env ?? process.env);
  const years = options.years ?? "all";
  const allYears = [...new Set(archive.letters.map((l) => l.year))].sort((a, b) => a - b);
  const chosenYears = years === "all" ? allYears : years;
  const withCompendium = options.compendium ?? years === "all";

  const common = { size: options.size ?? "A4", sourceDateEpoch: epoch, documentsLeftOut: archive.documents.length, agencies: loadAgencies(options.root) } as const;
  const books: Book[] = [];
  if (withCompendium) books.push(planBook(archive.letters, site, common));
  for (const year of chosenYears) books.push(planBook(archive.letters, site, { ...common, year }));

  await mkdir(options.outDir, { recursive: true });
  const progress = new ProgressBar({
    totalLetters: books.reduce((sum, b) => sum + b.letters.length, 0),
    quiet: options.quiet === true ? true : undefined,
  });
  const session = new BrowserSession(options.env);
  const results: RenderedEdition[] = [];
  try {
    // Fail early, before any work, when no browser can be found.
    await session.browser();
    for (const book of books) {
      const rendered = await renderBook(session, book, {
        onPass: progress.onPass,
        planCache: options.planCache === false ? undefined : (options.planCache ?? join(options.root, ".cache", "print")),
      });
      const file = join(options.outDir, book.fileName);
      await writeFileAtomicAsync(file, rendered.bytes);
      results.push({ file, pages: rendered.pages, bytes: rendered.bytes.length });
      progress.editionDone(book.letters.length);
    }
  } finally {
    progress.stop();
    await session.close();
  }
  return results;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org), when set to a number of seconds. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not “${value}”`);
  return Number(value);
}
