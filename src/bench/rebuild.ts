/**
 * Rebuild benchmark: for each N, a synthetic archive is built cold (pages, PDF editions, search
 * index), then again unchanged, then after one letter edited, one added and one deleted, each
 * by `scripts/build.ts` in a child process with the archive's own .cache/. Reported: wall time
 * per build, the step times the build prints, the editions printed again, the search parts
 * indexed again, and how many output files kept their times.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../archive.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function build(archive: string, out: string): string {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out], { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) return `failed after ${seconds} s: ${run.stderr.split("\n").slice(-3).join(" ")}`;
  const steps = [...run.stdout.matchAll(/^(pdf|eleventy|search): ([\d.]+ s)( \(unchanged)?/gmu)].map((m) => `${m[1]} ${m[2]}${m[3] ? " kept" : ""}`).join(", ");
  const output = /^Output: (.*)$/mu.exec(run.stdout)?.[1] ?? "";
  // Off a terminal the PDF step names each edition, "(cached)" when it was not printed again.
  const printed = [...run.stderr.matchAll(/^pdf: (\S+\.pdf) \d+ pages( \(cached\))?/gmu)].filter((m) => !m[2]).map((m) => m[1]);
  const kept = /^search: (\d+) of (\d+) parts unchanged/mu.exec(run.stdout);
  const parts = kept ? `; search parts indexed ${Number(kept[2]) - Number(kept[1])} of ${kept[2]}` : "";
  return `${seconds} s (${steps}); ${output}; printed ${printed.length ? printed.join(" ") : "none"}${parts}`;
}

export async function benchRebuild(sizes: number[]): Promise<void> {
  const catalogue = loadCatalogue(PROJECT_ROOT);
  console.log(`${cpus().length} cores`);
  for (const size of sizes) {
    const work = mkdtempSync(join(tmpdir(), "fuwen-bench-rebuild-"));
    try {
      const letters = generateCorpus(size + 1, catalogue);
      const added = letters.pop()!;
      writeCorpus(work, letters, join(PROJECT_ROOT, "_data"));
      const out = join(work, "_site");
      console.log(`${size} letters, cold:      ${build(work, out)}`);
      console.log(`${size} letters, unchanged: ${build(work, out)}`);
      const edited = join(work, letters[Math.floor(size / 2)]!.file);
      writeFileSync(edited, readFileSync(edited, "utf8").replace(/。/u, "（修订）。"));
      console.log(`${size} letters, one edited: ${build(work, out)}`);
      writeCorpus(work, [added], join(PROJECT_ROOT, "_data"));
      console.log(`${size} letters, one added: ${build(work, out)}`);
      rmSync(join(work, letters[0]!.file));
      console.log(`${size} letters, one deleted: ${build(work, out)}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}
