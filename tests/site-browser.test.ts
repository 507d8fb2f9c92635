/**
 * End to end: the built fixture site served on 127.0.0.1 and opened in headless Chromium.
 * axe-core on every page type (letters of several issuers and every kind among them), and a
 * 320-px-wide screen without horizontal scrolling.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer";
import { launchChromium } from "../src/chromium.ts";
import { PROJECT_ROOT, writeFixtureArchive } from "./helpers/fixture-archive.ts";

const PAGE_TYPES = [
  "/", "/letters/2020/ybh-2020-135/", "/letters/2022/ybh-2022-132/", "/documents/2020/2020-03-05-zgzygwygyshylbzz/",
  "/timeline/", "/sessions/", "/sessions/npc-13-3/", "/years/", "/years/2020/", "/types/", "/types/tian/",
  "/people/", "/people/li-su-ping/", "/agencies/", "/agencies/min-zheng-bu/", "/documents/", "/data/", "/search/", "/404.html",
  // Other issuers and every kind of letter: a summary, a joint suggestion with 抄送, contact and a co-handling reply, a delegation.
  "/issuers/", "/issuers/jiao-yu-bu/", "/letters/2023/gjfzhggwyh-zy-npc-14-1-5012/", "/letters/2023/jjy-2023-215/", "/people/qing-hai-dai-biao-tuan/",
];

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".xml": "application/xml", ".json": "application/json" };

const work = mkdtempSync(join(tmpdir(), "fuwen-site-browser-"));
const out = join(work, "site");
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const archive = writeFixtureArchive(join(work, "archive"));
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--archive", archive, "--out", out, "--skip", "search,pdf"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
  server = createServer((request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = readFileSync(join(out, path));
      response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": TYPES[".html"] });
      response.end(readFileSync(join(out, "404.html")));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("in Chromium", () => {
  it("has no axe-core violations on any page type", async () => {
    const page = await browser.newPage();
    const axeSource = readFileSync(join(PROJECT_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
    const violations: string[] = [];
    for (const path of PAGE_TYPES) {
      const response = await page.goto(origin + path, { waitUntil: "load" });
      expect(response?.status(), path).toBe(200);
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      violations.push(...result.map((v) => `${path} ${v}`));
    }
    expect(violations).toEqual([]);
    await page.close();
  });

  it("fits a 320-px-wide screen without horizontal scrolling", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 320, height: 640 });
    const overflowing: string[] = [];
    for (const path of PAGE_TYPES) {
      await page.goto(origin + path, { waitUntil: "load" });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) overflowing.push(`${path}: ${width}px`);
    }
    expect(overflowing).toEqual([]);
    await page.close();
  });

  it("runs no script and loads nothing but the page itself", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`${origin}/letters/2020/ybh-2020-135/`, { waitUntil: "load" });
    expect(requests).toEqual([`${origin}/letters/2020/ybh-2020-135/`]);
    // The one script element is the schema.org description (data, never run).
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.type))).toEqual(["application/ld+json"]);
    await page.close();
  });
});
