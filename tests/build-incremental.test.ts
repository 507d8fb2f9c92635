/**
 * Caches are correct: a build after edits (one letter changed, one added, one deleted) that
 * reuses .cache/ gives byte for byte the site a cold build of the same letters gives, PDF
 * editions and search index included; and it printed and indexed only what the edits touched.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const work = mkdtempSync(join(tmpdir(), "fuwen-incremental-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function archiveCopy(name: string): string {
  const dir = join(work, name);
  cpSync(join(PROJECT_ROOT, "letters"), join(dir, "letters"), { recursive: true });
  cpSync(join(PROJECT_ROOT, "_data"), join(dir, "_data"), { recursive: true });
  return dir;
}

function build(archive: string, out: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out], {
    cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" },
  });
  if (run.status !== 0) throw new Error(`build failed: ${run.stderr}`);
  return run;
}

/** Every file under dir with its bytes (base64), by path. */
function tree(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((file): [string, string] => [relative(dir, file), readFileSync(file).toString("base64")])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The edits: 2021's letter reworded, a 2023 letter added (a copy of 2023's under another 文号), 2022's deleted. */
function edit(archive: string): void {
  const edited = join(archive, "letters", "2021", "ybh-2021-194.md");
  writeFileSync(edited, readFileSync(edited, "utf8").replace("感谢您对医疗保障工作的关心和支持。", "感谢您对医疗保障工作的关心与支持。"));
  const source = readFileSync(join(archive, "letters", "2023", "ybh-2023-90.md"), "utf8");
  writeFileSync(join(archive, "letters", "2023", "ybh-2023-91.md"), source.replace("医保函〔2023〕90号", "医保函〔2023〕91号").replace('proposalNumber: "5525"', 'proposalNumber: "5526"'));
  rmSync(join(archive, "letters", "2022", "ybh-2022-132.md"));
}

let incremental: ReturnType<typeof build>;
let incrementalOut: string;
let coldOut: string;

beforeAll(() => {
  const living = archiveCopy("living");
  incrementalOut = join(work, "site-incremental");
  build(living, incrementalOut);
  edit(living);
  incremental = build(living, incrementalOut);

  const fresh = archiveCopy("fresh");
  edit(fresh);
  coldOut = join(work, "site-cold");
  build(fresh, coldOut);
}, 600_000);

describe("a build after edits, with its caches", () => {
  it("gives the same bytes as a cold build of the same letters, every file", () => {
    const cold = tree(coldOut);
    expect(cold.map(([file]) => file)).toContain("compendium-2021.pdf");
    expect(cold.map(([file]) => file)).not.toContain("letters/2022/ybh-2022-132/index.html");
    expect(tree(incrementalOut)).toEqual(cold);
  });

  it("renders only the pages the edits changed and keeps the others from .cache/pages", () => {
    const line = /eleventy: (\d+) pages unchanged, kept; rendering (\d+)/.exec(incremental.stderr);
    expect(line).not.toBeNull();
    const [kept, rendered] = [Number(line![1]), Number(line![2])];
    // The edited and the added letter's pages, their neighbours and the listings holding them
    // are rendered; the 2020 letters' pages and the listings of other years are kept.
    expect(rendered).toBeGreaterThanOrEqual(2);
    expect(kept).toBeGreaterThanOrEqual(2);
    const keptPages = readdirSync(join(work, "living", ".cache", "pages"));
    expect(keptPages.length).toBe(kept + rendered);
  });

  it("reprints only the volumes the edits touched and takes the others from the cache", () => {
    const lines = incremental.stderr.split("\n").filter((line) => line.startsWith("pdf: compendium"));
    const cached = (file: string) => lines.find((line) => line.startsWith(`pdf: ${file} `))?.includes("(cached)");
    expect(cached("compendium-2020.pdf")).toBe(true);
    expect(cached("compendium-2021.pdf")).toBe(false);
    expect(cached("compendium-2023.pdf")).toBe(false);
    expect(cached("compendium.pdf")).toBe(false);
  });
});
