/**
 * Search step: indexes the archive for the search page and builds the page's script. Every
 * file it writes is defined in formats.ts (paths and contents) and read by engine.ts:
 *
 *   <siteDir>/pagefind/<n>/          Pagefind bundle of part n: index chunks and filters (its fragments
 *                                    become card buckets); pagefind.js and its WebAssembly in part 0 only
 *   <siteDir>/search/manifest.json   index format, the parts newest first with their date ranges,
 *                                    the number of routing shards, and the facets with counts
 *   <siteDir>/search/dir/<k>.gz      routing shard k: which parts hold each index word
 *   <siteDir>/search/cards/<n>/<b>.gz  part n's cards, in buckets by Pagefind id
 *   <siteDir>/search/text/<n>/<t>.gz   part n's searchable paragraphs, TEXT_BLOCK records a file, for excerpts
 *   <siteDir>/search/app.js          the search page's script: page.ts bundled by esbuild (ESM,
 *                                    minified, deterministic); pagefind.js stays a run-time import
 *
 * Each record (one per letter or document, records.ts) is one Pagefind custom record whose
 * content is the token string of core.ts. Parts: Pagefind's indexer holds about 1–3 kB per
 * indexed word in memory, and our records have a few thousand words each, so the archive is
 * indexed in parts of about `partSize` records, two at a time. Parts are cut by date,
 * counted from the oldest and listed newest first: a search sorted by date can stop after the
 * parts that already give a page of results, a year filter skips parts, and a new letter
 * changes only its own part. Each indexed part is kept under .cache/search, keyed by its
 * records and the index code, and copied from there when unchanged. Everything is written to a
 * staging directory and moved into place with renames.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { loadAgencies, loadValidArchive, type LoadedArchive } from "../archive.ts";
import { placeTree, swapDirectory, writeFileAtomic } from "../atomic.ts";
import type { AgencyCatalogue } from "../model/agencies.ts";
import { formatMinutes } from "../model/dates.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { directoryWords, encodePostings, formatShard, indexContent, isNarrowWord, isSeparator, shardOf, type Postings } from "./core.ts";
import {
  INDEX_FORMAT, MANIFEST_PATH, TEXT_BLOCK, cardBucketOf, cardBucketPath, cardBuckets, cardRow, isFilterName, partPath, shardPath, textBlockPath,
  type CardRow, type Manifest, type ManifestFacet, type PartEntry, type TextRow,
} from "./formats.ts";
import { facets, searchRecords, type Facet, type SearchRecord } from "./records.ts";

/** Language code of the token index: none of Pagefind's stemmers or segmenters apply to it. */
export const INDEX_LANGUAGE = "zxx";

/** The search page's script, relative to the site root (search.njk loads it from there). */
const APP_PATH = "search/app.js";
const HERE = dirname(fileURLToPath(import.meta.url));
const SIGNATURE = "pagefind_dcd";

/**
 * Records per part, on average (at most twice as many). 10,000 letters (2 cores, `npm run bench`):
 * parts of 1,000 indexed in 160–167 s at 2.3 GB, of 500 in 118–136 s at 1.2 GB, of 250 in
 * 121–125 s at 1.0 GB. Pagefind's time for a part grows with its records (540: 7.0–7.9 s,
 * 270: 3.4–3.6 s), so an edit, which indexes one part again, takes half as long; the site
 * has 390 more files (6,184 for search).
 */
export const DEFAULT_PART_SIZE = 250;

/**
 * Characters per routing shard, at most (half as many at least; 4–8 kB compressed). A search
 * fetches one shard per word; sized by words (1,000), the rare words' postings made shards of
 * 22 kB at 10,000 letters. 16,000 rather than 8,000 since the narrow words: 256 shards instead
 * of 512 at 10,000 letters, 256 files fewer against a host's limit of 20,000.
 */
const SHARD_CHARS = 16000;

export interface IndexSiteOptions {
  root: string;
  siteDir: string;
  quiet?: boolean;
  partSize?: number;
  /** The archive, when the caller has read it already (the build does). */
  archive?: LoadedArchive;
  /** Where indexed parts are kept between builds (default <root>/.cache/search); false: always index. */
  cache?: string | false;
  /** Rare words' postings in the directory up to this many locations a part (default INLINE_LOCATIONS; 0: none, Pagefind answers every search). */
  inlineLocations?: number;
}

export interface IndexSummary {
  records: number;
  pagefindFiles: number;
  /** Parts taken from the cache rather than indexed. */
  cachedParts: number;
}

export async function indexSite({ root, siteDir, quiet = false, partSize, archive = loadValidArchive(root), cache, inlineLocations }: IndexSiteOptions): Promise<IndexSummary> {
  const agencies = loadAgencies(root);
  const records = searchRecords(archive.letters, archive.documents, agencies);
  const cacheDir = cache === false ? undefined : (cache ?? join(root, ".cache", "search"));
  return writeSearch(records, siteDir, { quiet, catalogue: archive.catalogue, agencies, partSize, cacheDir, inlineLocations });
}

/**
 * Records cut into parts of about partSize, counted from the oldest, at cuts the records
 * themselves choose: after a record whose key hashes to 0 (FNV-1a, modulo partSize − ⌈partSize/2⌉ + 1)
 * once a part holds ⌈partSize/2⌉ records, and at 2 × partSize at the latest. A letter added or
 * deleted anywhere changes its own part (and at a cut, its neighbour's) and no other, so every
 * other part keeps its records and its cached index; cut by count, one letter added to 2020
 * shifted every later part (10,000 letters: 100 s of indexing instead of 15). The parts and the
 * records in each are listed newest first (then by key). Pure.
 */
export function partition(records: SearchRecord[], partSize: number): SearchRecord[][] {
  if (!(partSize >= 1)) throw new Error(`partSize must be at least 1, not ${partSize}`);
  const newestFirst = (a: SearchRecord, b: SearchRecord) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const oldestFirst = [...records].sort(newestFirst).reverse();
  const least = Math.ceil(partSize / 2);
  const spread = partSize - least + 1;
  const parts: SearchRecord[][] = [];
  let part: SearchRecord[] = [];
  for (const record of oldestFirst) {
    part.push(record);
    if ((part.length >= least && shardOf(record.key, spread) === 0) || part.length >= 2 * partSize) {
      parts.push(part.sort(newestFirst));
      part = [];
    }
  }
  if (part.length) parts.push(part.sort(newestFirst));
  return parts.reverse();
}

export async function writeSearch(
  records: SearchRecord[],
  siteDir: string,
  { quiet = false, catalogue, agencies, partSize = DEFAULT_PART_SIZE, cacheDir, inlineLocations = INLINE_LOCATIONS }: {
    quiet?: boolean; catalogue: SessionCatalogue; agencies?: AgencyCatalogue; partSize?: number; cacheDir?: string; inlineLocations?: number;
  },
): Promise<IndexSummary> {
  if (records.length === 0) throw new Error("nothing to index: the archive has no letters or documents");
  const staging = join(siteDir, `.search-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const bundle = join(staging, "pagefind");
    const parts: PartEntry[] = [];
    const directory = new Map<string, { parts: number[]; inline: Map<number, string> }>();
    const cut = partition(records, partSize);
    const keys = cut.map((part) => partKey(part, inlineLocations));
    const partDir = (n: number) => join(bundle, String(n));
    const indexed: (PartWords | undefined)[] = cut.map((_, n) => (cacheDir ? readCachedPart(cacheDir, keys[n]!, partDirs(staging, n)) : undefined));
    const fresh = cut.flatMap((_, n) => (indexed[n] ? [] : [n]));
    const cachedParts = cut.length - fresh.length;
    if (!quiet && cachedParts) console.log(`search: ${cachedParts} of ${cut.length} parts unchanged, kept`);
    const started = Date.now();
    let finished = 0;
    await indexParts(fresh, (n) => indexPart(cut[n]!, partDir(n), inlineLocations), (n, { words, inline, cards }) => {
      indexed[n] = { words, inline };
      writeCardBuckets(staging, n, cards, cardBuckets(cut[n]!.length));
      writeTextBlocks(staging, n, cut[n]!);
      if (cacheDir) cachePart(cacheDir, keys[n]!, partDirs(staging, n), indexed[n]!);
      finished++;
      if (!quiet) {
        const part = cut[n]!;
        const left = finished < fresh.length ? ` · at most ${formatMinutes(((Date.now() - started) / finished / 1000) * (fresh.length - finished))} left` : "";
        console.log(`search: part ${n + 1}/${cut.length}: ${part.length} records, ${part[part.length - 1]!.date} – ${part[0]!.date} (${finished} of ${fresh.length} indexed)${left}`);
      }
    });
    for (const [n, part] of cut.entries()) {
      const { words, inline } = indexed[n]!;
      const rare = new Map(inline);
      for (const word of words) {
        let entry = directory.get(word);
        if (!entry) directory.set(word, (entry = { parts: [], inline: new Map() }));
        entry.parts.push(n);
        const postings = rare.get(word);
        if (postings !== undefined) entry.inline.set(n, postings);
      }
      parts.push({ path: partPath(n), records: part.length, cards: cardBuckets(part.length), newest: part[0]!.date, oldest: part[part.length - 1]!.date });
    }
    if (cacheDir) pruneCache(cacheDir, new Set(keys));
    shareRuntime(bundle, parts.length);
    const pagefindFiles = countFiles(bundle);

    const shards = writeDirectory(directory, staging);
    const manifest: Manifest = { format: INDEX_FORMAT, parts, directory: { shards }, facets: manifestFacets(facets(records, catalogue, agencies)) };
    writeStaged(staging, MANIFEST_PATH, JSON.stringify(manifest));
    writeStaged(staging, APP_PATH, (await bundleSearchPage()).code);

    const search = join(staging, "search");
    swapDirectory(bundle, join(siteDir, "pagefind"));
    mkdirSync(join(siteDir, "search"), { recursive: true });
    for (const dir of ["text", "dir", "cards"]) swapDirectory(join(search, dir), join(siteDir, "search", dir));
    for (const file of [MANIFEST_PATH, APP_PATH]) renameSync(join(staging, file), join(siteDir, file));
    if (!quiet) console.log(`search: indexed ${records.length} records (${pagefindFiles} Pagefind files)`);
    return { records: records.length, pagefindFiles, cachedParts };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * What a part's index gives the rest of the step: its distinct words and the postings of its
 * rare words (for the routing directory), and its cards.
 */
interface PartWords {
  words: string[];
  inline: [word: string, postings: string][];
}

interface IndexedPart extends PartWords {
  cards: CardRow[];
}

/**
 * A word with at most this many locations in a part has its postings in the routing directory
 * (a few dozen bytes), so a search whose words are all rare in a part (a name, say) joins them
 * there without fetching the part's Pagefind metadata and index chunks (14 kB and 22 kB a word
 * for 1,000 letters). Measured on 10,000 synthetic letters: 17,022 of 70,858 word–part pairs,
 * 0.15 MB compressed in all.
 */
export const INLINE_LOCATIONS = 16;

/**
 * Narrow words keep their postings up to four times as many locations: they are short and only
 * in the directory, and a number's trigrams recur (470 was in 20–24 places in some parts of
 * 1,000 synthetic letters, as proposal numbers 470, 1470, 2470 …).
 */
const NARROW_INLINE_FACTOR = 4;

/**
 * Parts indexed at once, in one Pagefind service: while one part's index is written, the
 * other's records are read and its postings made, and the service works on both. Measured on
 * two parts of 1,000 synthetic letters (2 cores): 22.0 s together against 26–30 s one after
 * the other; Pagefind alone peaked at 1.8 GB.
 */
const PARTS_AT_ONCE = 2;

/**
 * Parts indexed in one Pagefind service before it is closed and its memory returned. Each
 * part that finishes starts the next, so Node's work on one part (reading its fragments,
 * making its postings) runs while Pagefind indexes the other; in pairs, started together, the
 * two waited for each other.
 */
const PARTS_PER_SERVICE = 16;

/** Indexes the parts `todo`, PARTS_AT_ONCE at a time; `done` takes each part's result as it comes. */
async function indexParts<T>(todo: readonly number[], index: (n: number) => Promise<T>, done: (n: number, result: T) => void): Promise<void> {
  for (let from = 0; from < todo.length; from += PARTS_PER_SERVICE) {
    const queue = todo.slice(from, from + PARTS_PER_SERVICE);
    const worker = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) done(n, await index(n));
    };
    try {
      await Promise.all(Array.from({ length: PARTS_AT_ONCE }, worker));
    } finally {
      await pagefind.close();
    }
  }
}

/** Indexes one part with Pagefind into dir; its fragments become cards. */
async function indexPart(part: SearchRecord[], dir: string, inlineLocations: number): Promise<IndexedPart> {
  const contents = part.map((record) => indexContent(record.paragraphs));
  await writePagefind(part, contents, dir);
  const cards = fragmentsToCards(join(dir, "fragment"), part);
  const idOf = new Map(cards.map((row) => [row[1], row[0]]));
  // Every word's locations in the part, record by record in the part's order; words in first-seen order.
  const postings = new Map<string, { count: number; postings: Postings }>();
  const limit = (word: string) => (isNarrowWord(word) ? inlineLocations * NARROW_INLINE_FACTOR : inlineLocations);
  const add = (id: string, word: string, position: number) => {
    let entry = postings.get(word);
    if (!entry) postings.set(word, (entry = { count: 0, postings: new Map() }));
    if (entry.count++ >= limit(word)) return;
    const locations = entry.postings.get(id);
    if (locations) locations.push(position);
    else entry.postings.set(id, [position]);
  };
  contents.forEach((content, i) => {
    const id = idOf.get(part[i]!.url)!;
    content.split(" ").forEach((word, position) => {
      if (!isSeparator(word)) add(id, word, position);
    });
    // Pairs and narrow words are the directory's only: Pagefind never sees them.
    for (const [word, position] of directoryWords(part[i]!.paragraphs)) add(id, word, position);
  });
  const inline: [string, string][] = [];
  for (const [word, entry] of postings) if (entry.count <= limit(word)) inline.push([word, encodePostings(entry.postings)]);
  return { words: [...postings.keys()], inline, cards };
}

/** A part's text blocks: TEXT_BLOCK records each, in the part's order (newest first), as the card rows number them. */
function writeTextBlocks(staging: string, n: number, part: SearchRecord[]): void {
  for (let block = 0; block * TEXT_BLOCK < part.length; block++) {
    const rows: TextRow[] = part.slice(block * TEXT_BLOCK, (block + 1) * TEXT_BLOCK).map((record) => [record.url, record.paragraphs]);
    writeStaged(staging, textBlockPath(n, block), gzipSync(JSON.stringify(rows), { level: 9 }));
  }
}

/** A part's cards in buckets by Pagefind id, each bucket in id order. */
function writeCardBuckets(staging: string, n: number, rows: CardRow[], buckets: number): void {
  const byBucket: CardRow[][] = Array.from({ length: buckets }, () => []);
  for (const row of rows) byBucket[cardBucketOf(row[0], buckets)]!.push(row);
  byBucket.forEach((bucket, b) => writeStaged(staging, cardBucketPath(n, b), gzipSync(JSON.stringify(bucket), { level: 9 })));
}

/**
 * The index code's own version: the search modules' source and Pagefind's version. A change
 * to either indexes every part anew.
 */
const CODE_VERSION = (() => {
  const hash = createHash("sha256").update(`format ${INDEX_FORMAT}`);
  for (const file of readdirSync(HERE).filter((f) => f.endsWith(".ts")).sort()) hash.update(file).update(readFileSync(join(HERE, file)));
  const pagefindPackage = join(HERE, "..", "..", "node_modules", "pagefind", "package.json");
  if (existsSync(pagefindPackage)) hash.update(readFileSync(pagefindPackage));
  return hash.digest("hex");
})();

/** A part's cache key: every record as indexed (url, paragraphs, card, filters, date), in order, the inline limit and the code version. */
function partKey(part: SearchRecord[], inlineLocations: number): string {
  const hash = createHash("sha256").update(CODE_VERSION).update(`inline ${inlineLocations}`);
  for (const record of part) hash.update(JSON.stringify([record.url, record.paragraphs, record.meta, record.filters, record.date]));
  return hash.digest("hex").slice(0, 40);
}

/**
 * A part's files in the staging directory, by their folder in its cache entry: its Pagefind
 * index, text blocks and cards. A kept part is linked, not written again (the text blocks of
 * 10,000 letters took 1.2 s to compress).
 */
function partDirs(staging: string, n: number): [name: string, dir: string][] {
  return [["bundle", join(staging, partPath(n))], ["text", join(staging, dirname(textBlockPath(n, 0)))], ["cards", join(staging, dirname(cardBucketPath(n, 0)))]];
}

/** A cached part linked into its places; undefined when the cache lacks it or holds it damaged (then it is indexed again). */
function readCachedPart(cacheDir: string, key: string, dirs: [string, string][]): PartWords | undefined {
  const entry = join(cacheDir, key);
  try {
    const words = JSON.parse(readFileSync(join(entry, "part.json"), "utf8")) as PartWords;
    for (const [name, dir] of dirs) placeTree(join(entry, name), dir);
    return words;
  } catch {
    for (const [, dir] of dirs) rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Keeps a freshly indexed part, written beside its place and renamed into it, so a cache entry is whole or absent. */
function cachePart(cacheDir: string, key: string, dirs: [string, string][], words: PartWords): void {
  const entry = join(cacheDir, key);
  if (existsSync(entry)) return;
  const temporary = `${entry}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  for (const [name, dir] of dirs) placeTree(dir, join(temporary, name));
  writeFileSync(join(temporary, "part.json"), JSON.stringify(words));
  renameSync(temporary, entry);
}

/** Drops the cached parts this build did not use: the cache holds one archive's parts, not its history. */
function pruneCache(cacheDir: string, keep: Set<string>): void {
  for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    if (!keep.has(name)) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

/** Writes a file at its site path under the staging directory. */
function writeStaged(staging: string, path: string, data: string | Uint8Array): void {
  const file = join(staging, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** Writes the routing shards; returns their number (a power of two). */
function writeDirectory(directory: Map<string, { parts: number[]; inline: Map<number, string> }>, staging: string): number {
  let chars = 0;
  for (const [word, { inline }] of directory) {
    chars += word.length + 8;
    for (const postings of inline.values()) chars += postings.length + 4;
  }
  let shards = 1;
  while (shards * SHARD_CHARS < chars) shards *= 2;
  const buckets: [string, { parts: number[]; inline: Map<number, string> }][][] = Array.from({ length: shards }, () => []);
  for (const entry of directory) buckets[shardOf(entry[0], shards)]!.push(entry);
  buckets.forEach((bucket, k) => writeStaged(staging, shardPath(k), gzipSync(formatShard(bucket), { level: 9 })));
  return shards;
}

/** The facets as the manifest lists them: each names a filter the search page sets. */
function manifestFacets(list: Facet[]): ManifestFacet[] {
  return list.map((facet) => {
    if (!isFilterName(facet.name)) throw new Error(`facet ${facet.name} is not a search filter`);
    return { ...facet, name: facet.name };
  });
}

/**
 * The search page's script: page.ts and what it imports (engine, core, formats, the date
 * formatter, without luxon, which dates.ts imports for other functions) in one minified ES module. Pagefind's pagefind.js is imported at run time from
 * the site and is not part of it. esbuild's output depends only on the sources and these
 * options (no paths, no dates), so the bytes are the same on every build.
 */
export async function bundleSearchPage(): Promise<{ code: Uint8Array; inputs: Record<string, number> }> {
  const result = await esbuild.build({
    entryPoints: [join(HERE, "page.ts")],
    absWorkingDir: HERE,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    charset: "utf8",
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  const [output] = Object.values(result.metafile.outputs);
  if (!file || !output || result.outputFiles.length !== 1) throw new Error("esbuild: expected one output file for the search page");
  // Source files (relative to src/search) → their bytes in the bundle: what the bundle is made of.
  const inputs = Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]));
  return { code: file.contents, inputs };
}

async function writePagefind(records: SearchRecord[], contents: string[], outputPath: string): Promise<void> {
  // Pagefind's index chunks keep their default size, 20,000 locations: 8,000 halved the bytes
  // a word costs a search (11 kB against 22 kB a chunk) but wrote 2.3 times the files
  // (609 against 262 per 1,000 letters), which at 10,000 letters is over a host's limit.
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    for (const [i, record] of records.entries()) {
      const added = await index.addCustomRecord({
        url: record.url,
        content: contents[i]!,
        language: INDEX_LANGUAGE,
        meta: { ...record.meta },
        filters: record.filters,
        sort: { date: record.date },
      });
      if (added.errors.length) throw new Error(`Pagefind: ${record.url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
}

/**
 * A fragment is what Pagefind fetches per result; ours would carry the record's token string
 * (tens of kilobytes), and one file per record is too many files for a host. The search page
 * reads only url and meta of it, so the fragments are read into card rows (formats.ts), by id,
 * each with the text block of its record, and removed.
 */
function fragmentsToCards(fragmentDir: string, part: SearchRecord[]): CardRow[] {
  const blockOf = new Map(part.map((record, i) => [record.url, Math.floor(i / TEXT_BLOCK)]));
  const rows: CardRow[] = [];
  for (const name of readdirSync(fragmentDir).sort()) {
    const raw = gunzipSync(readFileSync(join(fragmentDir, name)));
    if (raw.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new Error(`unexpected Pagefind fragment format: ${name}`);
    const fragment = JSON.parse(raw.subarray(SIGNATURE.length).toString("utf8")) as { url: string; meta: SearchRecord["meta"] };
    const block = blockOf.get(fragment.url);
    if (block === undefined) throw new Error(`Pagefind fragment ${name} is of no record of the part: ${fragment.url}`);
    rows.push(cardRow(name.replace(/\.pf_fragment$/, ""), fragment.url, fragment.meta, block));
  }
  if (rows.length !== part.length) throw new Error(`Pagefind wrote ${rows.length} fragments for ${part.length} records`);
  rmSync(fragmentDir, { recursive: true });
  return rows;
}

/** Pagefind's prebuilt UIs, which the search page does not use. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\./;
const RUNTIME = /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

/**
 * Every part's bundle carries the same pagefind.js and WebAssembly (55 kB). The page imports
 * pagefind.js from part 0; each later part's entry file names part 0's WebAssembly instead of
 * its own copy — Pagefind fetches `${basePath}wasm.${name}.pagefind`, and "/../../0/wasm.unknown"
 * resolves to part 0's file — so the browser fetches it once and reuses it from its cache.
 */
function shareRuntime(bundle: string, parts: number): void {
  for (let n = 0; n < parts; n++) {
    const dir = join(bundle, String(n));
    for (const name of readdirSync(dir)) {
      if (UNUSED.test(name) || (n > 0 && RUNTIME.test(name))) rmSync(join(dir, name));
    }
    if (n === 0) continue;
    const entryFile = join(dir, "pagefind-entry.json");
    const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { languages: Record<string, { wasm: string | null }> };
    for (const language of Object.values(entry.languages)) language.wasm = `/../../0/wasm.${language.wasm ?? "unknown"}`;
    // Replaced, not written in place: the file may be a link to the cached part's.
    writeFileAtomic(entryFile, JSON.stringify(entry));
  }
  if (!existsSync(join(bundle, "0", "wasm.unknown.pagefind"))) throw new Error("Pagefind wrote no wasm.unknown.pagefind; the shared runtime needs it");
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

