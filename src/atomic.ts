/**
 * Atomic writes, defined once: a reader (a web server, a later build, an archivist's editor)
 * sees the old file or directory or the new one, never half of either.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";

function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Writes a file through a temporary file beside it and a rename. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export async function writeFileAtomicAsync(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryBeside(path);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Puts a finished directory in place of an old one with renames only, then removes the old one. */
export function swapDirectory(finished: string, target: string): void {
  const old = temporaryBeside(target);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(finished, target);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Puts a kept file (a cached edition or index file) at path: a hard link when both are on one
 * file system, so no byte is copied and an unchanged file is recognised by its inode, else a
 * copy; through a temporary name and a rename. Neither path is ever written in place: every
 * writer here replaces files by rename.
 */
export function placeFile(source: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryBeside(path);
  rmSync(temporary, { force: true });
  try {
    linkSync(source, temporary);
  } catch {
    copyFileSync(source, temporary);
  }
  renameSync(temporary, path);
}

/** placeFile for every file under sourceDir, at the same place under dir. */
export function placeTree(sourceDir: string, dir: string): void {
  for (const entry of readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    placeFile(source, join(dir, relative(sourceDir, source)));
  }
}
