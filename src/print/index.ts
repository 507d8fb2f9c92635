/**
 * The bound PDF edition: one volume per year (compendium-<year>.pdf) and, while the volumes
 * together fit the page budget, the whole archive (compendium.pdf), written atomically into
 * outDir. Volumes print two at a time (one Chromium each: 2 cores), and each finished PDF is
 * kept under .cache/editions, keyed by its print document, the Chromium version and the print
 * code: an unchanged volume is linked, not printed again. Beside each edition: its MARCXML and
 * Dublin Core records (records/), and for each volume its EPUB.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAgencies, loadValidArchive, type LoadedArchive } from "../archive.ts";
import { placeFile, writeFileAtomicAsync } from "../atomic.ts";
import { chromiumIdentity } from "../chromium.ts";
import { absoluteBaseUrl, readSiteSettings } from "../settings.ts";
import { sha256File } from "../checksums.ts";
import { dublinCoreXml, marcXml } from "./records.ts";
import { epubFileName, recordFiles } from "../model/ids.ts";
import { epubBytes } from "./epub.ts";
import { planBook, type Book, type PageSize } from "./book.ts";
import { planVolumes } from "./volumes.ts";
import { printDocument } from "./document.ts";
import { formatMinutes } from "../model/dates.ts";
import { ProgressBar, progressIsWanted } from "./progress.ts";
import { BrowserSession, PRINT_FONTS, lengthsFile, renderBook } from "./render.ts";

export { planBook, PAGE_SIZES, type Book, type PageSize } from "./book.ts";
export { printDocument, bookBlocks, ANCHORS } from "./document.ts";

export interface RenderEditionsOptions {
  /** Where letters/ and _data/sessions.json are read from. */
  root: string;
  /** Where _data/site.json is read from, when the archive lives apart from the project; default: root. */
  siteRoot?: string;
  outDir: string;
  /** 'all' (default): every year's volume and, within the budget, the compendium; a list: only those years' volumes. */
  years?: "all" | number[];
  /** The whole-archive compendium: true always, false never; default: when years is 'all' and the volumes fit the page budget. */
  compendium?: boolean;
  size?: PageSize;
  quiet?: boolean;
  /** Where the lengths of parts printed before are kept (default <root>/.cache/print); false: always measure. */
  planCache?: string | false;
  /** Where finished editions are kept (default <root>/.cache/editions); false: always print. */
  editionCache?: string | false;
  /** The archive, when the caller has read it already (the build does). */
  archive?: LoadedArchive;
  /** Environment for Chromium (e.g. FONTCONFIG_FILE); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** The site's path prefix, for the editions' URLs in their catalogue records; default: the settings'. */
  pathPrefix?: string;
}

export interface RenderedEdition {
  file: string;
  pages: number;
  bytes: number;
  sha256: string;
  /** The volume's EPUB (the whole-archive edition has none). */
  epub?: { file: string; bytes: number };
  /** True when the PDF came from the edition cache. */
  cached: boolean;
}

/** Two volumes at once: a Chromium each, one per core. */
const WORKERS = 2;

export async function renderEditions(options: RenderEditionsOptions): Promise<RenderedEdition[]> {
  const archive = options.archive ?? loadValidArchive(options.root);
  const site = readSiteSettings(options.siteRoot ?? options.root);
  const epoch = sourceDateEpoch(options.env ?? process.env);
  const years = options.years ?? "all";
  const allYears = [...new Set(archive.letters.map((l) => l.year))].sort((a, b) => a - b);
  const chosenYears = years === "all" ? allYears : years;

  const common = { size: options.size ?? "A4", sourceDateEpoch: epoch, documents: archive.documents, agencies: loadAgencies(options.root) } as const;
  /** By year, the times a printed volume or 册 came out over the budget: its 册 are made smaller. */
  const tightened = new Map<number, number>();
  let volumes = planVolumes(archive.letters, site, chosenYears, site.editionPageBudget, common, tightened);
  const compendium = options.compendium === false || (options.compendium === undefined && years !== "all") ? undefined : planBook(archive.letters, site, common);

  await mkdir(options.outDir, { recursive: true });
  const progress = new ProgressBar({
    totalLetters: [...volumes, ...(compendium ? [compendium] : [])].reduce((sum, b) => sum + b.letters.length, 0),
    quiet: options.quiet === true ? true : undefined,
  });
  const planCache = options.planCache === false ? undefined : (options.planCache ?? join(options.root, ".cache", "print"));
  const editionCache = options.editionCache === false ? undefined : (options.editionCache ?? join(options.root, ".cache", "editions"));
  const sessions = Array.from({ length: WORKERS }, () => new BrowserSession(options.env));
  const usedKeys = new Set<string>();
  // Off a terminal the bar stays silent: a plain line per edition says how far the step is.
  const plainLines = options.quiet !== true && !progressIsWanted();
  const stepStarted = Date.now();
  let booksDone = 0;
  const report = (edition: RenderedEdition) => {
    booksDone++;
    if (!plainLines) return;
    const elapsed = Date.now() - stepStarted;
    const left = booksDone < volumes.length ? ` · about ${formatMinutes((elapsed / booksDone / 1000) * (volumes.length - booksDone))} left` : "";
    console.error(`pdf: ${basename(edition.file)} ${edition.pages} pages${edition.cached ? " (cached)" : ""} · ${booksDone}/${volumes.length + (compendium ? 1 : 0)}${left}`);
  };

  const baseUrl = absoluteBaseUrl({ ...site, pathPrefix: options.pathPrefix ?? site.pathPrefix });
  /** The edition's MARCXML and Dublin Core records, beside it under records/. */
  const catalogue = async (book: Book, edition: Omit<RenderedEdition, "sha256">): Promise<RenderedEdition> => {
    const sha256 = sha256File(edition.file);
    const facts = { url: `${baseUrl}/${book.fileName}`, pages: edition.pages, bytes: edition.bytes, sha256 };
    const records = recordFiles(book.fileName);
    await writeFileAtomicAsync(join(options.outDir, records.marc), marcXml(book, facts));
    await writeFileAtomicAsync(join(options.outDir, records.dc), dublinCoreXml(book, facts));
    return { ...edition, sha256 };
  };

  const keys = new Map<Book, string>();
  const render = async (book: Book, session: BrowserSession): Promise<RenderedEdition> => {
    const file = join(options.outDir, book.fileName);
    const key = editionKey(book);
    keys.set(book, key);
    usedKeys.add(key);
    const cached = editionCache ? await readCached(editionCache, key) : undefined;
    if (cached) {
      placeFile(cached.file, file);
      progress.editionDone(book.letters.length);
      const edition = await catalogue(book, { file, pages: cached.pages, bytes: cached.bytes, cached: true });
      report(edition);
      return edition;
    }
    const rendered = await renderBook(session, book, { onPass: progress.onPass, planCache });
    if (editionCache) {
      await writeFileAtomicAsync(join(editionCache, `${key}.pdf`), rendered.bytes);
      await writeFileAtomicAsync(join(editionCache, `${key}.json`), JSON.stringify({ pages: rendered.pages, file: book.fileName }));
      placeFile(join(editionCache, `${key}.pdf`), file);
    } else {
      await writeFileAtomicAsync(file, rendered.bytes);
    }
    progress.editionDone(book.letters.length);
    const edition = await catalogue(book, { file, pages: rendered.pages, bytes: rendered.bytes.length, cached: false });
    report(edition);
    return edition;
  };

  const results: RenderedEdition[] = [];
  try {
    const done = new Map<Book, RenderedEdition>();
    const renderAll = async (books: readonly Book[]): Promise<void> => {
      // The largest volumes first, so the two workers finish together.
      const queue = [...books].sort((a, b) => b.letters.length - a.letters.length);
      await Promise.all(sessions.map(async (session) => {
        for (let book = queue.shift(); book; book = queue.shift()) done.set(book, await render(book, session));
      }));
    };
    await renderAll(volumes);
    // The split is planned from estimates; a year whose printed volume or 册 is over the budget
    // after all is printed again in smaller 册, until each fits. Decided from the printed page
    // counts, which follow from the letters alone: a rebuild decides the same (from its cache).
    for (;;) {
      const over = new Set(volumes.filter((book) => done.get(book)!.pages > site.editionPageBudget).map((book) => book.year!));
      const splittable = [...over].filter((year) => volumes.filter((b) => b.year === year).length < archive.letters.filter((l) => l.year === year).length);
      for (const year of over) {
        if (!splittable.includes(year) && !options.quiet) console.error(`pdf: the ${year} volume stays over the budget of ${site.editionPageBudget} pages: each of its 册 holds a single letter`);
      }
      if (splittable.length === 0) break;
      if (!options.quiet) console.error(`pdf: over the budget of ${site.editionPageBudget} pages as printed: ${splittable.join(", ")} printed again in smaller 册`);
      for (const year of splittable) tightened.set(year, (tightened.get(year) ?? 0) + 1);
      const replanned = planVolumes(archive.letters, site, splittable, site.editionPageBudget, common, tightened);
      const names = new Set(replanned.map((book) => book.fileName));
      for (const old of volumes.filter((book) => splittable.includes(book.year!))) {
        done.delete(old);
        booksDone--;
        if (names.has(old.fileName)) continue;
        const records = recordFiles(old.fileName);
        for (const file of [old.fileName, records.marc, records.dc]) await rm(join(options.outDir, file), { force: true });
      }
      volumes = volumes.flatMap((book) => (!splittable.includes(book.year!) ? [book] : book === volumes.find((b) => b.year === book.year) ? replanned.filter((b) => b.year === book.year) : []));
      progress.addLetters(replanned.reduce((sum, b) => sum + b.letters.length, 0));
      await renderAll(replanned);
    }
    // Each volume also as an EPUB (30 volumes of 10,000 letters: 4.4 s), kept beside the PDFs
    // under the edition's key and its identifier: an unchanged volume's EPUB is linked, not made.
    for (const book of volumes) {
      const edition = done.get(book)!;
      const file = join(options.outDir, epubFileName(book.fileName));
      const identifier = `${baseUrl}/${epubFileName(book.fileName)}`;
      const key = createHash("sha256").update(keys.get(book)!).update(identifier).digest("hex").slice(0, 40);
      const kept = editionCache && join(editionCache, `${key}.epub`);
      if (kept && existsSync(kept)) placeFile(kept, file);
      else {
        const bytes = epubBytes(book, { identifier, publishPhone: site.publishContactPhone });
        if (kept) {
          await writeFileAtomicAsync(kept, bytes);
          placeFile(kept, file);
        } else await writeFileAtomicAsync(file, bytes);
      }
      if (kept) usedKeys.add(key);
      results.push({ ...edition, epub: { file, bytes: (await stat(file)).size } });
    }
    const volumePages = results.reduce((sum, r) => sum + r.pages, 0);
    if (compendium && (options.compendium === true || volumePages <= site.editionPageBudget)) {
      results.unshift(await render(compendium, sessions[0]!));
    } else if (compendium && !options.quiet) {
      console.error(`pdf: the whole-archive edition is left out: the year volumes have ${volumePages} pages, over the budget of ${site.editionPageBudget} (editionPageBudget in _data/site.json)`);
    }
  } finally {
    progress.stop();
    await Promise.all(sessions.map((session) => session.close()));
  }
  // A full run keeps only what it used: the cache never grows past one archive's editions.
  if (editionCache && years === "all") await prune(editionCache, usedKeys);
  if (planCache && years === "all") {
    const kept = new Set([...volumes, ...(compendium ? [compendium] : [])].map((book) => lengthsFile(book.fileName)));
    for (const entry of await readdir(planCache).catch(() => [] as string[])) if (!kept.has(entry)) await rm(join(planCache, entry), { force: true });
  }
  return results;
}

/**
 * The print code's own version: the print modules' source and the versions of the packages
 * that shape the bytes. A change to any of them prints every edition anew.
 */
const CODE_VERSION = (() => {
  const hash = createHash("sha256");
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of readdirSync(here).filter((f) => f.endsWith(".ts")).sort()) hash.update(file).update(readFileSync(join(here, file)));
  const lock = join(here, "..", "..", "package-lock.json");
  if (existsSync(lock)) {
    const packages = (JSON.parse(readFileSync(lock, "utf8")) as { packages?: Record<string, { version?: string }> }).packages ?? {};
    for (const name of ["node_modules/pdf-lib", "node_modules/puppeteer", "node_modules/@expo-google-fonts/noto-serif-sc"]) hash.update(`${name}@${packages[name]?.version ?? ""}`);
  }
  return hash.digest("hex");
})();

/**
 * An edition's cache key: its print document (the whole of its content and layout), its PDF
 * metadata (the creation date is to the second, the printed date only to the day), the Chromium
 * binary, the print code.
 */
function editionKey(book: Book): string {
  return createHash("sha256")
    .update(CODE_VERSION)
    .update(chromiumIdentity())
    .update(JSON.stringify(book.metadata))
    .update(printDocument(book, PRINT_FONTS))
    .digest("hex")
    .slice(0, 40);
}

/** A cached edition's file, size and page count (both files are written whole, by rename). */
async function readCached(dir: string, key: string): Promise<{ file: string; bytes: number; pages: number } | undefined> {
  const file = join(dir, `${key}.pdf`);
  try {
    const [{ size }, meta] = await Promise.all([stat(file), readFile(join(dir, `${key}.json`), "utf8")]);
    const pages = (JSON.parse(meta) as { pages?: unknown }).pages;
    return typeof pages === "number" ? { file, bytes: size, pages } : undefined;
  } catch {
    return undefined;
  }
}

async function prune(dir: string, keep: Set<string>): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!keep.has(entry.replace(/\.(pdf|json|epub)$/u, ""))) await rm(join(dir, entry), { force: true });
  }
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org), when set to a number of seconds. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not “${value}”`);
  return Number(value);
}
