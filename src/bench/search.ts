/**
 * Search benchmark. For each N: a synthetic archive (corpus.ts) is indexed by indexSite in a
 * child process (wall time; peak RSS of the whole process tree, Node plus the Pagefind
 * service, sampled from /proc every 50 ms), the index is measured on disk, and /search/ is
 * opened in headless Chromium with a cold cache for first searches — a common 4-character
 * term, a common 8-character phrase, a rare name, the name with its role, a number and a
 * 文号 — counting every byte the page and its workers fetch (CDP Network.loadingFinished
 * encodedDataLength, workers included via auto-attach) until the result list is complete and
 * the excerpts on screen (1280×900) are shown, the time until the list is complete, and the
 * time of the same query repeated.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, CDPSession } from "puppeteer";
import { loadCatalogue } from "../archive.ts";
import { launchChromium } from "../chromium.ts";
import { generateCorpus, writeCorpus, type SyntheticLetter } from "./corpus.ts";
import { serveStatic } from "../search/static-server.ts";
import { DEFAULT_PART_SIZE } from "../search/index.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface SearchFigures {
  letters: number;
  indexSeconds: number;
  peakRssMb: number;
  indexMb: number;
  indexFiles: number;
  searches: { label: string; query: string; results: number; kb: number; ms: number; repeatMs: number; requests: number; breakdown: string }[];
}

/** Resident memory of a process and all its descendants, in kB, from /proc. */
function treeRssKb(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, "utf8"))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

async function indexInChild(archive: string, site: string): Promise<{ seconds: number; peakRssMb: number }> {
  const code = `import { indexSite } from ${JSON.stringify(join(PROJECT_ROOT, "src/search/index.ts"))};
await indexSite({ root: ${JSON.stringify(archive)}, siteDir: ${JSON.stringify(site)}, quiet: true });`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 50);
  const status = await new Promise<number | null>((ok) => child.on("close", ok));
  clearInterval(sampler);
  if (status !== 0) throw new Error(`indexing failed:\n${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak / 1024) };
}

/** Bytes and files under path (a static host limits both). */
function sizeOf(path: string): { bytes: number; files: number } {
  if (!existsSync(path)) return { bytes: 0, files: 0 };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  return readdirSync(path).reduce((sum, name) => {
    const inner = sizeOf(join(path, name));
    return { bytes: sum.bytes + inner.bytes, files: sum.files + inner.files };
  }, { bytes: 0, files: 0 });
}

/** The rare, number and 文号 queries are taken from a letter in the middle of the corpus. */
function pickQueries(letters: SyntheticLetter[]): { label: string; query: string }[] {
  const middle = letters[Math.floor(letters.length / 2)]!;
  return [
    { label: "common", query: "医疗救助" },
    // In every letter's closing line: a long phrase needs one Pagefind chunk per character.
    { label: "phrase", query: "工作的关心和支持" },
    { label: "rare", query: middle.data.recipients[0]!.name },
    // The name is rare, the role after it is in every part.
    { label: "name+role", query: middle.data.recipients[0]!.name + middle.data.recipients[0]!.role },
    { label: "number", query: `${middle.data.proposalNumber}号` },
    { label: "文号", query: middle.data.docNumber!.replace("〔", "[").replace("〕", "]") },
  ];
}

function kind(url: string): string {
  if (/\.pf_index$/.test(url)) return "index";
  if (/\.pf_meta$/.test(url)) return "meta";
  if (/\.pf_filter$/.test(url)) return "filters";
  if (/\/search\/text\//.test(url)) return "text";
  if (/\/search\/dir\//.test(url)) return "directory";
  if (/\/search\/cards\//.test(url)) return "cards";
  if (/\/pagefind\/.*(\.js|wasm\.)/.test(url)) return "pagefind code";
  return "page";
}

/** Counts bytes over the page's session and every worker it starts. */
async function watchBytes(session: CDPSession, log: { url: string; bytes: number }[]): Promise<void> {
  const urls = new Map<string, string>();
  session.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
  session.on("Network.loadingFinished", (event) => log.push({ url: urls.get(event.requestId) ?? "?", bytes: event.encodedDataLength }));
  session.on("sessionattached", async (child: CDPSession) => {
    await watchBytes(child, log);
    await child.send("Runtime.runIfWaitingForDebugger").catch(() => undefined);
  });
  await session.send("Network.enable");
  await session.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }).catch(() => undefined);
}

async function firstSearch(browser: Browser, origin: string, query: string) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const log: { url: string; bytes: number }[] = [];
  await watchBytes(await page.createCDPSession(), log);
  await page.goto(`${origin}/search/`, { waitUntil: "networkidle0" });
  const pageBytes = log.reduce((sum, entry) => sum + entry.bytes, 0);
  log.length = 0;
  const run = (q: string) =>
    page.evaluate(async (text) => {
      const list = document.getElementById("results")!;
      (document.getElementById("search-input") as HTMLInputElement).value = text;
      const started = performance.now();
      (document.getElementById("search-form") as HTMLFormElement).requestSubmit();
      while (list.getAttribute("aria-busy") !== "false") await new Promise((r) => setTimeout(r, 2));
      const ms = performance.now() - started;
      // Excerpts load for results in or near the viewport; wait for those on screen.
      const visible = [...list.querySelectorAll("li")].filter((li) => li.getBoundingClientRect().top < innerHeight);
      const waitStart = performance.now();
      while (visible.some((li) => !li.querySelector(".result-excerpt")!.textContent) && performance.now() - waitStart < 20000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      return { ms, results: Number(/共 (\d+) 条|已找到 (\d+) 条/.exec(document.getElementById("search-status")!.textContent!)?.slice(1).find(Boolean) ?? list.children.length) };
    }, q);
  const first = await run(query);
  await new Promise((r) => setTimeout(r, 300));
  const bytes = log.reduce((sum, entry) => sum + entry.bytes, 0);
  const byKind = new Map<string, number>();
  for (const entry of log) byKind.set(kind(entry.url), (byKind.get(kind(entry.url)) ?? 0) + entry.bytes);
  const requests = log.length;
  const repeat = await run(query);
  await context.close();
  return {
    results: first.results, kb: bytes / 1024, ms: first.ms, repeatMs: repeat.ms, requests, pageKb: pageBytes / 1024,
    breakdown: [...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}`).join(", "),
  };
}

export async function benchSearch(sizes: number[]): Promise<SearchFigures[]> {
  const catalogue = loadCatalogue(PROJECT_ROOT);
  const figures: SearchFigures[] = [];
  const work = mkdtempSync(join(tmpdir(), "fuwen-bench-search-"));
  try {
    // The search page itself does not depend on the archive: build the seed site once and reuse its page.
    const seedSite = join(work, "seed-site");
    const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out", seedSite, "--skip", "search,pdf"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
    console.log(`search: Pagefind 1.6.0, parts of ${DEFAULT_PART_SIZE} records; sizes in KB as transferred (gzip where the server compresses)`);
    const browser = await launchChromium();
    try {
      for (const n of sizes) {
        const archive = join(work, `archive-${n}`);
        const site = join(work, `site-${n}`);
        const letters = generateCorpus(n, catalogue);
        writeCorpus(archive, letters, join(PROJECT_ROOT, "_data"));
        mkdirSync(join(site, "search"), { recursive: true });
        cpSync(join(seedSite, "search", "index.html"), join(site, "search", "index.html"));
        const { seconds, peakRssMb } = await indexInChild(archive, site);
        const [pagefindSize, searchSize] = [sizeOf(join(site, "pagefind")), sizeOf(join(site, "search"))];
        const indexMb = (pagefindSize.bytes + searchSize.bytes) / 1048576;
        const indexFiles = pagefindSize.files + searchSize.files;
        const server = await serveStatic(site);
        const searches: SearchFigures["searches"] = [];
        try {
          for (const { label, query } of pickQueries(letters)) {
            const result = await firstSearch(browser, server.url, query);
            searches.push({ label, query, ...result });
          }
        } finally {
          await server.close();
        }
        figures.push({ letters: n, indexSeconds: seconds, peakRssMb, indexMb, indexFiles, searches });
        console.log(`\n${n} letters: indexed in ${seconds.toFixed(1)} s, peak RSS ${peakRssMb} MB (Node + Pagefind), index ${indexMb.toFixed(1)} MB in ${indexFiles} files on disk`);
        console.log("  query                     results  first search KB  requests  ms     repeat ms  breakdown (KB)");
        for (const s of searches) {
          console.log(`  ${`${s.label} ${s.query}`.padEnd(24)}  ${String(s.results).padStart(7)}  ${s.kb.toFixed(0).padStart(15)}  ${String(s.requests).padStart(8)}  ${s.ms.toFixed(0).padStart(5)}  ${s.repeatMs.toFixed(1).padStart(9)}  ${s.breakdown}`);
        }
        rmSync(archive, { recursive: true, force: true });
        rmSync(site, { recursive: true, force: true });
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}
