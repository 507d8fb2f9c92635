/**
 * The built site as a host sees it: one build at a time writes it, leftovers of a killed build
 * are cleared, a file whose bytes did not change keeps its modification time (so a sync to the
 * host sends only what changed), and its file count and size are what a host's limits count.
 */
import { alive } from "./atomic.ts";
import { closeSync, existsSync, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

/** The staging directory of the build run by `pid` for the output `finalDir`. */
export function stagingDirectory(finalDir: string, pid = process.pid): string {
  return join(dirname(finalDir), `.${basename(finalDir)}.build-${pid}.tmp`);
}

/**
 * Takes the output's lock (`<out>.lock`, holding this process's pid), or throws when another
 * live build holds it. A lock or staging directory left by a killed build is removed. Returns
 * the release function.
 */
export function lockOutput(finalDir: string): () => void {
  const lock = `${finalDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      clearStaleStaging(finalDir);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lock, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`another build (pid ${holder}) is writing ${finalDir}; wait for it to finish (or remove ${lock} if no build is running)`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`cannot take the lock ${lock}`);
}

/** Staging directories of builds that are no longer running (killed, say, with kill -9). */
function clearStaleStaging(finalDir: string): void {
  const parent = dirname(finalDir);
  const pattern = new RegExp(`^\\.${basename(finalDir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.build-(\\d+)\\.tmp$`);
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Gives every file of the new site whose bytes equal the old site's file at the same path the
 * old file's times: the old file itself takes the new one's place (a hard link, renamed over
 * it), so its times stay to the nanosecond, which utimes' floating-point seconds do not keep
 * (…603.702492634 came back as …603.701999000). Returns how many files kept their times.
 */
export function carryOverTimes(newDir: string, oldDir: string): number {
  if (!existsSync(oldDir)) return 0;
  let kept = 0;
  for (const file of filesUnder(newDir)) {
    const old = join(oldDir, relative(newDir, file));
    let before;
    try {
      before = statSync(old);
    } catch {
      continue;
    }
    const after = statSync(file);
    // The same inode: a kept file linked into both sites (atomic.ts placeFile).
    if (before.ino === after.ino && before.dev === after.dev) {
      kept++;
      continue;
    }
    if (before.size !== after.size || !readFileSync(old).equals(readFileSync(file))) continue;
    const link = `${file}.kept-${process.pid}`;
    try {
      linkSync(old, link);
      renameSync(link, file);
    } catch {
      // Another file system, or no hard links: the times to the microsecond.
      rmSync(link, { force: true });
      utimesSync(file, before.atime, before.mtime);
    }
    kept++;
  }
  return kept;
}

/** The number of files and their total size: what a static host's limits count. */
export function outputSize(dir: string): { files: number; bytes: number } {
  const files = filesUnder(dir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}
