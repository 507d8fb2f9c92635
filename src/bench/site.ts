/**
 * Site benchmark: for each N, a synthetic archive is written, `scripts/build.ts` builds it in
 * a child process (wall time and the build's own peak RSS), and a plain Node "floor" does the
 * unavoidable work for the same letters: parse front matter, render Markdown, write N files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listLetterFiles, loadCatalogue } from "../archive.ts";
import { renderBody } from "../model/body.ts";
import { parseLetterFile } from "../model/letter-file.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface SiteFigures {
  letters: number;
  buildSeconds: number;
  peakRssMb: number;
  floorSeconds: number;
}

/** The floor: what any generator must do for these letters, with nothing else. */
export function measureFloor(archive: string, outDir: string): number {
  const started = performance.now();
  for (const file of listLetterFiles(archive)) {
    const parsed = parseLetterFile(readFileSync(join(archive, file), "utf8"));
    const html = renderBody(parsed.body);
    const target = join(outDir, file.replace(/\.md$/, ""), "index.html");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, html);
  }
  return (performance.now() - started) / 1000;
}

export function buildOnce(archive: string, out: string): { seconds: number; peakRssMb: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out, "--skip", "search,pdf"], {
    cwd: PROJECT_ROOT, encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
  const rss = /peak RSS (\d+) MB/.exec(result.stdout)?.[1];
  return { seconds, peakRssMb: rss ? Number(rss) : Number.NaN };
}

export async function benchSite(sizes: number[]): Promise<SiteFigures[]> {
  const catalogue = loadCatalogue(PROJECT_ROOT);
  const figures: SiteFigures[] = [];
  console.log(`site: ${cpus().length} cores, Node ${process.version}; build = npm run build in a child process (wall time incl. startup and validation)`);
  console.log("letters   build s   peak RSS MB   floor s   build/floor   s per 1,000");
  for (const n of sizes) {
    const work = mkdtempSync(join(tmpdir(), `fuwen-bench-${n}-`));
    try {
      writeCorpus(join(work, "archive"), generateCorpus(n, catalogue), join(PROJECT_ROOT, "_data"));
      const floorSeconds = measureFloor(join(work, "archive"), join(work, "floor"));
      const { seconds, peakRssMb } = buildOnce(join(work, "archive"), join(work, "site"));
      const row = { letters: n, buildSeconds: seconds, peakRssMb, floorSeconds };
      figures.push(row);
      console.log(
        [String(n).padStart(7), seconds.toFixed(1).padStart(9), String(peakRssMb).padStart(13), floorSeconds.toFixed(1).padStart(9),
          (seconds / floorSeconds).toFixed(1).padStart(13), ((seconds / n) * 1000).toFixed(2).padStart(13)].join(" "),
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const [a, b] = [figures.find((f) => f.letters === 10_000), figures.find((f) => f.letters === 20_000)];
  if (a && b) console.log(`time(20,000) / time(10,000) = ${(b.buildSeconds / a.buildSeconds).toFixed(2)} (target ≤ 2.3)`);
  return figures;
}
