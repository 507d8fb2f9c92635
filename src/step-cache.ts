/**
 * Whole-step cache of the build: a step (the PDF editions, the pages, the search index) whose
 * inputs are unchanged puts its earlier output back instead of running. Each step writes into
 * a directory of its own, merged into the site at the end (mergeInto), so steps can run at the
 * same time. Its files are kept under .cache/steps/<step>/<key>/ as hard links (atomic.ts
 * placeFile: no bytes copied, and a site file sharing its inode with the last site's keeps its
 * times unread), with the step's result beside them. The key is a digest of everything the
 * step reads: the archive's files, the catalogues and settings, the project's code and package
 * versions, and what earlier steps handed on. One entry a step is kept; deleting .cache/ is
 * always safe. Steps keep their own finer caches (an edition, an index part) for the builds
 * where something changed.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { discard, placeTree } from "./atomic.ts";

/** Every file under dir, relative to it, with "/" separators. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

/**
 * A digest of the project's code and data as the build reads them: src/, .eleventy.js,
 * _data/ and package-lock.json (the versions of Eleventy, Pagefind, Puppeteer …). A change to
 * any of them runs every step again.
 */
export function projectDigest(projectRoot: string): string {
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(join(projectRoot, "src")).map((file) => `src/${file}`),
    ...filesUnder(join(projectRoot, "_data")).map((file) => `_data/${file}`),
    ".eleventy.js",
    "package-lock.json",
  ].sort();
  for (const file of files) {
    const path = join(projectRoot, file);
    if (!existsSync(path)) continue;
    hash.update(`${file}\0`).update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

export function digestOf(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(typeof part === "string" ? `${part.length}:${part}` : part);
  return hash.digest("hex").slice(0, 40);
}

/**
 * Runs a step into its own directory, stepDir, unless the cache holds its output for this key;
 * then that output is placed in stepDir and its stored result returned. Returns the result and
 * whether it came from the cache.
 */
export async function cachedStep<T>(cacheDir: string, key: string, stepDir: string, run: () => Promise<T>): Promise<{ result: T; cached: boolean }> {
  const entry = join(cacheDir, key);
  try {
    const { value } = JSON.parse(readFileSync(join(entry, "result.json"), "utf8")) as { value: T };
    if (existsSync(join(entry, "files"))) placeTree(join(entry, "files"), stepDir);
    return { result: value, cached: true };
  } catch {
    // Not cached (or damaged): run the step.
  }
  const value = await run();
  const temporary = `${entry}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  if (existsSync(stepDir)) placeTree(stepDir, join(temporary, "files"));
  writeFileSync(join(temporary, "result.json"), JSON.stringify({ value }));
  // The step's previous entries are of an older archive: only the newest is kept.
  for (const name of readdirSync(cacheDir)) {
    if (name !== key && !name.endsWith(".tmp") && !name.startsWith(".discarded-")) discard(join(cacheDir, name));
  }
  discard(entry);
  renameSync(temporary, entry);
  return { result: value, cached: false };
}

/**
 * Moves everything under from into to, by renames: an entry to lacks is moved whole, a
 * directory both hold is merged. A file both hold is an error (no step writes another's files).
 */
export function mergeInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (!existsSync(target)) renameSync(source, target);
    else if (entry.isDirectory() && statSync(target).isDirectory()) mergeInto(source, target);
    else throw new Error(`two build steps wrote ${target}`);
  }
  rmSync(from, { recursive: true, force: true });
}
