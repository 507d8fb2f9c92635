/**
 * Dev-server benchmark: for each N, `npm run dev` (scripts/dev.ts, in a child process) serves a
 * synthetic archive; one letter is edited three times, and each time is reported from the
 * write to its page on disk holding the edit, with the time to the first build.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../archive.ts";
import { outputFile } from "../site/page-store.ts";
import { generateCorpus, writeCorpus } from "./corpus.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where scripts/dev.ts renders the pages. */
const DEV_SITE = join(PROJECT_ROOT, ".cache", "dev-site");
const EDITS = 3;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once("error", fail).listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Resolves once `test` holds, checking every 20 ms; rejects after `seconds`. */
async function until(test: () => boolean, seconds: number, what: string): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`dev: ${what} not seen within ${seconds} s`);
    await new Promise((wake) => setTimeout(wake, 20));
  }
}

export async function benchDev(sizes: number[]): Promise<void> {
  const catalogue = loadCatalogue(PROJECT_ROOT);
  console.log(`dev: ${cpus().length} cores; time from saving a letter to its page on disk holding the edit`);
  for (const size of sizes) {
    const work = mkdtempSync(join(tmpdir(), "fuwen-bench-dev-"));
    const letters = generateCorpus(size, catalogue);
    writeCorpus(work, letters, join(PROJECT_ROOT, "_data"));
    let log = "";
    const started = performance.now();
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--archive", work, "--port", String(await freePort())], {
      cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    try {
      await until(() => log.includes("Watching") || server.exitCode !== null, 1800, "the first build");
      if (server.exitCode !== null) throw new Error(`dev: the server stopped (${server.exitCode}):\n${log.slice(-2000)}`);
      const firstBuild = (performance.now() - started) / 1000;
      // Letter files are letters/<year>/<id>.md and their pages /letters/<year>/<id>/.
      const letter = letters[Math.floor(size / 2)]!;
      const file = join(work, letter.file);
      const page = join(DEV_SITE, outputFile(`/${letter.file.replace(/\.md$/u, "/")}`));
      if (!existsSync(page)) throw new Error(`dev: no page ${page} for ${letter.file}`);
      // The watcher reports ready a little after the first build; an edit before that is not seen.
      await new Promise((wake) => setTimeout(wake, 5000));
      const times: number[] = [];
      for (let edit = 1; edit <= EDITS; edit++) {
        const mark = `（第${edit}次修订）`;
        writeFileSync(file, readFileSync(file, "utf8").replace(/。/u, `${mark}。`));
        const saved = performance.now();
        await until(() => readFileSync(page, "utf8").includes(mark), 120, `edit ${edit} on ${page}`);
        times.push((performance.now() - saved) / 1000);
        // Let the server finish the rebuild's other pages before the next edit.
        await new Promise((wake) => setTimeout(wake, 3000));
      }
      console.log(`${size} letters: first build ${firstBuild.toFixed(1)} s; an edit shown in ${times.map((t) => `${t.toFixed(2)} s`).join(", ")}`);
    } finally {
      server.kill("SIGINT");
      await new Promise((done) => (server.exitCode !== null ? done(undefined) : server.once("exit", done)));
      rmSync(work, { recursive: true, force: true });
    }
  }
}
