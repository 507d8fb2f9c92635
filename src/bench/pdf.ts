/**
 * PDF edition benchmark: wall time, peak memory of the whole process tree (Node and every
 * Chromium process, sampled from /proc: /usr/bin/time only sees waited-for children, and
 * Chromium's renderers are not) and file size, for synthetic archives of given sizes.
 *
 * Each size renders in a child process, so one run's heap does not inflate the next.
 * Memory is the sum of PSS (proportional set size) over the tree: shared pages count
 * once, unlike a sum of RSS, which is printed alongside for comparison.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../archive.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface TreeMemory {
  pss: number;
  rss: number;
  processes: number;
  /** CPU seconds (user + system) each live process of the tree has used so far. */
  cpu: Map<number, number>;
}

const CLOCK_TICKS = 100;

/** Memory of a process and all its descendants, in bytes, read from /proc. */
export function treeMemory(rootPid: number): TreeMemory {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let pss = 0;
  let rss = 0;
  let processes = 0;
  const cpu = new Map<number, number>();
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop() as number;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) * 1024;
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) * 1024;
      processes += 1;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // Gone, or a kernel thread without smaps.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { pss, rss, processes, cpu };
}

interface ChildResult {
  editions: number;
  pages: number;
  bytes: number;
}

export interface PdfBenchResult {
  letters: number;
  seconds: number;
  /** CPU seconds of the whole tree: a figure that does not depend on what else the machine runs. */
  cpuSeconds: number;
  peakPss: number;
  peakRss: number;
  maxProcesses: number;
  editions: number;
  pages: number;
  bytes: number;
}

/** Prints every edition of `letters` synthetic letters in a child process, sampling its tree. */
export async function measureEditions(letters: number, size: "A4" | "A5" | "16k" = "A4"): Promise<PdfBenchResult> {
  const root = mkdtempSync(join(tmpdir(), `fuwen-bench-pdf-${letters}-`));
  try {
    writeCorpus(root, generateCorpus(letters, loadCatalogue(PROJECT)), join(PROJECT, "_data"));
    copyFileSync(join(PROJECT, "_data", "site.json"), join(root, "_data", "site.json"));
    const outDir = join(root, "_site");

    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", root, outDir, size], {
      cwd: PROJECT,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, CI: "true" },
    });
    let peakPss = 0;
    let peakRss = 0;
    let maxProcesses = 0;
    const cpuByPid = new Map<number, number>();
    const sample = (): void => {
      if (child.pid === undefined) return;
      const memory = treeMemory(child.pid);
      peakPss = Math.max(peakPss, memory.pss);
      peakRss = Math.max(peakRss, memory.rss);
      maxProcesses = Math.max(maxProcesses, memory.processes);
      for (const [pid, seconds] of memory.cpu) cpuByPid.set(pid, Math.max(seconds, cpuByPid.get(pid) ?? 0));
    };
    // smaps_rollup walks the page tables: sampling often would slow the run it measures.
    const timer = setInterval(sample, 500);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`rendering ${letters} letters failed (exit ${code})`);
    const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as ChildResult;
    const cpuSeconds = [...cpuByPid.values()].reduce((sum, s) => sum + s, 0);
    return { letters, seconds, cpuSeconds, peakPss, peakRss, maxProcesses, ...result };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const MB = 1024 * 1024;

export async function benchPdf(sizes: number[]): Promise<void> {
  sizes = [...new Set([100, ...sizes])].sort((a, b) => a - b);
  console.log("PDF editions (every volume and 册 as the build prints them, two at a time, A4, no caches)");
  console.log(`load average before: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} (2 cores: above 2, others share the CPU)`);
  console.log("letters   editions   pages   wall s    CPU s   peak PSS MB   (RSS sum MB)   processes   files MB   wall s/100 letters");
  for (const letters of sizes) {
    const r = await measureEditions(letters);
    console.log(
      [
        String(r.letters).padStart(7),
        String(r.editions).padStart(10),
        String(r.pages).padStart(7),
        r.seconds.toFixed(1).padStart(8),
        r.cpuSeconds.toFixed(1).padStart(8),
        (r.peakPss / MB).toFixed(0).padStart(13),
        `(${(r.peakRss / MB).toFixed(0)})`.padStart(14),
        String(r.maxProcesses).padStart(11),
        (r.bytes / MB).toFixed(1).padStart(10),
        ((r.seconds / r.letters) * 100).toFixed(1).padStart(20),
      ].join(" "),
    );
  }
}

/** The editions step of the build, without its caches. */
async function child(root: string, outDir: string, size: "A4" | "A5" | "16k"): Promise<void> {
  const { renderEditions } = await import("../print/index.ts");
  const editions = await renderEditions({ root, outDir, size, planCache: false, editionCache: false });
  const sum = (f: (e: (typeof editions)[number]) => number) => editions.reduce((total, e) => total + f(e), 0);
  console.log(JSON.stringify({ editions: editions.length, pages: sum((e) => e.pages), bytes: sum((e) => e.bytes) } satisfies ChildResult));
}

if (process.argv[2] === "--child") {
  const [root, outDir, size] = process.argv.slice(3) as [string, string, "A4" | "A5" | "16k"];
  await child(root, outDir, size);
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await benchPdf(sizes.length ? sizes : [100, 1000]);
}
