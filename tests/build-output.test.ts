/**
 * The build's output as a host sees it: one build at a time, leftovers of a killed build
 * cleared, unchanged files keeping their modification times, and the file count and size.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { placeFile, placeTree } from "../src/atomic.ts";
import { carryOverTimes, lockOutput, outputSize, stagingDirectory } from "../src/output.ts";
import { cachedStep, mergeInto } from "../src/step-cache.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const work = mkdtempSync(join(tmpdir(), "fuwen-output-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** A pid no process has (Linux pids stay below 2^22). */
const DEAD = 4_194_304 + 17;

describe("one build at a time", () => {
  it("refuses a second build of the same output while the first runs, and takes a lock a killed build left", () => {
    const out = join(work, "site");
    const release = lockOutput(out);
    expect(() => lockOutput(out)).toThrow(`another build (pid ${process.pid}) is writing ${out}; wait for it to finish (or remove ${out}.lock if no build is running)`);
    release();
    writeFileSync(`${out}.lock`, String(DEAD));
    const again = lockOutput(out);
    expect(readFileSync(`${out}.lock`, "utf8")).toBe(String(process.pid));
    again();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it("clears the staging directory of a build that was killed, not one that runs", () => {
    const out = join(work, "site2");
    const stale = stagingDirectory(out, DEAD);
    const running = stagingDirectory(out, process.pid);
    for (const dir of [stale, running]) mkdirSync(join(dir, "letters"), { recursive: true });
    lockOutput(out)();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });
});

describe("unchanged files keep their times", () => {
  it("copies the old file's times onto a new file only when the bytes are the same", () => {
    const [before, after] = [join(work, "before"), join(work, "after")];
    for (const dir of [before, after]) mkdirSync(join(dir, "a"), { recursive: true });
    writeFileSync(join(before, "a", "same.html"), "同");
    writeFileSync(join(after, "a", "same.html"), "同");
    writeFileSync(join(before, "a", "edited.html"), "旧");
    writeFileSync(join(after, "a", "edited.html"), "新");
    writeFileSync(join(after, "a", "added.html"), "新");
    // Written just now: a time with nanoseconds, which a copy through seconds would round.
    writeFileSync(join(before, "a", "recent.html"), "近");
    writeFileSync(join(after, "a", "recent.html"), "近");
    const old = new Date("2024-01-02T03:04:05Z");
    for (const name of ["same.html", "edited.html"]) utimesSync(join(before, "a", name), old, old);
    const recent = statSync(join(before, "a", "recent.html"), { bigint: true }).mtimeNs;
    expect(carryOverTimes(after, before)).toBe(2);
    expect(statSync(join(after, "a", "recent.html"), { bigint: true }).mtimeNs).toBe(recent);
    expect(statSync(join(after, "a", "same.html")).mtime.toISOString()).toBe(old.toISOString());
    expect(statSync(join(after, "a", "edited.html")).mtime.getTime()).toBeGreaterThan(old.getTime());
    expect(outputSize(after)).toEqual({ files: 4, bytes: 12 });
  });

  it("places a kept file as a link to it, replaced by rename, so an unchanged one is known by its inode", () => {
    const cache = join(work, "cache");
    const [before, after] = [join(work, "linked-before"), join(work, "linked-after")];
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, "kept.pdf"), "卷");
    placeFile(join(cache, "kept.pdf"), join(before, "kept.pdf"));
    placeTree(cache, after);
    expect(statSync(join(after, "kept.pdf")).ino).toBe(statSync(join(cache, "kept.pdf")).ino);
    expect(statSync(join(before, "kept.pdf")).ino).toBe(statSync(join(cache, "kept.pdf")).ino);
    expect(carryOverTimes(after, before)).toBe(1);
    // Placing another file over a placed one replaces the link: the kept file is untouched.
    writeFileSync(join(work, "other.pdf"), "册");
    placeFile(join(work, "other.pdf"), join(after, "kept.pdf"));
    expect(readFileSync(join(cache, "kept.pdf"), "utf8")).toBe("卷");
    expect(readFileSync(join(after, "kept.pdf"), "utf8")).toBe("册");
  });

  it("through npm run build: an edited letter's page changes, the other pages keep their times", () => {
    const archive = join(work, "archive");
    cpSync(join(PROJECT_ROOT, "letters"), join(archive, "letters"), { recursive: true });
    cpSync(join(PROJECT_ROOT, "_data"), join(archive, "_data"), { recursive: true });
    const out = join(work, "built");
    const build = () => spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out, "--skip", "pdf,search"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(build().status).toBe(0);
    const page = (id: string) => join(out, "letters", id.slice(4, 8), id, "index.html");
    const old = new Date("2024-01-02T03:04:05Z");
    for (const id of ["ybh-2020-135", "ybh-2021-194"]) utimesSync(page(id), old, old);

    const letter = join(archive, "letters", "2021", "ybh-2021-194.md");
    writeFileSync(letter, readFileSync(letter, "utf8").replace("感谢您对医疗保障工作的关心和支持。", "感谢您对医疗保障工作的关心与支持。"));
    const second = build();
    expect(second.status, second.stderr).toBe(0);
    expect(statSync(page("ybh-2020-135")).mtime.toISOString()).toBe(old.toISOString());
    expect(statSync(page("ybh-2021-194")).mtime.getTime()).toBeGreaterThan(old.getTime());
    expect(readFileSync(page("ybh-2021-194"), "utf8")).toContain("关心与支持");
    expect(second.stdout).toMatch(/^Output: \d+ files, \d+\.\d MB \(\d+ unchanged since the last build\)\.$/mu);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

describe("steps kept from the last build", () => {
  it("runs a step once per key, puts its files and result back for the same key, and keeps only the newest entry", async () => {
    const cache = join(work, "steps");
    let runs = 0;
    const step = (dir: string) => async () => {
      runs++;
      mkdirSync(join(dir, "search"), { recursive: true });
      writeFileSync(join(dir, "search", "manifest.json"), `run ${runs}`);
      return { parts: runs };
    };
    const [a, b, c] = ["step-a", "step-b", "step-c"].map((name) => join(work, name)) as [string, string, string];
    expect(await cachedStep(cache, "k1", a, step(a))).toEqual({ result: { parts: 1 }, cached: false });
    expect(await cachedStep(cache, "k1", b, step(b))).toEqual({ result: { parts: 1 }, cached: true });
    expect(runs).toBe(1);
    expect(readFileSync(join(b, "search", "manifest.json"), "utf8")).toBe("run 1");
    expect(await cachedStep(cache, "k2", c, step(c))).toEqual({ result: { parts: 2 }, cached: false });
    // The old entry is discarded: renamed out of the way at once, removed in the background.
    expect(readdirSync(cache).filter((name) => !name.startsWith(".discarded-"))).toEqual(["k2"]);
    await vi.waitFor(() => expect(readdirSync(cache)).toEqual(["k2"]), { timeout: 10_000, interval: 50 });
  });

  it("merges a step's directory into the site by renames, and refuses a file two steps wrote", () => {
    const [site, pages, search] = ["merged", "merge-pages", "merge-search"].map((name) => join(work, name)) as [string, string, string];
    mkdirSync(join(pages, "search"), { recursive: true });
    writeFileSync(join(pages, "search", "index.html"), "页");
    mkdirSync(join(search, "search"), { recursive: true });
    writeFileSync(join(search, "search", "manifest.json"), "{}");
    mergeInto(pages, site);
    mergeInto(search, site);
    expect(readdirSync(join(site, "search")).sort()).toEqual(["index.html", "manifest.json"]);
    expect(existsSync(search)).toBe(false);
    mkdirSync(join(search, "search"), { recursive: true });
    writeFileSync(join(search, "search", "index.html"), "又");
    expect(() => mergeInto(search, site)).toThrow(`two build steps wrote ${join(site, "search", "index.html")}`);
  });
});
