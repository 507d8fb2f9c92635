/**
 * Fixity for those who keep the archive: SHA256SUMS beside the downloads (the editions and
 * the data files), in the format `sha256sum -c` reads, and the whole site as a BagIt bag
 * (RFC 8493) that a repository can ingest and verify.
 */
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { swapDirectory } from "./atomic.ts";

export const SUMS_FILE = "SHA256SUMS";

/** What a reader downloads rather than reads: the editions, the data exports, the catalogue records. */
export function isDownload(path: string): boolean {
  return /^[^/]+\.(pdf|epub|json|csv)$/.test(path) || path === "feed.xml" || /^records\/[^/]+\.xml$/.test(path);
}

export function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Every file under dir, as /-separated paths relative to it, in byte order. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `sha256sum` lines: digest, two spaces, path (CR, LF and % in a path percent-encoded, as BagIt asks). */
function sumLines(dir: string, paths: string[], prefix = ""): string {
  return paths.map((p) => `${sha256File(join(dir, p))}  ${prefix}${p.replace(/[%\r\n]/g, (c) => encodeURIComponent(c))}\n`).join("");
}

/** Writes SHA256SUMS for the site's downloads; returns how many files it lists. */
export function writeDownloadSums(siteDir: string): number {
  const downloads = filesOf(siteDir).filter(isDownload);
  writeFileSync(join(siteDir, SUMS_FILE), sumLines(siteDir, downloads));
  return downloads.length;
}

export interface BagInfo {
  /** bag-info.txt's Source-Organization and External-Description. */
  organization: string;
  description: string;
  /** YYYY-MM-DD */
  baggingDate: string;
}

/**
 * The site as a BagIt 1.0 bag: data/ holds the site (hard links: no second copy on one file
 * system), with bagit.txt, bag-info.txt, manifest-sha256.txt and tagmanifest-sha256.txt. Made
 * beside bagDir and put in place whole.
 */
export function writeBag(siteDir: string, bagDir: string, info: BagInfo): { files: number; bytes: number } {
  const staging = `${bagDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const payload = filesOf(siteDir);
  let bytes = 0;
  for (const path of payload) {
    const target = join(staging, "data", path);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(join(siteDir, path), target);
    } catch {
      copyFileSync(join(siteDir, path), target);
    }
    bytes += statSync(target).size;
  }
  mkdirSync(join(staging, "data"), { recursive: true });
  const field = (name: string, value: string) => `${name}: ${value.replace(/\s*\n\s*/g, " ")}\n`;
  writeFileSync(join(staging, "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  writeFileSync(join(staging, "bag-info.txt"), [
    field("Source-Organization", info.organization),
    field("External-Description", info.description),
    field("Bagging-Date", info.baggingDate),
    field("Bag-Software-Agent", "复文 Fuwen"),
    field("Payload-Oxum", `${bytes}.${payload.length}`),
  ].join(""));
  writeFileSync(join(staging, "manifest-sha256.txt"), sumLines(join(staging, "data"), payload, "data/"));
  writeFileSync(join(staging, "tagmanifest-sha256.txt"), sumLines(staging, ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"]));
  swapDirectory(staging, bagDir);
  return { files: payload.length, bytes };
}

/**
 * What is wrong with a bag (RFC 8493 §3, "complete" and "valid"): empty when every payload
 * file is listed in the manifest with its checksum, nothing listed is missing, and the tag
 * files match the tag manifest.
 */
export function verifyBag(bagDir: string): string[] {
  const problems: string[] = [];
  const required = ["bagit.txt", "manifest-sha256.txt"];
  for (const name of required) if (!existsSync(join(bagDir, name))) problems.push(`${name} is missing`);
  if (problems.length) return problems;
  if (!/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n$/.test(readFileSync(join(bagDir, "bagit.txt"), "utf8"))) problems.push("bagit.txt is not a BagIt 1.0 declaration");
  const check = (manifest: string, within: (path: string) => boolean): Set<string> => {
    const listed = new Set<string>();
    readFileSync(join(bagDir, manifest), "utf8").split("\n").filter(Boolean).forEach((line, i) => {
      const m = /^([0-9a-f]{64}) {1,2}(.+)$/.exec(line);
      if (!m) return problems.push(`${manifest}:${i + 1}: not “checksum path”`);
      const path = decodeURIComponent(m[2]!);
      listed.add(path);
      if (!within(path) || path.split("/").includes("..")) problems.push(`${manifest}:${i + 1}: ${path} is outside where the manifest may point`);
      else if (!existsSync(join(bagDir, path))) problems.push(`${path}: listed in ${manifest} but missing`);
      else if (sha256File(join(bagDir, path)) !== m[1]) problems.push(`${path}: its SHA-256 is not the one in ${manifest} (the file has changed)`);
    });
    return listed;
  };
  const listed = check("manifest-sha256.txt", (p) => p.startsWith("data/"));
  for (const path of existsSync(join(bagDir, "data")) ? filesOf(join(bagDir, "data")) : []) if (!listed.has(`data/${path}`)) problems.push(`data/${path}: in the payload but not in manifest-sha256.txt`);
  if (existsSync(join(bagDir, "tagmanifest-sha256.txt"))) check("tagmanifest-sha256.txt", (p) => !p.startsWith("data/") && !p.includes("/"));
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(existsSync(join(bagDir, "bag-info.txt")) ? readFileSync(join(bagDir, "bag-info.txt"), "utf8") : "");
  if (oxum && Number(oxum[2]) !== listed.size) problems.push(`bag-info.txt's Payload-Oxum counts ${oxum[2]} files, the manifest ${listed.size}`);
  return problems;
}
