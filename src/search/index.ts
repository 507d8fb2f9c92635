/**
 * Search adapter: reads the archive, writes the Pagefind index (one custom record per letter
 * or document, made of the tokens from core.js) and the assets the search page needs.
 *
 *   <siteDir>/pagefind/<n>/      Pagefind bundles, one per part (index chunks, filters, cards)
 *   <siteDir>/search/app.js      the search page's script (with core.js beside it)
 *   <siteDir>/search/manifest.json  the parts (newest first, with their date ranges) and facets
 *   <siteDir>/search/dir/<k>.gz  routing directory: which parts hold each index word
 *   <siteDir>/search/cards/<n>.gz  every card of part n in one file, for searches that list many
 *   <siteDir>/search/text/…gz    each record's searchable text, for excerpts
 *
 * Parts: Pagefind's indexer holds about 1–3 kB per indexed word in memory, and our records
 * have a few thousand words each, so the archive is indexed in parts of at most `partSize`
 * records, one after another. Parts are cut by date, newest first: a search sorted by date
 * can stop after the parts that already give a page of results, and a year filter skips parts.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { loadValidArchive, type LoadedArchive } from "../archive.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { INDEX_FORMAT, contentWords, formatShard, indexContent, shardOf } from "./core.js";
import { facets, searchRecords, type SearchRecord } from "./records.ts";

/** Language code of the token index: none of Pagefind's stemmers or segmenters apply to it. */
export const INDEX_LANGUAGE = "zxx";

/** Files copied from src/search into <siteDir>/search/. */
const CLIENT_FILES = ["core.js", "app.js"];
const HERE = dirname(fileURLToPath(import.meta.url));
const SIGNATURE = "pagefind_dcd";

/** Records per part: keeps the indexer under about 3 GB (measured by `npm run bench`). */
export const DEFAULT_PART_SIZE = 1000;

/**
 * Locations per Pagefind index chunk (Pagefind's default is 20,000). A search fetches one
 * chunk per word and part, and every part's metadata lists its chunks: 8,000 balances the two
 * (measured at 1,000 letters: 20,000 → 17 kB metadata and 21 kB chunks; 4,000 → 37 kB and 5 kB).
 */
export const INDEX_CHUNK_SIZE = 8000;

/** Words per routing shard, about: a shard is 2–3 kB compressed (2,000 doubled what a search fetched from the directory). */
const WORDS_PER_SHARD = 1000;

export interface IndexSiteOptions {
  root: string;
  siteDir: string;
  quiet?: boolean;
  partSize?: number;
  /** The archive, when the caller has read it already (the build does). */
  archive?: LoadedArchive;
}

export interface PartEntry {
  /** Bundle directory relative to the site root, e.g. "pagefind/0/". */
  path: string;
  records: number;
  newest: string;
  oldest: string;
}

export interface IndexSummary {
  records: number;
  pagefindFiles: number;
}

export async function indexSite({ root, siteDir, quiet = false, partSize, archive = loadValidArchive(root) }: IndexSiteOptions): Promise<IndexSummary> {
  const records = searchRecords(archive.letters, archive.documents);
  return writeSearch(records, siteDir, { quiet, catalogue: archive.catalogue, partSize });
}

/** Records newest first (then by key), cut into parts. Pure. */
export function partition(records: SearchRecord[], partSize: number): SearchRecord[][] {
  if (!(partSize >= 1)) throw new Error(`partSize must be at least 1, not ${partSize}`);
  const ordered = [...records].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parts: SearchRecord[][] = [];
  for (let i = 0; i < ordered.length; i += partSize) parts.push(ordered.slice(i, i + partSize));
  return parts;
}

export async function writeSearch(
  records: SearchRecord[],
  siteDir: string,
  { quiet = false, catalogue, partSize = DEFAULT_PART_SIZE }: { quiet?: boolean; catalogue: SessionCatalogue; partSize?: number },
): Promise<IndexSummary> {
  if (records.length === 0) throw new Error("nothing to index: the archive has no letters or documents");
  const staging = join(siteDir, `.search-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const bundle = join(staging, "pagefind");
    const parts: PartEntry[] = [];
    const directory = new Map<string, number[]>();
    const cardTables: CardRow[][] = [];
    for (const [n, part] of partition(records, partSize).entries()) {
      const dir = join(bundle, String(n));
      const contents = part.map((record) => indexContent(record.paragraphs));
      for (const content of contents) {
        for (const word of contentWords(content)) {
          const holders = directory.get(word);
          if (!holders) directory.set(word, [n]);
          else if (holders[holders.length - 1] !== n) holders.push(n);
        }
      }
      await writePagefind(part, contents, dir);
      cardTables.push(stripFragments(join(dir, "fragment")));
      parts.push({ path: `pagefind/${n}/`, records: part.length, newest: part[0]!.date, oldest: part[part.length - 1]!.date });
      if (!quiet) console.log(`search: part ${n}: ${part.length} records, ${parts[n]!.oldest} – ${parts[n]!.newest}`);
    }
    shareRuntime(bundle, parts.length);
    const pagefindFiles = countFiles(bundle);

    const search = join(staging, "search");
    const shards = writeDirectory(directory, join(search, "dir"));
    mkdirSync(join(search, "cards"), { recursive: true });
    cardTables.forEach((rows, n) => writeFileSync(join(search, "cards", `${n}.gz`), gzipSync(JSON.stringify(rows), { level: 9 })));
    for (const record of records) {
      const file = join(search, "text", `${record.key}.gz`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, gzipSync(record.paragraphs.join("\n"), { level: 9 }));
    }
    const manifest = { format: INDEX_FORMAT, parts, directory: { shards }, facets: facets(records, catalogue) };
    writeFileSync(join(search, "manifest.json"), JSON.stringify(manifest));
    for (const file of CLIENT_FILES) cpSync(join(HERE, file), join(search, file));

    replaceDir(bundle, join(siteDir, "pagefind"));
    mkdirSync(join(siteDir, "search"), { recursive: true });
    replaceDir(join(search, "text"), join(siteDir, "search", "text"));
    replaceDir(join(search, "dir"), join(siteDir, "search", "dir"));
    replaceDir(join(search, "cards"), join(siteDir, "search", "cards"));
    for (const file of ["manifest.json", ...CLIENT_FILES]) renameSync(join(search, file), join(siteDir, "search", file));
    if (!quiet) console.log(`search: indexed ${records.length} records (${pagefindFiles} Pagefind files)`);
    return { records: records.length, pagefindFiles };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Writes the routing shards; returns their number (a power of two). */
function writeDirectory(directory: Map<string, number[]>, dir: string): number {
  let shards = 1;
  while (shards * WORDS_PER_SHARD < directory.size) shards *= 2;
  const buckets: [string, number[]][][] = Array.from({ length: shards }, () => []);
  for (const entry of directory) buckets[shardOf(entry[0], shards)]!.push(entry);
  mkdirSync(dir, { recursive: true });
  buckets.forEach((bucket, k) => writeFileSync(join(dir, `${k}.gz`), gzipSync(formatShard(bucket), { level: 9 })));
  return shards;
}

async function writePagefind(records: SearchRecord[], contents: string[], outputPath: string): Promise<void> {
  // A fresh service per part, so that each part's memory is returned once it is written; the
  // chunk size is read from the environment by the service when it starts.
  const previous = process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(INDEX_CHUNK_SIZE);
  let created;
  try {
    created = await pagefind.createIndex({});
  } finally {
    if (previous === undefined) delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    else process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = previous;
  }
  const { index, errors } = created;
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
    await pagefind.close();
  }
}

/**
 * A fragment is what Pagefind fetches per result; ours would carry the record's token string
 * (tens of kilobytes). The search page reads only url and meta from it, so content and
 * filters are dropped, leaving a card of a few hundred bytes. Returns every card of the part as
 * rows [Pagefind page id, url, title, ref, session, date, type], by id.
 */
type CardRow = [string, string, string, string, string, string, string];

function stripFragments(fragmentDir: string): CardRow[] {
  const rows: CardRow[] = [];
  for (const name of readdirSync(fragmentDir).sort()) {
    const path = join(fragmentDir, name);
    const raw = gunzipSync(readFileSync(path));
    if (raw.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new Error(`unexpected Pagefind fragment format: ${name}`);
    const fragment = JSON.parse(raw.subarray(SIGNATURE.length).toString("utf8")) as {
      url: string; content?: string; filters?: unknown; meta: SearchRecord["meta"];
    };
    fragment.content = "";
    fragment.filters = {};
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from(SIGNATURE), Buffer.from(JSON.stringify(fragment))]), { level: 9 }));
    const { title, ref, session, date, type } = fragment.meta;
    rows.push([name.replace(/\.pf_fragment$/, ""), fragment.url, title, ref, session, date, type]);
  }
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
    writeFileSync(entryFile, JSON.stringify(entry));
  }
  if (!existsSync(join(bundle, "0", "wasm.unknown.pagefind"))) throw new Error("Pagefind wrote no wasm.unknown.pagefind; the shared runtime needs it");
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** Puts a finished directory in place of an old one with renames only. */
function replaceDir(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`;
  if (existsSync(to)) renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}
