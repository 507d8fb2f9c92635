/**
 * The search tests' oracle: what a reader's Ctrl+F finds on a built letter or document page.
 * Deliberately independent of what the indexer is given (src/search/records.ts) and of how it folds
 * text (core.ts): the text is read from the rendered page in Chromium, and matched with a
 * separate statement of the folding rules.
 *
 * The region searched, decided once here:
 *   - letter pages: the letter as printed, i.e. the innerText of <main>'s <article> (heading,
 *     文号, salutation, body, signature, date and any disclosure line such as （主动公开）), plus
 *     the suggestion's or proposal's title from the aside ("建议标题"/"提案标题"), which the
 *     records include on purpose so that a title finds its reply;
 *   - document pages: the innerText of the <article> (title, publisher and date line, any
 *     notices, body).
 * Navigation, the rest of the aside (session, people, agencies, source, citation) and the
 * footer are not searched. A line of innerText is a block (paragraph, heading, list item):
 * Chromium's find-in-page does not match across blocks, and neither does search.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "puppeteer";

/** Every letter and document page of a built site, from its files: /letters/<year>/<id>/ and /documents/<year>/<id>/. */
export function readerPageUrls(siteDir: string): string[] {
  const found: string[] = [];
  for (const top of ["letters", "documents"]) {
    if (!existsSync(join(siteDir, top))) continue;
    for (const year of readdirSync(join(siteDir, top)).filter((name) => /^\d{4}$/.test(name))) {
      for (const id of readdirSync(join(siteDir, top, year))) {
        if (existsSync(join(siteDir, top, year, id, "index.html"))) found.push(`/${top}/${year}/${id}/`);
      }
    }
  }
  return found.sort();
}

export interface ReaderPage {
  /** The region's text, one entry per block, white space collapsed. */
  paragraphs: string[];
  /** The aside's record details, label → text (会议, 类型与编号, 会商部门, 答复日期, …). */
  details: Record<string, string>;
}

/**
 * Reads pages of a site in one Chromium tab. Each page's HTML is fetched and becomes the tab's
 * document in place (its own head and styles, laid out like a navigation to it, which the
 * pages' lack of scripts makes equivalent), so reading 150 pages takes about 3 s instead of 15 s
 * of navigations on a 2-core machine.
 */
export async function readPages(browser: Browser, origin: string, urls: readonly string[]): Promise<Map<string, ReaderPage>> {
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/`);
    const read = await tab.evaluate(async (list: string[]) => {
      const htmls = await Promise.all(list.map(async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.text();
      }));
      return htmls.map((html, i) => {
        const parsed = new DOMParser().parseFromString(html, "text/html");
        document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
        const article = document.querySelector<HTMLElement>("main article");
        if (!article) throw new Error(`${list[i]}: no <article> in <main>`);
        const texts = [article.innerText];
        const details: Record<string, string> = {};
        for (const dt of document.querySelectorAll<HTMLElement>("main aside dt")) {
          const dd = dt.nextElementSibling;
          if (!(dd instanceof HTMLElement)) continue;
          details[dt.innerText.trim()] = dd.innerText.trim();
          if (/^(建议|提案)标题$/.test(dt.innerText.trim())) texts.push(dd.innerText);
          // A 文号 printed with 第 is given there in its form without 第 too, which search finds.
          if (dt.innerText.trim() === "发文字号" && dd.innerText.includes("又作")) texts.push(dd.innerText);
        }
        return { texts, details };
      });
    }, [...urls]);
    return new Map(urls.map((url, i) => {
      const { texts, details } = read[i]!;
      const paragraphs = texts.flatMap((text) => text.split("\n")).map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean);
      return [url, { paragraphs, details }];
    }));
  } finally {
    await tab.close();
  }
}

/**
 * The folding readers expect, stated apart from core.ts: full-width ASCII forms are ASCII
 * (１月 = 1月, ［ = [), 〔〕 are [], ASCII letters match in either case, and any run of white
 * space is one space.
 */
export function readerFold(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/〔/g, "[")
    .replace(/〕/g, "]")
    .replace(/[A-Z]+/g, (s) => s.toLowerCase())
    .replace(/\s+/g, " ");
}

/** Occurrences of a query in a page's paragraphs, overlapping ones included (啊啊啊 holds 啊啊 twice). */
export function readerOccurrences(paragraphs: readonly string[], query: string): number {
  const needle = readerFold(query).trim();
  if (!needle) return 0;
  let count = 0;
  for (const paragraph of paragraphs) {
    const hay = readerFold(paragraph);
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) count++;
  }
  return count;
}

export function readerContains(paragraphs: readonly string[], query: string): boolean {
  return readerOccurrences(paragraphs, query) > 0;
}

/**
 * Queries a reader might type: up to `count` substrings of the pages' blocks, drawn with a
 * fixed seed (a linear congruential generator), so a failing query comes back on every run.
 * `length` draws each query's length in characters.
 */
export function sampleQueries(
  pages: readonly (readonly string[])[],
  count: number,
  seed: number,
  length: (rand: () => number) => number,
): string[] {
  let state = seed;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs = pages[Math.floor(rand() * pages.length)]!;
    const chars = [...paragraphs[Math.floor(rand() * paragraphs.length)]!];
    const start = Math.floor(rand() * chars.length);
    const query = chars.slice(start, start + length(rand)).join("").trim();
    if (query) queries.push(query);
  }
  return queries;
}

/** Mostly short queries (1–6 characters), sometimes long ones (up to 16). */
export const typedLength = (rand: () => number): number => 1 + Math.floor(rand() * (rand() < 0.8 ? 6 : 16));
